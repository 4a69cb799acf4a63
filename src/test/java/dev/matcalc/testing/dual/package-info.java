/**
 * A forward-mode (dual number) evaluator written independently of the symbolic engine: it carries
 * each node's value together with its tangents (one per basis direction of the variable) and
 * applies its own numeric derivative kernels, never {@code Fn.derivative}, {@code MatFn.derivative}
 * or the {@code calculus} package. It is the third oracle, beside the symbolic derivative and
 * central finite differences, that random expressions are checked against.
 */
package dev.matcalc.testing.dual;
