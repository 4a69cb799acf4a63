package dev.matcalc.compile;

import org.ejml.data.DMatrixRMaj;

/** Small helpers shared by the plan's steps. */
final class MatrixKernelsShim {
    private MatrixKernelsShim() { }

    static DMatrixRMaj filled(int rows, int cols, double v) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        if (v != 0) java.util.Arrays.fill(m.data, v);
        return m;
    }
}
