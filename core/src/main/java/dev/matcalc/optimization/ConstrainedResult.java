package dev.matcalc.optimization;

/**
 * What the {@link AugmentedLagrangian} found, with the multiplier estimates (the dual solution
 * when OPTIMAL: ∇f + Σλ_i∇g_i + Σμ_j∇h_j ≈ 0 on the free coordinates, λ ≥ 0, λ_i·g_i ≈ 0).
 *
 * @param result                  the solve, as every solver reports it
 * @param inequalityMultipliers   λ (length p)
 * @param equalityMultipliers     μ (length q)
 * @param penalty                 the final ρ
 * @param outerIterations         multiplier updates made
 */
public record ConstrainedResult(Result result, double[] inequalityMultipliers, double[] equalityMultipliers,
                                double penalty, int outerIterations) {
}
