package dev.matcalc.numeric;

import dev.matcalc.expr.MatFn;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.LUDecomposition_F64;

import java.util.List;

/**
 * Numeric kernels for the matrix functions ({@link MatFn}) and for product chains. Inputs are
 * never modified: the evaluator caches them.
 */
public final class MatrixKernels {
    private MatrixKernels() { }

    /** Above this 2-norm condition number an inverse has lost (almost) all its digits. */
    static final double MAX_CONDITION = 1e12;

    public static DMatrixRMaj call(MatFn fn, DMatrixRMaj a) {
        return switch (fn) {
            case SUM -> scalar(CommonOps_DDRM.elementSum(a));
            case TR -> scalar(CommonOps_DDRM.trace(a));
            case DET -> scalar(det(a));
            case LOGDET -> scalar(logdet(a));
            case INV -> inv(a);
            case NORM1 -> scalar(CommonOps_DDRM.elementSumAbs(a));
            case NORM2 -> scalar(norm2(a));
            case DIAG_MATRIX -> CommonOps_DDRM.diag(a.data.clone());
            case DIAG_VECTOR -> {
                DMatrixRMaj d = new DMatrixRMaj(a.numRows, 1);
                for (int i = 0; i < a.numRows; i++) d.data[i] = a.get(i, i);
                yield d;
            }
            case SIZE_ROWS -> scalar(a.numRows);
            case SIZE_COLS -> scalar(a.numCols);
            case SOFTMAX -> columnwise(a, a.numRows, MatrixKernels::softmax);
            case LOGSUMEXP -> columnwise(a, 1, column -> scalar(logsumexp(column)));
            case MAX, MIN -> scalar(Extrema.value(a, fn == MatFn.MAX));
            case ISMAX, ISMIN -> Extrema.mask(a, fn == MatFn.ISMAX);
        };
    }

