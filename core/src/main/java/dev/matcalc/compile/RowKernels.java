package dev.matcalc.compile;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two halves of {@link RowFusion}'s pass over a block of rows of a row-major X (d columns), on
 * SIMD lanes: z = α·X_block·w and g += α·X_blockᵀ·r. Four rows at a time, so that w (first half) and
 * g (second) are read once per four rows, as BLAS's own matrix-vector kernels do. In Java rather than
 * as two BLAS calls per block: a block is small (it must still be in cache for the second half), and
 * a native call costs about a microsecond, which at 8 rows of 1,000 was a third of the pass. Loaded
 * only when the vector module is in the runtime ({@link ElementwiseKernels#VECTOR}).
 */
final class RowKernels {
    private RowKernels() { }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** z[row0 + i] = alpha · (row row0 + i of x)·w for i in [0, rows). */
    static void dots(double[] x, int row0, int rows, int d, double[] w, double alpha, double[] z) {
        int step = S.length(), bound = S.loopBound(d), i = 0;
        double[] lanes = new double[step];
        for (; i + 4 <= rows; i += 4) {
            int o0 = (row0 + i) * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            int j = 0;
            for (; j < bound; j += step) {
                DoubleVector wj = DoubleVector.fromArray(S, w, j);
                s0 = DoubleVector.fromArray(S, x, o0 + j).fma(wj, s0);
                s1 = DoubleVector.fromArray(S, x, o1 + j).fma(wj, s1);
                s2 = DoubleVector.fromArray(S, x, o2 + j).fma(wj, s2);
                s3 = DoubleVector.fromArray(S, x, o3 + j).fma(wj, s3);
            }
            double t0 = sum(s0, lanes), t1 = sum(s1, lanes), t2 = sum(s2, lanes), t3 = sum(s3, lanes);
            for (; j < d; j++) {
                double wj = w[j];
                t0 += x[o0 + j] * wj;
                t1 += x[o1 + j] * wj;
                t2 += x[o2 + j] * wj;
                t3 += x[o3 + j] * wj;
            }
            z[row0 + i] = alpha * t0;
            z[row0 + i + 1] = alpha * t1;
            z[row0 + i + 2] = alpha * t2;
            z[row0 + i + 3] = alpha * t3;
        }
        for (; i < rows; i++) {
            int o = (row0 + i) * d, j = 0;
            DoubleVector s = DoubleVector.zero(S);
            for (; j < bound; j += step) s = DoubleVector.fromArray(S, x, o + j).fma(DoubleVector.fromArray(S, w, j), s);
            double t = sum(s, lanes);
            for (; j < d; j++) t += x[o + j] * w[j];
            z[row0 + i] = alpha * t;
        }
    }

    /**
     * The lanes' sum, left to right. Not {@code reduceLanes(ADD)}: its order is unspecified, and the
     * interpreted and the compiled code sum in different orders, so that a solve run before C2 had
     * compiled this and the same solve after it differed in the last bits.
     */
    private static double sum(DoubleVector v, double[] lanes) {
        v.intoArray(lanes, 0);
        double s = 0;
        for (double lane : lanes) s += lane;
        return s;
    }

    /** g += alpha · Σᵢ r[row0 + i] · (row row0 + i of x) for i in [0, rows). */
    static void addRows(double[] x, int row0, int rows, int d, double[] r, double alpha, double[] g) {
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
}
