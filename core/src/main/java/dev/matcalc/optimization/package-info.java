/**
 * Numerical optimization: minimize f(x) over x ∈ Rⁿ, subject to bounds l ≤ x ≤ u and, through the
 * augmented Lagrangian, to constraints g(x) ≤ 0 and h(x) = 0.
 *
 * <p><b>Design.</b> The solvers know nothing of expressions: they see a
 * {@link dev.matcalc.optimization.DifferentiableFunction} of a flat {@code double[]} (value,
 * gradient, optionally Hessian-vector products), which matcalc derives symbolically and compiles
 * elsewhere. Constraints reach the solver as one augmented-Lagrangian function per multiplier
 * estimate ({@link dev.matcalc.optimization.ConstrainedProblem}), so the constraint Jacobian is
 * never formed and each solver stays the textbook algorithm. The reference throughout is
 * Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006 (N&amp;W).
 * <ul>
 * <li>{@link dev.matcalc.optimization.LbfgsB}: L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu, SIAM J. Sci.
 *     Comput. 16(5), 1995, with Morales &amp; Nocedal's 2011 subspace projection): generalized Cauchy
 *     point ({@code CauchyPoint}), subspace step ({@code SubspaceMinimization}) and the compact
 *     L-BFGS matrix ({@code CompactLbfgs}), each in its own file.
 * <li>{@link dev.matcalc.optimization.NewtonCg}: projected truncated Newton (Bertsekas 1982; N&amp;W
 *     Algorithm 7.1) on Hessian-vector products ({@code ConjugateGradient}).
 * <li>{@code LineSearch} around {@code MoreThuente} (Moré &amp; Thuente, ACM TOMS 20(3), 1994), shared
 *     by both: strong Wolfe conditions, back-off outside the domain, Hager &amp; Zhang's approximate
 *     Wolfe test (SIAM J. Optim. 16(1), 2005) where f is flat at rounding level, and an
 *     unboundedness probe.
 * <li>{@link dev.matcalc.optimization.AugmentedLagrangian}: PHR augmented Lagrangian with
 *     Birgin &amp; Martínez's safeguards (2014); the inner problems go to
 *     {@link dev.matcalc.optimization.Solvers}.
 * <li>{@link dev.matcalc.optimization.Solvers}: the front door and the AUTO rule (L-BFGS-B,
 *     handing over to Newton-CG when a Hessian-vector product exists and progress is slow).
 * <li>{@link dev.matcalc.optimization.ActiveSetPolish}: after a solve met its tolerance, Newton's
 *     method on the KKT conditions of the active set (bounds and constraints that hold with
 *     equality), so that active bounds hold exactly and small problems come out to rounding.
 * </ul>
 *
 * <p><b>Invariants.</b>
 * <ul>
 * <li>Every point evaluated and returned lies in the box; a coordinate that reaches a bound holds
 *     exactly the bound's value (the Cauchy point fixes it, projections and moves along a ray snap
 *     to it), so a lasso rewritten with bounds has exact zeros.
 * <li>f = NaN or +∞, or a non-finite gradient, means "outside the domain": the line searches back
 *     off, never fail on it; a start outside the domain is {@link dev.matcalc.optimization.Status#FAILED}.
 * <li>Unbounded below ({@link dev.matcalc.optimization.Status#UNBOUNDED}): f ≤ −10³⁰⁰ at some point;
 *     or the iterates pass max(1, ‖x₀‖∞)/ε ≈ 4.5·10¹⁵ in norm; the line search's probe along a ray
 *     with undiminished slope makes either happen within a few evaluations when f is unbounded
 *     along it.
 * <li>Stopping tests (same in every driver; see {@link dev.matcalc.optimization.Options}): projected
 *     gradient ‖P(x − ∇f) − x‖∞ ≤ tol·max(1, |f|) with |f| capped at 10·max(1, |f(x₀)|); relative
 *     decrease ≤ decreaseTolerance (SciPy's factr·ε); the iteration limit. The result says which
 *     test ended the solve in {@link dev.matcalc.optimization.Result#message()}.
 * <li>Work per iteration: O(mn) for L-BFGS-B (plus O(m²) per Cauchy breakpoint passed), O(n) plus the
 *     products for Newton-CG. Arrays are allocated once per solve and reused; nothing is allocated
 *     per iteration except the {@link dev.matcalc.optimization.Iteration} handed to a listener.
 * <li>Input errors (wrong lengths, non-finite start, NaN bounds, bad options) are
 *     {@link java.lang.IllegalArgumentException}s naming what is wrong; an empty box is an answer,
 *     {@link dev.matcalc.optimization.Status#INFEASIBLE}.
 * </ul>
 *
 * <p>Measured beside SciPy's L-BFGS-B (the reference Fortran 3.0) on identical problems with the
 * same settings, iteration and evaluation counts agree to within a few per cent, one iteration on
 * the short runs ({@code ScipyComparisonTest}; {@code docs/optimization.md} has the table).
 */
package dev.matcalc.optimization;
