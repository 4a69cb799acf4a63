/**
 * Numbers: evaluating expressions, derivative tensors, finite-difference checks, random test
 * points and JSON values.
 *
 * <p><b>Design.</b> {@link dev.matcalc.numeric.Evaluator} computes an expression DAG with EJML
 * ({@code DMatrixRMaj}; scalars are 1×1), once per shared node, binding symbolic dimensions from
 * the values given. A derivative is an expression D linear in a differential dX; its numbers
 * come from evaluating D with dX set to each basis matrix E_k ({@link dev.matcalc.numeric.Derivatives}),
 * which child evaluators make cheap: only the nodes that mention dX are recomputed per direction.
 * What is computed is an expression's {@link dev.matcalc.numeric.StableForms stable form}: the same
 * value, finite where the written form overflows ({@code log(1 + exp(u))} as {@code softplus(u)});
 * compiled plans and generated code compute it too, and nothing shown to a user is rewritten.
 * {@link dev.matcalc.numeric.FiniteDifferences} computes the same tensors by central differences,
 * and {@link dev.matcalc.numeric.DualEvaluator} by forward-mode dual numbers, with kernels of its
 * own (never the symbolic rules): independent references. {@link dev.matcalc.numeric.DualNumbers}
 * makes the dual numbers the reference of {@code check}: exact up to rounding, with an estimate of
 * that rounding and the place ({@link dev.matcalc.numeric.OutOfRange}) where the values left the
 * range of doubles, if they did. {@link dev.matcalc.numeric.RandomPoints} draws the points to
 * check at.
 * {@link dev.matcalc.numeric.SymmetricValues} refuses a value of a symmetric variable that is not
 * symmetric; the API applies it to every value from outside (never to the perturbed points of
 * finite differences).
 *
 * <p><b>Index convention.</b> Whatever layout a derivative is displayed in, its numbers are a
 * {@link dev.matcalc.numeric.Tensor} with axes shape(f) + shape(x) (PyTorch's and JAX's
 * {@code jacobian}), where a scalar contributes no axis, a column vector n×1 or a row vector 1×n
 * one axis [n], and a matrix m×n two axes [m, n]. Examples: gradient of a scalar in an n-vector:
 * [n]; Jacobian of an m-vector in an n-vector: [m, n]; scalar in an m×n matrix: [m, n]; m×n
 * matrix in a p×q matrix: [m, n, p, q]; second order: shape(f) + shape(x1) + shape(x2). The
 * entry at (i…, j…) is component i of D(E_j): ∂f_i/∂x_j. Whether a shape is a scalar, vector or
 * matrix is decided by its declared (static) shape, not by sizes at a point.
 */
package dev.matcalc.numeric;
