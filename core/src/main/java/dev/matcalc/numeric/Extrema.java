package dev.matcalc.numeric;

import dev.matcalc.expr.MaxMin;
import org.ejml.data.DMatrixRMaj;

/**
 * The kernels of max and min: the largest or smallest entry of a matrix, the one-hot mask of
 * where it is (ismax, ismin), and the element-wise max(A, B) and min(A, B). One tie rule
 * everywhere, shared with the derivative: the first entry in column order (as vec(X) lists them,
 * MATLAB's max(X(:))), and the first operand of max(A, B).
 */
public final class Extrema {
    private Extrema() { }

    /**
     * The row-major index (EJML's storage) of the first largest ({@code max}) or smallest entry,
     * in column order. A NaN entry is never chosen unless all are NaN (then the first).
     */
    public static int first(double[] data, int rows, int cols, boolean max) {
        int best = 0;
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                int k = i * cols + j;
                double v = data[k], b = data[best];
                if (max ? v > b : v < b) best = k;
                else if (Double.isNaN(b) && !Double.isNaN(v)) best = k;
            }
        }
        return best;
    }

    /** max(X) or min(X): the chosen entry. */
    public static double value(DMatrixRMaj a, boolean max) {
        return a.data[first(a.data, a.numRows, a.numCols, max)];
    }

    /** ismax(X) or ismin(X): 1 at the chosen entry, 0 elsewhere. */
    public static DMatrixRMaj mask(DMatrixRMaj a, boolean max) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        out.data[first(a.data, a.numRows, a.numCols, max)] = 1;
        return out;
    }

    /** max(A, B) or min(A, B) element-wise; a 1×1 operand is compared with every entry of the other. */
    public static DMatrixRMaj elementwise(MaxMin.Op op, DMatrixRMaj a, DMatrixRMaj b) {
        boolean aScalar = a.getNumElements() == 1, bScalar = b.getNumElements() == 1;
        DMatrixRMaj shape = aScalar ? b : a;
        DMatrixRMaj out = new DMatrixRMaj(shape.numRows, shape.numCols);
        for (int i = 0; i < out.data.length; i++)
            out.data[i] = op.eval(a.data[aScalar ? 0 : i], b.data[bScalar ? 0 : i]);
        return out;
    }
}
