/**
 * Compiled evaluation plans: an expression DAG (a derivative, its function, its differential) turned
 * once into a list of steps over preallocated buffers and run many times.
 *
 * <p>Like the evaluator, a plan computes its roots' {@link dev.matcalc.numeric.StableForms stable forms}.
 * What the plan does that the reference {@link dev.matcalc.numeric.Evaluator} does not: structurally
 * equal subterms share one step (hash-consing on top of identity); product chains are associated by
 * cost when the sizes are known, with transposes passed to the multiplication instead of formed;
 * {@code diag(v)} inside a product scales rows or columns; products known to be symmetric
 * ({@link dev.matcalc.simplify.Symmetry}) compute one triangle and mirror it; element-wise steps
 * write over an input buffer nobody else reads; large products go to native BLAS ({@link Dense}).
 * Coefficients leave element-wise products and an element-wise product with an outer product of a
 * vector and ones becomes a row or column scaling ({@link Scalings}: a batched layer's gradient then
 * computes each product once); a sum reads its row- or column-scaled terms with their factors in one
 * pass ({@link LineScaledSum}); a sum of all entries reads line sums or another arrangement of a
 * Hadamard product that the plan computes anyway ({@link SharedSums}: attention's value
 * {@code sum(G.*(S*V))} is {@code sum((G*V').*S)}, whose row sums its gradient needs);
 * softmax and logsumexp of matrix columns run row by row ({@link Softmax});
 * {@code X*w}, element-wise steps on it and {@code X'*r} read a large X once, in blocks of rows
 * ({@link RowFusion}).
 * An input bound to a {@link dev.matcalc.numeric.SparseMatrix} is sparse: only sparse-times-dense
 * products read it ({@link SparseProducts}), chains are ordered so that it never meets another
 * sparse or diagonal factor, and {@link SparseUses} refuses every other use before a plan is built.
 * Steps that depend on a differential direction are marked, so a Hessian-vector product, or a tensor
 * read column by column, reruns only them.
 */
package dev.matcalc.compile;
