package dev.matcalc.compile;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two halves of {@link RowFusion}'s pass over a block of rows of a row-major X (d columns), on
 * SIMD lanes: z = α·X_block·w and g += α·X_blockᵀ·r. Four rows at a time, so that w (first half) and
 * g (second) are read once per four rows, as BLAS's own matrix-vector kernels do. In Java rather than
 * as two BLAS calls per block: a block is small (it must still be in cache for the second half), and
 * a native call costs about a microsecond, which at 8 rows of 1,000 was a third of the pass. Loaded
 * only when the vector module is in the runtime ({@link ElementwiseKernels#VECTOR}).
 *
 * <p>A row's lanes are summed with three shuffles and its tail (d not a multiple of the vector) is
 * taken as its last full-width vector. In the second half, rows of {@link #NARROW} entries or fewer
 * (50 features, say: the tables of a Spark solve) keep all of g in registers over the whole block
 * instead of reading and writing it every four rows: a row is a few vectors there, and g's traffic
 * was most of the work.
 */
final class RowKernels {
    private RowKernels() { }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * Rows this wide or narrower (and at least a vector wide) take the narrow second half: eight
     * vectors, 64 entries with AVX-512. Wider rows keep the one measured at 1,000 columns.
     */
    static final int NARROW = 8 * S.length();

    /** z[row0 + i] = alpha · (row row0 + i of x)·w for i in [0, rows). */
    static void dots(double[] x, int row0, int rows, int d, double[] w, double alpha, double[] z) {
        if (d >= S.length()) {
            vectorDots(x, row0, rows, d, w, alpha, z);
            return;
        }
        for (int i = 0; i < rows; i++) {       // rows narrower than one vector
            int o = (row0 + i) * d;
            double t = 0;
            for (int j = 0; j < d; j++) t += x[o + j] * w[j];
            z[row0 + i] = alpha * t;
        }
    }

    /** g += alpha · Σᵢ r[row0 + i] · (row row0 + i of x) for i in [0, rows). */
    static void addRows(double[] x, int row0, int rows, int d, double[] r, double alpha, double[] g) {
        if (d <= NARROW && d >= S.length()) {
            narrowAddRows(x, row0, rows, d, r, alpha, g);
            return;
        }
        int step = S.length(), bound = S.loopBound(d), i = 0;
        for (; i + 4 <= rows; i += 4) {
            int o0 = (row0 + i) * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            double c0 = alpha * r[row0 + i], c1 = alpha * r[row0 + i + 1], c2 = alpha * r[row0 + i + 2], c3 = alpha * r[row0 + i + 3];
            DoubleVector v0 = DoubleVector.broadcast(S, c0), v1 = DoubleVector.broadcast(S, c1),
                    v2 = DoubleVector.broadcast(S, c2), v3 = DoubleVector.broadcast(S, c3);
            int j = 0;
            for (; j < bound; j += step) {
                DoubleVector gj = DoubleVector.fromArray(S, g, j);
                gj = DoubleVector.fromArray(S, x, o0 + j).fma(v0, gj);
                gj = DoubleVector.fromArray(S, x, o1 + j).fma(v1, gj);
                gj = DoubleVector.fromArray(S, x, o2 + j).fma(v2, gj);
                gj = DoubleVector.fromArray(S, x, o3 + j).fma(v3, gj);
                gj.intoArray(g, j);
            }
            for (; j < d; j++) g[j] += c0 * x[o0 + j] + c1 * x[o1 + j] + c2 * x[o2 + j] + c3 * x[o3 + j];
        }
        for (; i < rows; i++) {
            int o = (row0 + i) * d, j = 0;
            double c = alpha * r[row0 + i];
            DoubleVector v = DoubleVector.broadcast(S, c);
            for (; j < bound; j += step) DoubleVector.fromArray(S, x, o + j).fma(v, DoubleVector.fromArray(S, g, j)).intoArray(g, j);
            for (; j < d; j++) g[j] += c * x[o + j];
        }
    }

    /** Swaps lanes i and i ^ k (null where k is not below the lane count): the steps of the lanes' sum. */
    private static final VectorShuffle<Double> SWAP1 = swap(1), SWAP2 = swap(2), SWAP4 = swap(4), SWAP8 = swap(8);

    private static VectorShuffle<Double> swap(int k) {
        return k < S.length() ? VectorShuffle.fromOp(S, i -> i ^ k) : null;
    }

    /**
     * The lanes' sum as a fixed tree ((v0 + v4) + (v2 + v6)) + ((v1 + v5) + (v3 + v7)): each step is
     * lane-wise, so interpreted and compiled code give the same bits (unlike {@code reduceLanes}).
     */
    private static double lanesSum(DoubleVector v) {
        if (SWAP8 != null) v = v.add(v.rearrange(SWAP8));
        if (SWAP4 != null) v = v.add(v.rearrange(SWAP4));
        if (SWAP2 != null) v = v.add(v.rearrange(SWAP2));
        if (SWAP1 != null) v = v.add(v.rearrange(SWAP1));
        return v.lane(0);
    }

    /**
     * {@link #dots} for d ≥ step, four rows at a time (w's vectors loaded once for four rows: at 50
     * columns two rows at a time took 6.6 ns a row in cache, 21 from memory; four 5.0 and 18, with
     * the read floor at 15). A row's tail (d not a multiple of the vector) is the row's last
     * full-width vector, x[o + d - step, o + d), times w's matching lanes with those already summed set
     * to zero: no masked load, which C2 left to the library's allocating Java fallback here.
     */
    private static void vectorDots(double[] x, int row0, int rows, int d, double[] w, double alpha, double[] z) {
        int step = S.length(), full = S.loopBound(d), i = 0, back = d - step;
        boolean hasTail = full < d;
        DoubleVector wTail = DoubleVector.fromArray(S, tailWeights(w, d, full), 0);
        for (; i + 4 <= rows; i += 4) {
            int o0 = (row0 + i) * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < full; j += step) {
                DoubleVector wj = DoubleVector.fromArray(S, w, j);
                s0 = DoubleVector.fromArray(S, x, o0 + j).fma(wj, s0);
                s1 = DoubleVector.fromArray(S, x, o1 + j).fma(wj, s1);
                s2 = DoubleVector.fromArray(S, x, o2 + j).fma(wj, s2);
                s3 = DoubleVector.fromArray(S, x, o3 + j).fma(wj, s3);
            }
            if (hasTail) {
                s0 = DoubleVector.fromArray(S, x, o0 + back).fma(wTail, s0);
                s1 = DoubleVector.fromArray(S, x, o1 + back).fma(wTail, s1);
                s2 = DoubleVector.fromArray(S, x, o2 + back).fma(wTail, s2);
                s3 = DoubleVector.fromArray(S, x, o3 + back).fma(wTail, s3);
            }
            z[row0 + i] = alpha * lanesSum(s0);
            z[row0 + i + 1] = alpha * lanesSum(s1);
            z[row0 + i + 2] = alpha * lanesSum(s2);
            z[row0 + i + 3] = alpha * lanesSum(s3);
        }
        for (; i < rows; i++) {
            int o = (row0 + i) * d;
            DoubleVector s = DoubleVector.zero(S);
            for (int j = 0; j < full; j += step) s = DoubleVector.fromArray(S, x, o + j).fma(DoubleVector.fromArray(S, w, j), s);
            if (hasTail) s = DoubleVector.fromArray(S, x, o + back).fma(wTail, s);
            z[row0 + i] = alpha * lanesSum(s);
        }
    }

    /** w[d - step, d) with the lanes before {@code full} (summed by the full vectors) zero. */
    private static double[] tailWeights(double[] w, int d, int full) {
        double[] lanes = new double[S.length()];
        for (int l = 0; l < lanes.length; l++) {
            int j = d - lanes.length + l;
            lanes[l] = j >= full ? w[j] : 0;
        }
        return lanes;
    }

    /**
     * {@link #addRows} for step ≤ d ≤ {@link #NARROW}: the whole of g in registers over all the rows,
     * four or eight vectors, each row read as that many full-width vectors from its start. Lanes past
     * d read the next row's first entries (in cache: the same lines); their sums are dropped. No
     * masks and no branches in the loop: with either, C2 boxed the vectors on the heap or left the
     * loads to the library's Java fallback (several times slower). Rows whose read would pass the
     * array's end are added one entry at a time.
     */
    private static void narrowAddRows(double[] x, int row0, int rows, int d, double[] r, double alpha, double[] g) {
        int step = S.length(), width = d <= 4 * step ? 4 * step : 8 * step;
        int lastSafe = Math.floorDiv(x.length - width, d);     // the last row whose read of width entries stays in x
        int safe = Math.min(rows, Math.max(0, lastSafe - row0 + 1));
        double[] sums = new double[8 * step];
        if (width == 4 * step) addRows4(x, row0, safe, d, r, sums);
        else addRows8(x, row0, safe, d, r, sums);
        for (int i = safe; i < rows; i++) {
            int o = (row0 + i) * d;
            for (int j = 0; j < d; j++) sums[j] += r[row0 + i] * x[o + j];
        }
        for (int j = 0; j < d; j++) g[j] += alpha * sums[j];
    }

    private static void addRows4(double[] x, int row0, int rows, int d, double[] r, double[] sums) {
        int step = S.length();
        DoubleVector g0 = DoubleVector.zero(S), g1 = g0, g2 = g0, g3 = g0;
        for (int i = 0, o = row0 * d; i < rows; i++, o += d) {
            DoubleVector c = DoubleVector.broadcast(S, r[row0 + i]);
            g0 = DoubleVector.fromArray(S, x, o).fma(c, g0);
            g1 = DoubleVector.fromArray(S, x, o + step).fma(c, g1);
            g2 = DoubleVector.fromArray(S, x, o + 2 * step).fma(c, g2);
            g3 = DoubleVector.fromArray(S, x, o + 3 * step).fma(c, g3);
        }
        g0.intoArray(sums, 0);
        g1.intoArray(sums, step);
        g2.intoArray(sums, 2 * step);
        g3.intoArray(sums, 3 * step);
    }

    private static void addRows8(double[] x, int row0, int rows, int d, double[] r, double[] sums) {
        int step = S.length();
        DoubleVector g0 = DoubleVector.zero(S), g1 = g0, g2 = g0, g3 = g0, g4 = g0, g5 = g0, g6 = g0, g7 = g0;
        for (int i = 0, o = row0 * d; i < rows; i++, o += d) {
            DoubleVector c = DoubleVector.broadcast(S, r[row0 + i]);
            g0 = DoubleVector.fromArray(S, x, o).fma(c, g0);
            g1 = DoubleVector.fromArray(S, x, o + step).fma(c, g1);
            g2 = DoubleVector.fromArray(S, x, o + 2 * step).fma(c, g2);
            g3 = DoubleVector.fromArray(S, x, o + 3 * step).fma(c, g3);
            g4 = DoubleVector.fromArray(S, x, o + 4 * step).fma(c, g4);
            g5 = DoubleVector.fromArray(S, x, o + 5 * step).fma(c, g5);
            g6 = DoubleVector.fromArray(S, x, o + 6 * step).fma(c, g6);
            g7 = DoubleVector.fromArray(S, x, o + 7 * step).fma(c, g7);
        }
        g0.intoArray(sums, 0);
        g1.intoArray(sums, step);
        g2.intoArray(sums, 2 * step);
        g3.intoArray(sums, 3 * step);
        g4.intoArray(sums, 4 * step);
        g5.intoArray(sums, 5 * step);
        g6.intoArray(sums, 6 * step);
        g7.intoArray(sums, 7 * step);
    }
}
