/**
 * Simplification to compact, canonical matrix notation.
 *
 * <p>Named rewrite rules ({@link dev.matcalc.simplify.Rule}), each with its law beside it
 * ({@code transposeOfProduct: (AB)' = B'A'}), run bottom-up to a fixpoint by
 * {@link dev.matcalc.simplify.Simplifier}, which can record a step for every rewrite (the
 * explanation of a derivation reads those records). Canonical forms make answers compact:
 * transposes pushed to the leaves, sorted terms and factors ({@link dev.matcalc.simplify.Order}),
 * like terms collected, common left/right factors pulled out ({@code A*x + A'*x = (A+A')*x}), and
 * common element-wise and scalar factors too ({@code S.*V - S.*sum(S.*V, 2) = (V - sum(V.*S, 2)).*S},
 * the softmax Jacobian applied per row; {@code X/t^3 + Y/t = (X/t^2 + Y)/t}),
 * symmetric-matrix facts used ({@link dev.matcalc.simplify.Symmetry}). Every rule preserves value;
 * the tests check that numerically on random expressions. No rule distributes a product over a
 * sum, so factoring never fights expansion and the rewriting terminates (a budget guards anyway).
 */
package dev.matcalc.simplify;
