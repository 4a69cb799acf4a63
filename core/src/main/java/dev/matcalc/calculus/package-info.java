/**
 * Differentiation.
 *
 * <h2>Representation: a derivative is a linear map, written as an expression</h2>
 * The derivative of F with respect to X is the linear map dX ↦ dF. We write it as an ordinary
 * {@link dev.matcalc.expr.Expr} that is linear in a <em>differential</em> variable dX (a
 * {@link dev.matcalc.expr.Var} of kind {@code DIFFERENTIAL}, shaped like X): the differential
 * of Magnus &amp; Neudecker, e.g. d(x'Ax) = dx'·A·x + x'·A·dx. {@link Forward} builds it with one
 * rule per node (forward mode); the function rules live in the function tables.
 *
 * <p>Why this representation, rather than index (einsum) form or vec/Kronecker matrices: it is
 * closed under every order and every shape without new node kinds. A Hessian is the derivative
 * of a gradient (a second differential, bilinear in dX₁ and dX₂); the 4th-order tensor
 * d(AXB)/dX is simply the expression A·dX·B. Matrix notation is then <em>read off</em> the map
 * where it exists: {@link Reverse} transposes a scalar-valued map into its gradient G with
 * dF = ⟨G, dX⟩ (reverse mode as the transpose of forward mode, so only linear nodes need a
 * transpose rule), {@link JacobianExtraction} writes a vector-valued map of a vector as M·dx,
 * and maps with no matrix form are shown as their differential (and, in later stages, in vec /
 * Kronecker and index form). Numbers for any order come from evaluating the map on basis
 * directions, so the symbolic and numeric paths share one definition.
 *
 * <p>Invariants: every expression built here is shared, never copied, when a subterm is reused
 * (memo tables keyed by identity), so derivatives of DAGs stay DAGs; zero terms are never built.
 */
package dev.matcalc.calculus;
