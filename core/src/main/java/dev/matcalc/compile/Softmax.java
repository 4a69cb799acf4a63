package dev.matcalc.compile;

/**
 * softmax and logsumexp of every column of a row-major matrix, row by row: the column maxima and
 * sums are rows of their own, so every pass reads memory in order, and a row is shifted,
 * exponentiated (SIMD, {@link ElementwiseKernels}) and summed while it is in cache. Reading a column at a time (the reference
 * evaluator's way) strides through memory by a row's length, which for a 512×512 matrix misses the
 * cache at every entry. The same numbers as {@link dev.matcalc.numeric.MatrixKernels}: each column is
 * shifted by its maximum (exp never overflows), and a column whose maximum is infinite or NaN is NaN.
 * Large matrices are split into bands of columns, one per core ({@link Parallel}).
 */
final class Softmax {
    private Softmax() { }

    /** Columns per band at least: a band's row segments stay long enough for SIMD and the prefetcher. */
    private static final int MIN_BAND = 64;

    /** out = softmax of each column of x (rows×cols); out may be x. */
    static void columns(double[] x, int rows, int cols, double[] out) {
        inBands(rows, cols, (from, to) -> columns(x, rows, cols, from, to, out));
    }

    /** out (1×cols) = logsumexp of each column of x; scratch holds rows·cols entries. */
    static void logsumexpColumns(double[] x, int rows, int cols, double[] scratch, double[] out) {
        inBands(rows, cols, (from, to) -> {
            double[] max = maxima(x, rows, cols, from, to);
            double[] sum = shiftedExpSums(x, rows, cols, from, to, max, scratch);
            for (int j = from; j < to; j++) {
                double m = max[j - from];
                out[j] = Double.isFinite(m) ? m + Math.log(sum[j - from]) : m;
            }
        });
    }

    private interface Band {
        void run(int from, int to);
    }

    /** band(from, to) over column bands covering [0, cols), on several cores when the matrix is large. */
    private static void inBands(int rows, int cols, Band band) {
        int bands = Math.max(1, Math.min(cols / MIN_BAND, Runtime.getRuntime().availableProcessors()));
        int width = (cols + bands - 1) / bands;
        Parallel.forEach(bands, (long) rows * cols, b -> band.run(b * width, Math.min(cols, (b + 1) * width)));
    }

    private static void columns(double[] x, int rows, int cols, int from, int to, double[] out) {
        double[] max = maxima(x, rows, cols, from, to);
        double[] sum = shiftedExpSums(x, rows, cols, from, to, max, out);
        int w = to - from;
        double[] scale = new double[w]; // a multiplication by 1/sum vectorizes; a division per entry is slower
        for (int j = 0; j < w; j++) scale[j] = Double.isFinite(max[j]) ? 1 / sum[j] : Double.NaN; // the column is NaN
        for (int i = 0; i < rows; i++) {
            int o = i * cols + from;
            for (int j = 0; j < w; j++) out[o + j] *= scale[j];
        }
    }

    /** The maxima of columns [from, to), NaN where a column has a NaN (Math.max propagates it; the loop vectorizes). */
    private static double[] maxima(double[] x, int rows, int cols, int from, int to) {
        double[] max = java.util.Arrays.copyOfRange(x, from, to);
        int w = to - from;
        for (int i = 1; i < rows; i++) {
            int o = i * cols + from;
            if (ElementwiseKernels.VECTOR) VectorMath.maxRow(max, x, o, w);
            else for (int j = 0; j < w; j++) max[j] = Math.max(max[j], x[o + j]);
        }
        return max;
    }

    /**
     * out = exp(x - max of the entry's column) on columns [from, to), and their sums: one pass, a row
     * segment at a time (shifted, exponentiated and summed while in cache). A column with an infinite
     * or NaN maximum is shifted by 0 (its sum is not used).
     */
    private static double[] shiftedExpSums(double[] x, int rows, int cols, int from, int to, double[] max, double[] out) {
        int w = to - from;
        double[] shift = new double[w], sum = new double[w];
        for (int j = 0; j < w; j++) shift[j] = Double.isFinite(max[j]) ? max[j] : 0;
        for (int i = 0; i < rows; i++) {
            int o = i * cols + from;
            if (ElementwiseKernels.VECTOR) {
                VectorMath.shiftedExpRow(x, out, o, w, shift, sum);
                continue;
            }
            for (int j = 0; j < w; j++) out[o + j] = x[o + j] - shift[j];
            ElementwiseKernels.expInPlace(out, o, o + w);
            for (int j = 0; j < w; j++) sum[j] += out[o + j];
        }
        return sum;
    }
}
