/**
 * Code generation: a function and its derivatives as a self-contained module a user pastes into a
 * project, for NumPy, PyTorch, JAX ({@code def fAndG(...)}) or Java over EJML (a class with
 * {@code static Result fAndG(...)} taking typed parameters, and the same taking a map by name);
 * {@link dev.matcalc.codegen.CodeOptions} names the function and the class and may leave out the
 * self-test ({@code checkGradient}).
 *
 * <p>Conventions shared by every target: vectors are 1-d arrays (Java: n×1 matrices), matrices
 * 2-d, scalars 0-d; a derivative comes in the shape(f) + shape(wrt₁) + … convention whatever the
 * layout it was asked in ({@code CodeGen} takes it again in the mixed layout, whose matrix forms are
 * in that convention, so the value and the derivative share subterms in one orientation); it is generated from the
 * derivative's matrix form, and only a tensor with no matrix form is built from its differential
 * on basis directions (Python targets; Java refuses). Subterms used more than once, across the
 * value and all derivatives, are computed once into temporaries {@code t0, t1, ...} (another letter
 * where a variable is {@code t}); the input's definitions and the answers' named parts keep their
 * names, and a derivative's subterm equal to a definition is computed as it
 * ({@link dev.matcalc.codegen.DefinitionNames}). The code computes
 * the {@link dev.matcalc.numeric.StableForms stable forms} of the expressions, which its
 * documentation shows as written.
 *
 * <p>{@link dev.matcalc.codegen.CodeGen} is the entry point; {@link dev.matcalc.codegen.Plan}
 * holds what every target needs (variables, dimensions, roots, shared subterms).
 */
package dev.matcalc.codegen;
