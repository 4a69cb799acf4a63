/**
 * Showing derivatives that are tensors (no matrix form): a vector or matrix by a matrix, a
 * matrix by a vector, Hessians by matrices, third derivatives.
 *
 * <p>Both forms are read off the derivative's differential, the linear map dX ↦ dF:
 * <ul>
 *   <li>{@link dev.matcalc.tensor.KroneckerForm}: Magnus–Neudecker's d vec F / d (vec X)ᵀ as a
 *   sum of Kronecker products, vec(A·dX·B) = (Bᵀ ⊗ A)·vec(dX), with the commutation matrix K for
 *   dXᵀ (vec is column-major). Not every map has one here (element-wise products of a matrix
 *   direction, for instance); then only the index form is given.</li>
 *   <li>{@link dev.matcalc.tensor.IndexNotation}: the entries in Einstein notation, always
 *   available: T[i,j,k,l] = δ(i,k)·(V'*V)[j,l], repeated dummy indices summed.</li>
 * </ul>
 * Both are checked in the tests by evaluating them and comparing with the tensor of numbers.
 */
package dev.matcalc.tensor;
