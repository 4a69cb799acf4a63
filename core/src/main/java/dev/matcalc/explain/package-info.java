/**
 * Step-by-step derivations in the style of Parr and Howard's notes: intermediate variables, one
 * per operation; the local derivative of each, computed by the engine itself and named by its
 * rule; the chain rule that combines them; substitution; and each named simplification, down to
 * the engine's answer. {@link dev.matcalc.explain.Explainer} builds a
 * {@link dev.matcalc.explain.Derivation}; {@link dev.matcalc.explain.DerivationFormat} prints it
 * as text, Unicode or a LaTeX {@code align*} block.
 */
package dev.matcalc.explain;
