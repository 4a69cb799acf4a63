package dev.matcalc.compile;

import dev.matcalc.numeric.SparseMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * Sparse-times-dense products, alpha·op(l)·op(r) with one side a {@link SparseMatrix} (compressed
 * rows) and the other dense, never forming the sparse side densely. Every case reduces to two
 * loops over the stored entries: a gather, C = S·B (row i of C from the entries of row i of S),
 * and a scatter, C = S'·B (each entry of row i of S adds row i of B into a row of C). A dense
 * operand on the left is the transpose of one on the right, (op(D)·op(S))' = op(S)'·op(D)', so
 * the loops read B and write C through strides and the transposes cost nothing.
 */
final class SparseProducts {
    private SparseProducts() { }

    /**
     * out = alpha·op(left)·op(right), exactly one of left and right a {@link SparseMatrix}.
     *
     * @param leftTrans  whether left is read transposed
     * @param rightTrans whether right is read transposed
     */
    static void multiply(boolean leftTrans, boolean rightTrans, double alpha, DMatrixRMaj left, DMatrixRMaj right, DMatrixRMaj out) {
        boolean sparseLeft = left instanceof SparseMatrix;
        SparseMatrix s = (SparseMatrix) (sparseLeft ? left : right);
        DMatrixRMaj d = sparseLeft ? right : left;
        boolean sTrans = sparseLeft ? leftTrans : !rightTrans, dTrans = sparseLeft ? rightTrans : !leftTrans;
        // B = op(D) (or op(D)' for a dense left side): element (r, j) at r·bRow + j·bCol
        int bRow = dTrans ? 1 : d.numCols, bCol = dTrans ? d.numCols : 1;
        int k = dTrans ? d.numRows : d.numCols;
        // C (or C' for a dense left side): element (r, j) at r·cRow + j·cCol
        int cRow = sparseLeft ? out.numCols : 1, cCol = sparseLeft ? 1 : out.numCols;
        if (sTrans) scatter(s, alpha, d.data, bRow, bCol, k, out.data, cRow, cCol);
        else gather(s, alpha, d.data, bRow, bCol, k, out.data, cRow, cCol);
    }

    /** C = alpha·S·B: C is rows(S)×k, B is cols(S)×k. */
    private static void gather(SparseMatrix s, double alpha, double[] b, int bRow, int bCol, int k, double[] c, int cRow, int cCol) {
        int[] start = s.rowStart(), col = s.columns();
        double[] v = s.values();
        int n = s.numRows;
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int p = start[i], end = start[i + 1]; p < end; p++) sum += v[p] * b[col[p] * bRow];
                c[i * cRow] = alpha * sum;
            }
            return;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) {
                double sum = 0;
                int bj = j * bCol;
                for (int p = start[i], end = start[i + 1]; p < end; p++) sum += v[p] * b[col[p] * bRow + bj];
                c[i * cRow + j * cCol] = alpha * sum;
            }
    }

    /** C = alpha·S'·B: C is cols(S)×k, B is rows(S)×k. */
    private static void scatter(SparseMatrix s, double alpha, double[] b, int bRow, int bCol, int k, double[] c, int cRow, int cCol) {
        int[] start = s.rowStart(), col = s.columns();
        double[] v = s.values();
        int n = s.numRows;
        java.util.Arrays.fill(c, 0);
        if (k == 1) {
            for (int i = 0; i < n; i++) {
                double bi = alpha * b[i * bRow];
                if (bi == 0) continue;
                for (int p = start[i], end = start[i + 1]; p < end; p++) c[col[p] * cRow] += v[p] * bi;
            }
            return;
        }
        for (int i = 0; i < n; i++)
            for (int p = start[i], end = start[i + 1]; p < end; p++) {
                double a = alpha * v[p];
                int ci = col[p] * cRow, bi = i * bRow;
                for (int j = 0; j < k; j++) c[ci + j * cCol] += a * b[bi + j * bCol];
            }
    }
}
