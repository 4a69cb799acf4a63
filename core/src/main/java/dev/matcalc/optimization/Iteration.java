package dev.matcalc.optimization;

/**
 * One finished iteration, as reported to an {@link IterationListener}.
 *
 * @param iteration   1 for the first iteration (counting on across a method switch)
 * @param objective   f at the new iterate (for the augmented Lagrangian: the inner function)
 * @param optimality  infinity norm of the projected gradient P(x − ∇f) − x at the new iterate
 * @param step        infinity norm of the change in x in this iteration
 * @param evaluations value-and-gradient evaluations so far
 * @param nanos       time since the solve started
 */
public record Iteration(int iteration, double objective, double optimality, double step, int evaluations, long nanos) {
}
