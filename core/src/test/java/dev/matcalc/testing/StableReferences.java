package dev.matcalc.testing;

import java.util.Map;

/**
 * Reference values for issue 14's checks of stable evaluation, computed from analytically stable
 * identities rather than by the engine: log(1 + e^t) = t + log(1 + e^-t) for t > 0, and
 * σ(t) = e^t / (1 + e^t) for t < 0, so that nothing overflows at any t.
 */
public final class StableReferences {
    private StableReferences() { }

    /** log(1 + e^t) without overflow. */
    public static double softplus(double t) {
        return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    }

    /** 1 / (1 + e^-t) without overflow. */
    public static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** A value with its gradient and Hessian (row-major). */
    public record Reference(double value, double[] gradient, double[] hessian) { }

    public static final String LOGISTIC = "sum(log(1 + exp(-y.*(X*w))))";
    /** Three margins y_i x_i'w beyond exp's range (-798.5, 1603, 809) and one ordinary one (-0.2). */
    public static final double[][] X = {{1, 0.5}, {2, -1}, {-1, 3}, {0.001, 0.2}};
    public static final double[] Y = {1, -1, 1, 1}, W = {-800, 3};

    public static Map<String, Object> logisticPoint() {
        return Map.of("X", X, "y", Y, "w", W);
    }

    /** Σ log(1 + exp(-m_i)), -Σ σ(-m_i) y_i x_i and Σ σ(m_i) σ(-m_i) y_i² x_i x_i', from the margins m_i = y_i x_i'w. */
    public static Reference logistic(double[][] x, double[] y, double[] w) {
        int n = x.length, p = w.length;
        double value = 0;
        double[] g = new double[p], h = new double[p * p];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int j = 0; j < p; j++) m += x[i][j] * w[j];
            m *= y[i];
            value += softplus(-m);
            double s = sigmoid(-m), curvature = s * sigmoid(m) * y[i] * y[i];
            for (int j = 0; j < p; j++) {
                g[j] -= s * y[i] * x[i][j];
                for (int k = 0; k < p; k++) h[j * p + k] += curvature * x[i][j] * x[i][k];
            }
        }
        return new Reference(value, g, h);
    }

    /** The logistic loss {@link #LOGISTIC} at {@link #logisticPoint()}. */
    public static Reference logistic() {
        return logistic(X, Y, W);
    }

    /** log Σ e^(z_i), its gradient softmax(z) and Hessian diag(s) - s s', shifted by the largest entry. */
    public static Reference logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double total = 0;
        for (double v : z) total += Math.exp(v - max);
        int n = z.length;
        double[] s = new double[n], h = new double[n * n];
        for (int i = 0; i < n; i++) s[i] = Math.exp(z[i] - max) / total;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) h[i * n + j] = (i == j ? s[i] : 0) - s[i] * s[j];
        return new Reference(max + Math.log(total), s, h);
    }
}
