/**
 * Code generation: a function and its derivatives as a self-contained module a user pastes into a
 * project, for NumPy, PyTorch, JAX ({@code def fAndG(...)}) or Java over EJML
 * ({@code static Result fAndG(Map<String, DMatrixRMaj>)}).
 *
 * <p>Conventions shared by every target: vectors are 1-d arrays (Java: n×1 matrices), matrices
 * 2-d, scalars 0-d; a derivative comes in the shape(f) + shape(wrt₁) + … convention whatever the
 * layout it was derived in (the layout is undone with one transpose); it is generated from the
 * derivative's matrix form, and only a tensor with no matrix form is built from its differential
 * on basis directions (Python targets; Java refuses). Subterms used more than once, across the
 * value and all derivatives, are computed once into temporaries {@code t0, t1, ...}. The code computes
 * the {@link dev.matcalc.numeric.StableForms stable forms} of the expressions, which its
 * documentation shows as written.
 *
 * <p>{@link dev.matcalc.codegen.CodeGen} is the entry point; {@link dev.matcalc.codegen.Plan}
 * holds what every target needs (variables, dimensions, roots, shared subterms).
 */
package dev.matcalc.codegen;
