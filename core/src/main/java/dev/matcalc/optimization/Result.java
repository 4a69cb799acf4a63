package dev.matcalc.optimization;

/**
 * What a solve found.
 *
 * @param status                how it ended
 * @param x                     the final point (always inside the bounds; for failures, the best point found)
 * @param objective             f(x) (for the augmented Lagrangian: the objective alone, not the Lagrangian)
 * @param iterations            iterations in all (for the augmented Lagrangian: inner iterations summed)
 * @param evaluations           value-and-gradient evaluations in all
 * @param optimality            ‖P(x − ∇f(x)) − x‖∞, the projected-gradient infinity norm (of the
 *                              augmented Lagrangian at the final multipliers when constrained)
 * @param violation             the largest constraint violation max(g_i(x), |h_j(x)|, 0); 0 without constraints
 * @param method                what ran, e.g. "L-BFGS-B", "L-BFGS-B, then Newton-CG"
 * @param message               why it stopped, in words
 * @param hessianVectorProducts Hessian-vector products computed (0 for L-BFGS-B)
 */
public record Result(Status status, double[] x, double objective, int iterations, int evaluations,
                     double optimality, double violation, String method, String message, int hessianVectorProducts) {

    /** The nine fields of the original API; no Hessian-vector products. */
    public Result(Status status, double[] x, double objective, int iterations, int evaluations,
                  double optimality, double violation, String method, String message) {
        this(status, x, objective, iterations, evaluations, optimality, violation, method, message, 0);
    }

    @Override
    public String toString() {
        return status + " (" + method + "): f = " + objective + ", " + iterations + " iterations, " + evaluations
                + " evaluations, optimality " + optimality + (violation > 0 ? ", violation " + violation : "") + "; " + message;
    }
}
