package dev.matcalc.optimization;

/**
 * min f(x) subject to g(x) ≤ 0 (p inequalities), h(x) = 0 (q equalities) and bounds, as the
 * {@link AugmentedLagrangian} needs it. The caller builds the augmented Lagrangian itself (its
 * gradient derived symbolically, so no constraint Jacobian is ever formed):
 * <pre>
 *   L_ρ(x; λ, μ) = f(x) + ρ/2·( ‖max(0, g(x) + λ/ρ)‖² + ‖h(x) + μ/ρ‖² )
 * </pre>
 * (Powell–Hestenes–Rockafellar; N&amp;W eq. 17.36 and 17.65, without the constant −(‖λ‖² + ‖μ‖²)/(2ρ),
 * which moves no minimizer; the solver adds it back for its stopping tests). Its gradient is ∇f + Σ max(0, λ_i + ρg_i)·∇g_i + Σ (μ_j + ρh_j)·∇h_j,
 * the Lagrangian's gradient at the updated multipliers.
 */
public interface ConstrainedProblem {
    /** n, the number of variables. */
    int dimension();

    /** p, the number of inequality constraints g_i(x) ≤ 0. */
    int inequalities();

    /** q, the number of equality constraints h_j(x) = 0. */
    int equalities();

    /** f alone (for the reported objective). */
    DifferentiableFunction objective();

    /** Writes g(x) (length p) and h(x) (length q); NaN or ±∞ where x is outside their domain. */
    void constraints(double[] x, double[] g, double[] h);

    /** L_ρ for these multipliers (λ ≥ 0, length p; μ, length q) and penalty ρ &gt; 0; the arrays are the caller's to keep. */
    DifferentiableFunction lagrangian(double[] lambda, double[] mu, double rho);
}
