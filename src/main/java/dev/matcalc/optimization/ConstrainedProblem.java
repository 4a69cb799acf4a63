package dev.matcalc.optimization;

/**
 * min f(x) subject to g(x) ≤ 0 and h(x) = 0, for an augmented Lagrangian method.
 * {@link #lagrangian} is the Powell–Hestenes–Rockafellar function
 * f + ρ/2·(‖max(0, g + λ/ρ)‖² + ‖h + μ/ρ‖²).
 */
public interface ConstrainedProblem {
    int dimension();

    int inequalities();

    int equalities();

    DifferentiableFunction objective();

    /** g(x) ≤ 0 into {@code g}, h(x) = 0 into {@code h}. */
    void constraints(double[] x, double[] g, double[] h);

    DifferentiableFunction lagrangian(double[] lambda, double[] mu, double rho);
}
