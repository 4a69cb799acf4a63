package dev.matcalc.optimization;

/**
 * Dense kernels for the k×k (k ≤ m, the L-BFGS memory) matrices of the compact representation,
 * on preallocated {@code double[m][m]} arrays of which the leading k×k block is used.
 */
final class SmallDense {
    private SmallDense() {
    }

    /**
     * Overwrites the lower triangle of the symmetric a (leading k×k block) with its Cholesky factor
     * J (a = J·J'); returns false when a is not numerically positive definite.
     */
    static boolean cholesky(double[][] a, int k) {
        for (int j = 0; j < k; j++) {
            double d = a[j][j];
            for (int p = 0; p < j; p++) d -= a[j][p] * a[j][p];
            if (!(d > 0) || !Double.isFinite(d)) return false;
            double r = Math.sqrt(d);
            a[j][j] = r;
            for (int i = j + 1; i < k; i++) {
                double s = a[i][j];
                for (int p = 0; p < j; p++) s -= a[i][p] * a[j][p];
                a[i][j] = s / r;
            }
        }
        return true;
    }

    /** Solves J·z = b in place (b := z), J the lower-triangular factor from {@link #cholesky}, b at offset. */
    static void solveLower(double[][] j, int k, double[] b, int offset) {
        for (int i = 0; i < k; i++) {
            double s = b[offset + i];
            for (int p = 0; p < i; p++) s -= j[i][p] * b[offset + p];
            b[offset + i] = s / j[i][i];
        }
    }

    /** Solves J'·z = b in place. */
    static void solveLowerTransposed(double[][] j, int k, double[] b, int offset) {
        for (int i = k - 1; i >= 0; i--) {
            double s = b[offset + i];
            for (int p = i + 1; p < k; p++) s -= j[p][i] * b[offset + p];
            b[offset + i] = s / j[i][i];
        }
    }

    /** Solves (J·J')·z = b in place. */
    static void solveCholesky(double[][] j, int k, double[] b, int offset) {
        solveLower(j, k, b, offset);
        solveLowerTransposed(j, k, b, offset);
    }
}
