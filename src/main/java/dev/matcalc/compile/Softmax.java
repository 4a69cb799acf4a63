package dev.matcalc.compile;

import dev.matcalc.expr.Fn;

/**
 * softmax and logsumexp of every column of a row-major matrix, row by row: the column maxima and
 * sums are rows of their own, so every pass reads memory in order and the exponentials go to the
 * SIMD kernel in one call ({@link ElementwiseKernels}). Reading a column at a time (the reference
 * evaluator's way) strides through memory by a row's length, which for a 512×512 matrix misses the
 * cache at every entry. The same numbers as {@link dev.matcalc.numeric.MatrixKernels}: each column is
 * shifted by its maximum (exp never overflows), and a column whose maximum is infinite or NaN is NaN.
 */
final class Softmax {
    private Softmax() { }

    /** out = softmax of each column of x (rows×cols); out may be x. */
    static void columns(double[] x, int rows, int cols, double[] out) {
        double[] max = maxima(x, rows, cols);
        shiftedExp(x, rows, cols, max, out);
        double[] sum = sums(out, rows, cols);
        for (int j = 0; j < cols; j++) if (!Double.isFinite(max[j])) sum[j] = Double.NaN; // NaN / NaN: the column is NaN
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) out[o + j] /= sum[j];
        }
    }

    /** out (1×cols) = logsumexp of each column of x; scratch holds rows·cols entries. */
    static void logsumexpColumns(double[] x, int rows, int cols, double[] scratch, double[] out) {
        double[] max = maxima(x, rows, cols);
        shiftedExp(x, rows, cols, max, scratch);
        double[] sum = sums(scratch, rows, cols);
        for (int j = 0; j < cols; j++) out[j] = Double.isFinite(max[j]) ? max[j] + Math.log(sum[j]) : max[j];
    }

    private static double[] maxima(double[] x, int rows, int cols) {
        double[] max = java.util.Arrays.copyOf(x, cols);
        for (int i = 1; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                double v = x[o + j];
                if (v > max[j] || v != v) max[j] = v != v || max[j] != max[j] ? Double.NaN : v;
            }
        }
        return max;
    }

    /** out = exp(x - max of the entry's column); a column with an infinite or NaN maximum is shifted by 0. */
    private static void shiftedExp(double[] x, int rows, int cols, double[] max, double[] out) {
        double[] shift = new double[cols];
        for (int j = 0; j < cols; j++) shift[j] = Double.isFinite(max[j]) ? max[j] : 0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) out[o + j] = x[o + j] - shift[j];
        }
        ElementwiseKernels.apply(Fn.EXP, out, out);
    }

    private static double[] sums(double[] e, int rows, int cols) {
        double[] sum = new double[cols];
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) sum[j] += e[o + j];
        }
        return sum;
    }
}