    /**
     * The Euclidean (Frobenius) norm: a plain sum of squares, about 8× faster than EJML's scaled one;
     * the scaled one where squares overflow or underflow (entries beyond about 1e±150).
     */
    static double norm2(DMatrixRMaj a) {
        double[] x = a.data;
        int n = a.getNumElements();
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0; // four sums: independent additions pipeline
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * x[i];
            s1 += x[i + 1] * x[i + 1];
            s2 += x[i + 2] * x[i + 2];
            s3 += x[i + 3] * x[i + 3];
        }
        for (; i < n; i++) s0 += x[i] * x[i];
        double s = (s0 + s1) + (s2 + s3);
        return s > 1e-290 && s < 1e290 ? Math.sqrt(s) : s == 0 && allZero(x, n) ? 0 : NormOps_DDRM.normF(a);
    }

    private static boolean allZero(double[] x, int n) {
        for (int i = 0; i < n; i++) if (x[i] != 0) return false;
        return true;
    }

    static DMatrixRMaj scalar(double v) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = v;
        return m;
    }

    /** det(A) from an LU factorization (EJML's small-size formulas are less accurate near singularity). */
    static double det(DMatrixRMaj a) {
        if (hasNonFinite(a)) return Double.NaN;
        LUDecomposition_F64<DMatrixRMaj> lu = DecompositionFactory_DDRM.lu(a.numRows, a.numCols);
        if (!lu.decompose(a.copy())) return 0;
        return lu.computeDeterminant().real;
    }

    /**
     * log det(A), NaN where det(A) ≤ 0 (log of a non-positive number, as NumPy's {@code log(det)}).
     * For a symmetric positive definite A it is 2 Σ log L_ii from Cholesky, which neither over- nor
     * underflows for large matrices.
     */
    static double logdet(DMatrixRMaj a) {
        if (hasNonFinite(a)) return Double.NaN;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(a.numRows, true);
        if (isSymmetric(a) && chol.decompose(a.copy())) {
            DMatrixRMaj l = chol.getT(null);
            double sum = 0;
            for (int i = 0; i < l.numRows; i++) sum += Math.log(l.get(i, i));
            return 2 * sum;
        }
        double d = det(a);
        return d > 0 ? Math.log(d) : Double.NaN;
    }

    /** inv(A); a singular or nearly singular A is a user error, not a matrix of huge numbers. */
    static DMatrixRMaj inv(DMatrixRMaj a) {
        if (hasNonFinite(a)) {
            DMatrixRMaj nan = new DMatrixRMaj(a.numRows, a.numCols);
            java.util.Arrays.fill(nan.data, Double.NaN);
            return nan;
        }
        double cond = NormOps_DDRM.conditionP2(a);
        DMatrixRMaj result = new DMatrixRMaj(a.numRows, a.numCols);
        if (!(cond < MAX_CONDITION) || !CommonOps_DDRM.invert(a, result) || hasNonFinite(result))
            throw new SourceError("inv: the matrix is singular (or nearly: condition number "
                    + (Double.isFinite(cond) ? String.format("%.3g", cond) : "infinite") + ") at this point");
        return result;
    }

    static boolean isSymmetric(DMatrixRMaj a) {
        if (a.numRows != a.numCols) return false;
        double tol = 1e-12 * Math.max(1, CommonOps_DDRM.elementMaxAbs(a));
        for (int i = 0; i < a.numRows; i++)
            for (int j = 0; j < i; j++)
                if (Math.abs(a.get(i, j) - a.get(j, i)) > tol) return false;
        return true;
    }

    static boolean hasNonFinite(DMatrixRMaj a) {
        for (int i = 0; i < a.getNumElements(); i++) if (!Double.isFinite(a.data[i])) return true;
        return false;
    }

    /** f applied to each column of a (softmax and logsumexp of a matrix act per column). */
    static DMatrixRMaj columnwise(DMatrixRMaj a, int outRows, java.util.function.UnaryOperator<DMatrixRMaj> f) {
        if (a.numCols == 1) return f.apply(a);
        DMatrixRMaj out = new DMatrixRMaj(outRows, a.numCols), column = new DMatrixRMaj(a.numRows, 1);
        for (int j = 0; j < a.numCols; j++) {
            for (int i = 0; i < a.numRows; i++) column.data[i] = a.data[i * a.numCols + j];
            DMatrixRMaj r = f.apply(column);
            for (int i = 0; i < outRows; i++) out.data[i * a.numCols + j] = r.data[i];
        }
        return out;
    }

    /** softmax(x) = exp(x - max) / Σ exp(x - max): shifting by the max keeps exp from overflowing. */
    static DMatrixRMaj softmax(DMatrixRMaj x) {
        double max = CommonOps_DDRM.elementMax(x);
        DMatrixRMaj s = new DMatrixRMaj(x.numRows, x.numCols);
        if (Double.isInfinite(max) || Double.isNaN(max)) { // exp(inf - inf) is NaN: no shift helps here
            java.util.Arrays.fill(s.data, Double.NaN);
            return s;
        }
        double sum = 0;
        for (int i = 0; i < s.data.length; i++) sum += s.data[i] = Math.exp(x.data[i] - max);
        for (int i = 0; i < s.data.length; i++) s.data[i] /= sum;
        return s;
    }

    /** logsumexp(x) = max + log Σ exp(x - max), exact for large entries where the naive form overflows. */
    static double logsumexp(DMatrixRMaj x) {
        double max = CommonOps_DDRM.elementMax(x);
        if (Double.isInfinite(max) || Double.isNaN(max)) return max;
        double sum = 0;
        for (double v : x.data) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }

    /**
     * The product of a chain of matrices, associated by the classic matrix-chain dynamic program
     * (minimum number of scalar multiplications): A*B*x costs O(n³) left to right but O(n²) right
     * to left, which matters when derivatives are evaluated once per basis direction.
     */
    static DMatrixRMaj chain(List<DMatrixRMaj> ms) {
        int k = ms.size();
        if (k == 1) return ms.get(0);
        long[] p = new long[k + 1];
        for (int i = 0; i < k; i++) {
            p[i] = ms.get(i).numRows;
            if (i > 0 && ms.get(i - 1).numCols != ms.get(i).numRows)
                throw new IllegalStateException("product chain does not chain: " + ms.get(i - 1).numCols
                        + " columns by " + ms.get(i).numRows + " rows");
        }
        p[k] = ms.get(k - 1).numCols;
        long[][] cost = new long[k][k];
        int[][] split = new int[k][k];
        for (int len = 2; len <= k; len++) {
            for (int i = 0; i + len - 1 < k; i++) {
                int j = i + len - 1;
                cost[i][j] = Long.MAX_VALUE;
                for (int s = i; s < j; s++) {
                    long c = cost[i][s] + cost[s + 1][j] + p[i] * p[s + 1] * p[j + 1];
                    if (c < cost[i][j]) {
                        cost[i][j] = c;
                        split[i][j] = s;
                    }
                }
            }
        }
        return multiply(ms, split, 0, k - 1);
    }

    private static DMatrixRMaj multiply(List<DMatrixRMaj> ms, int[][] split, int i, int j) {
        if (i == j) return ms.get(i);
        DMatrixRMaj left = multiply(ms, split, i, split[i][j]);
        DMatrixRMaj right = multiply(ms, split, split[i][j] + 1, j);
        DMatrixRMaj out = new DMatrixRMaj(left.numRows, right.numCols);
        CommonOps_DDRM.mult(left, right, out);
        return out;
    }
}
