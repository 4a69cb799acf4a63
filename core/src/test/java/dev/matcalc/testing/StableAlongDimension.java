package dev.matcalc.testing;

import java.util.List;
import java.util.Map;

/**
 * Cases for the stable forms along a dimension (log(softmax(Z, 2)), log(sum(exp(Z), k)) and the
 * gradients they lead to, exp(Z)./sum(exp(Z), k)) at logits near 1000, where exp overflows: each
 * function with its value and gradient (Z's shape, row-major), computed here with each row's or
 * column's largest entry taken out, not by the engine.
 */
public final class StableAlongDimension {
    private StableAlongDimension() { }

    /** Rows (1000, 999, -5) and (3, 998, 1001): every row and column has an entry whose exp is inf. */
    public static final double[][] Z = {{1000, 999, -5}, {3, 998, 1001}};
    /** Targets, one row a one-hot, the other spread. */
    public static final double[][] Y = {{0, 1, 0}, {0.5, 0, 0.5}};

    /** f written with its variables Y and Z (Y only where f uses it), the value and gradient by Z. */
    public record Case(String name, String expr, double value, double[] gradient) {
        public Map<String, Object> point() {
            return expr.contains("Y") ? Map.of("Y", Y, "Z", Z) : Map.of("Z", Z);
        }
    }

    public static final List<Case> CASES = cases();

    private static List<Case> cases() {
        int m = Z.length, n = Z[0].length;
        double[] rows = new double[m], columns = new double[n];
        for (int i = 0; i < m; i++) rows[i] = logSumExp(Z[i]);
        for (int j = 0; j < n; j++) columns[j] = logSumExp(column(Z, j));
        double logSoftmaxRows = 0, crossEntropyRows = 0, crossEntropyColumns = 0, sumRows = 0, sumColumns = 0;
        double[] gLogSoftmax = new double[m * n], gCrossRows = new double[m * n], gCrossColumns = new double[m * n],
                gRows = new double[m * n], gColumns = new double[m * n];
        for (int i = 0; i < m; i++) {
            double yRow = 0;
            for (int j = 0; j < n; j++) yRow += Y[i][j];
            for (int j = 0; j < n; j++) {
                double yColumn = 0;
                for (double[] y : Y) yColumn += y[j];
                double sRow = Math.exp(Z[i][j] - rows[i]), sColumn = Math.exp(Z[i][j] - columns[j]);
                logSoftmaxRows += Z[i][j] - rows[i];
                crossEntropyRows -= Y[i][j] * (Z[i][j] - rows[i]);
                crossEntropyColumns -= Y[i][j] * (Z[i][j] - columns[j]);
                gLogSoftmax[i * n + j] = 1 - n * sRow;                  // Σ_k d log s_ik / dZ_ij
                gCrossRows[i * n + j] = yRow * sRow - Y[i][j];
                gCrossColumns[i * n + j] = yColumn * sColumn - Y[i][j];
                gRows[i * n + j] = sRow;
                gColumns[i * n + j] = sColumn;
            }
        }
        for (double r : rows) sumRows += r;
        for (double c : columns) sumColumns += c;
        return List.of(
                new Case("logSoftmaxRows", "sum(log(softmax(Z, 2)))", logSoftmaxRows, gLogSoftmax),
                new Case("crossEntropyRows", "-sum(Y.*log(softmax(Z, 2)))", crossEntropyRows, gCrossRows),
                new Case("crossEntropyColumns", "-sum(Y.*log(softmax(Z, 1)))", crossEntropyColumns, gCrossColumns),
                new Case("logSumExpColumns", "sum(log(sum(exp(Z), 1)))", sumColumns, gColumns),
                new Case("logSumExpRows", "sum(log(sum(exp(Z), 2)))", sumRows, gRows));
    }

    /** log Σ e^(v_i), shifted by the largest entry. */
    public static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY, total = 0;
        for (double x : v) max = Math.max(max, x);
        for (double x : v) total += Math.exp(x - max);
        return max + Math.log(total);
    }

    private static double[] column(double[][] a, int j) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i][j];
        return out;
    }
}
