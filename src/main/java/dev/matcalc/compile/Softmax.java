package dev.matcalc.compile;

/**
 * softmax and logsumexp of every column of a row-major matrix, row by row: the column maxima and
 * sums are rows of their own, so every pass reads memory in order, and a row is shifted,
 * exponentiated (SIMD, {@link ElementwiseKernels}) and summed while it is in cache. Reading a column at a time (the reference
 * evaluator's way) strides through memory by a row's length, which for a 512×512 matrix misses the
 * cache at every entry. The same numbers as {@link dev.matcalc.numeric.MatrixKernels}: each column is
 * shifted by its maximum (exp never overflows), and a column whose maximum is infinite or NaN is NaN.
 */
final class Softmax {
    private Softmax() { }

    /** out = softmax of each column of x (rows×cols); out may be x. */
    static void columns(double[] x, int rows, int cols, double[] out) {
        double[] max = maxima(x, rows, cols);
        double[] sum = shiftedExpSums(x, rows, cols, max, out);
        double[] scale = new double[cols]; // a multiplication by 1/sum vectorizes; a division per entry is slower
        for (int j = 0; j < cols; j++) scale[j] = Double.isFinite(max[j]) ? 1 / sum[j] : Double.NaN; // the column is NaN
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) out[o + j] *= scale[j];
        }
    }

    /** out (1×cols) = logsumexp of each column of x; scratch holds rows·cols entries. */
    static void logsumexpColumns(double[] x, int rows, int cols, double[] scratch, double[] out) {
        double[] max = maxima(x, rows, cols);
        double[] sum = shiftedExpSums(x, rows, cols, max, scratch);
        for (int j = 0; j < cols; j++) out[j] = Double.isFinite(max[j]) ? max[j] + Math.log(sum[j]) : max[j];
    }

    /** The column maxima, NaN where a column has a NaN (Math.max propagates it; the loop vectorizes). */
    private static double[] maxima(double[] x, int rows, int cols) {
        double[] max = java.util.Arrays.copyOf(x, cols);
        for (int i = 1; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) max[j] = Math.max(max[j], x[o + j]);
        }
        return max;
    }

    /**
     * out = exp(x - max of the entry's column), and the column sums of out: one pass, a row at a time
     * (shifted, exponentiated and summed while in cache). A column with an infinite or NaN maximum is
     * shifted by 0 (its sum is not used).
     */
    private static double[] shiftedExpSums(double[] x, int rows, int cols, double[] max, double[] out) {
        double[] shift = new double[cols], sum = new double[cols];
        for (int j = 0; j < cols; j++) shift[j] = Double.isFinite(max[j]) ? max[j] : 0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            for (int j = 0; j < cols; j++) out[o + j] = x[o + j] - shift[j];
            ElementwiseKernels.expInPlace(out, o, o + cols);
            for (int j = 0; j < cols; j++) sum[j] += out[o + j];
        }
        return sum;
    }
}
