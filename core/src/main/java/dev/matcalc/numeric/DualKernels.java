package dev.matcalc.numeric;

import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MaxMin;
import dev.matcalc.numeric.DualEvaluator.Dual;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import static dev.matcalc.numeric.DualEvaluator.elementMult;
import static dev.matcalc.numeric.DualEvaluator.scalar;
import static dev.matcalc.numeric.DualEvaluator.scaled;

/**
 * The value and derivative kernels of every element-wise and matrix function, written from the
 * textbook formulas (numerically, on matrices), not from the engine's symbolic rules. A switch
 * over the enums: a new function fails to compile here until it gets a kernel.
 */
final class DualKernels {
    private DualKernels() { }

    /**
     * f(U) entry-wise, dU scaled by f'(U). {@code underflow} is told when every value of a function
     * that is never 0 (exp), or every slope of one that is never flat (tanh), rounded to 0, or when
     * every term slope·dU did: the numbers are then zeros standing for small nonzero ones.
     */
    static Dual apply(Fn fn, Dual u, Runnable underflow) {
        DMatrixRMaj x = u.value();
        int n = x.getNumElements();
        DMatrixRMaj v = new DMatrixRMaj(x.numRows, x.numCols), slope = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < n; i++) {
            double a = x.data[i];
            v.data[i] = value(fn, a);
            slope.data[i] = slope(fn, a);
        }
        boolean movesAtAll = false;
        DMatrixRMaj[] t = new DMatrixRMaj[u.tangents().length];
        for (int k = 0; k < t.length; k++) {
            if (OutOfRange.productUnderflows(slope, u.tangents()[k])) underflow.run();
            movesAtAll |= OutOfRange.maxAbs(u.tangents()[k]) > 0;
            t[k] = elementMult(slope, u.tangents()[k]);
        }
        boolean finite = Double.isFinite(OutOfRange.maxAbs(x));
        if (finite && n > 0 && neverZero(fn) && OutOfRange.maxAbs(v) < Double.MIN_NORMAL) underflow.run();
        if (finite && movesAtAll && neverFlat(fn) && OutOfRange.maxAbs(slope) < Double.MIN_NORMAL) underflow.run();
        return new Dual(v, t);
    }

    /** Whether f(a) ≠ 0 for every a in its domain. */
    private static boolean neverZero(Fn fn) {
        return switch (fn) {
            case EXP, SIGMOID, SOFTPLUS -> true;
            case SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN, LOG, SQRT, TANH, ABS, SIGN, RELU, STEP, GE0 -> false;
        };
    }

    /** Whether f'(a) ≠ 0 for every a in its domain. */
    private static boolean neverFlat(Fn fn) {
        return switch (fn) {
            case EXP, SIGMOID, SOFTPLUS, TAN, TANH, ARCTAN, ARCSIN, ARCCOS, LOG, SQRT -> true;
            case SIN, COS, ABS, SIGN, RELU, STEP, GE0 -> false;
        };
    }

    static double value(Fn fn, double a) {
        return switch (fn) {
            case SIN -> Math.sin(a);
            case COS -> Math.cos(a);
            case TAN -> Math.sin(a) / Math.cos(a);
            case ARCSIN -> Math.asin(a);
            case ARCCOS -> Math.acos(a);
            case ARCTAN -> Math.atan(a);
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            case SQRT -> Math.sqrt(a);
            case TANH -> Math.tanh(a);
            case ABS -> Math.abs(a);
            case SIGN -> a > 0 ? 1 : a < 0 ? -1 : 0;
            case RELU -> Math.max(a, 0);
            case STEP -> a > 0 ? 1 : 0;
            case GE0 -> a >= 0 ? 1 : 0;
            case SIGMOID -> a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
            case SOFTPLUS -> a > 30 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
        };
    }

    /** f'(a); the kinks take the subgradient 0, as documented for the engine. */
    static double slope(Fn fn, double a) {
        return switch (fn) {
            case SIN -> Math.cos(a);
            case COS -> -Math.sin(a);
            case TAN -> 1 / (Math.cos(a) * Math.cos(a));
            case ARCSIN -> 1 / Math.sqrt(1 - a * a);
            case ARCCOS -> -1 / Math.sqrt(1 - a * a);
            case ARCTAN -> 1 / (1 + a * a);
            case EXP -> Math.exp(a);
            case LOG -> 1 / a;
            case SQRT -> 1 / (2 * Math.sqrt(a));
            case TANH -> 1 / (Math.cosh(a) * Math.cosh(a));
            case ABS -> a > 0 ? 1 : a < 0 ? -1 : 0;
            case SIGN, STEP, GE0 -> 0;
            case RELU -> a > 0 ? 1 : 0;
            case SIGMOID -> {
                double s = value(Fn.SIGMOID, a);
                yield s * (1 - s);
            }
            case SOFTPLUS -> value(Fn.SIGMOID, a);
        };
    }

    static Dual call(MatFn fn, Dual u) {
        if ((fn == MatFn.SOFTMAX || fn == MatFn.LOGSUMEXP) && u.value().numCols > 1) return perColumn(fn, u);
        DMatrixRMaj x = u.value();
        DMatrixRMaj[] dx = u.tangents();
        int nd = dx.length;
        DMatrixRMaj[] t = new DMatrixRMaj[nd];
        return switch (fn) {
            case SUM -> DualEvaluator.map(u, m -> scalar(CommonOps_DDRM.elementSum(m)));
            case TR -> DualEvaluator.map(u, m -> scalar(CommonOps_DDRM.trace(m)));
            case DIAG_MATRIX -> DualEvaluator.map(u, m -> CommonOps_DDRM.diag(java.util.Arrays.copyOf(m.data, m.getNumElements())));
            case DIAG_VECTOR -> DualEvaluator.map(u, m -> {
                DMatrixRMaj d = new DMatrixRMaj(m.numRows, 1);
                for (int i = 0; i < m.numRows; i++) d.data[i] = m.get(i, i);
                return d;
            });
            case DET -> {                                   // Jacobi: d det X = det X · tr(X⁻¹ dX)
                double det = CommonOps_DDRM.det(x);
                DMatrixRMaj inv = inverse(x);
                for (int k = 0; k < nd; k++) t[k] = scalar(det * traceOfProduct(inv, dx[k]));
                yield new Dual(scalar(det), t);
            }
            case LOGDET -> {                                // d log det X = tr(X⁻¹ dX)
                double det = CommonOps_DDRM.det(x);
                DMatrixRMaj inv = inverse(x);
                for (int k = 0; k < nd; k++) t[k] = scalar(traceOfProduct(inv, dx[k]));
                yield new Dual(scalar(det > 0 ? Math.log(det) : Double.NaN), t);
            }
            case INV -> {                                   // d X⁻¹ = -X⁻¹ dX X⁻¹
                DMatrixRMaj inv = inverse(x);
                for (int k = 0; k < nd; k++) {
                    DMatrixRMaj left = new DMatrixRMaj(x.numRows, x.numCols), out = new DMatrixRMaj(x.numRows, x.numCols);
                    CommonOps_DDRM.mult(inv, dx[k], left);
                    CommonOps_DDRM.mult(-1, left, inv, out);
                    t[k] = out;
                }
                yield new Dual(inv, t);
            }
            case NORM1 -> {                                 // d Σ|x| = Σ sign(x) dx
                double sum = 0;
                for (int i = 0; i < x.getNumElements(); i++) sum += Math.abs(x.data[i]);
                for (int k = 0; k < nd; k++) {
                    double s = 0;
                    for (int i = 0; i < x.getNumElements(); i++) s += Math.signum(x.data[i]) * dx[k].data[i];
                    t[k] = scalar(s);
                }
                yield new Dual(scalar(sum), t);
            }
            case NORM2 -> {                                 // d ‖x‖ = <x, dx> / ‖x‖
                double norm = Math.sqrt(dot(x, x));
                for (int k = 0; k < nd; k++) t[k] = scalar(dot(x, dx[k]) / norm);
                yield new Dual(scalar(norm), t);
            }
            case SIZE_ROWS, SIZE_COLS -> {                  // a constant of the shape: d size = 0
                for (int k = 0; k < nd; k++) t[k] = scalar(0);
                yield new Dual(scalar(fn == MatFn.SIZE_ROWS ? x.numRows : x.numCols), t);
            }
            case SOFTMAX -> {                               // d s = s .* dx - s (s · dx)
                DMatrixRMaj s = softmax(x);
                for (int k = 0; k < nd; k++) {
                    DMatrixRMaj out = elementMult(s, dx[k]);
                    CommonOps_DDRM.addEquals(out, -dot(s, dx[k]), s);
                    t[k] = out;
                }
                yield new Dual(s, t);
            }
            case MAX, MIN, ISMAX, ISMIN -> {                // the chosen entry x_k: d max = dx_k, d ismax = 0
                int chosen = Extrema.first(x.data, x.numRows, x.numCols, fn == MatFn.MAX || fn == MatFn.ISMAX);
                boolean mask = fn == MatFn.ISMAX || fn == MatFn.ISMIN;
                DMatrixRMaj v = mask ? new DMatrixRMaj(x.numRows, x.numCols) : scalar(x.data[chosen]);
                if (mask) v.data[chosen] = 1;
                for (int k = 0; k < nd; k++) t[k] = mask ? new DMatrixRMaj(x.numRows, x.numCols) : scalar(dx[k].data[chosen]);
                yield new Dual(v, t);
            }
            case LOGSUMEXP -> {                             // d lse = softmax(x) · dx
                double max = CommonOps_DDRM.elementMax(x), sum = 0;
                for (int i = 0; i < x.getNumElements(); i++) sum += Math.exp(x.data[i] - max);
                DMatrixRMaj s = softmax(x);
                for (int k = 0; k < nd; k++) t[k] = scalar(dot(s, dx[k]));
                yield new Dual(scalar(max + Math.log(sum)), t);
            }
        };
    }

    /**
     * max(A, B) or min(A, B) entry by entry: the chosen operand's value and tangents (the first
     * operand where they are equal); a 1×1 operand is compared with every entry of the other.
     */
    static Dual maxMin(MaxMin.Op op, Dual a, Dual b) {
        boolean aScalar = a.value().getNumElements() == 1, bScalar = b.value().getNumElements() == 1;
        DMatrixRMaj like = aScalar ? b.value() : a.value();
        int n = like.getNumElements(), nd = a.tangents().length;
        DMatrixRMaj v = new DMatrixRMaj(like.numRows, like.numCols);
        DMatrixRMaj[] t = new DMatrixRMaj[nd];
        for (int k = 0; k < nd; k++) t[k] = new DMatrixRMaj(like.numRows, like.numCols);
        for (int i = 0; i < n; i++) {
            int ia = aScalar ? 0 : i, ib = bScalar ? 0 : i;
            boolean first = op.choosesFirst(a.value().data[ia], b.value().data[ib]);
            v.data[i] = first ? a.value().data[ia] : b.value().data[ib];
            for (int k = 0; k < nd; k++) t[k].data[i] = first ? a.tangents()[k].data[ia] : b.tangents()[k].data[ib];
        }
        return new Dual(v, t);
    }

    /** softmax and logsumexp of a matrix: of each column, value and tangents alike. */
    private static Dual perColumn(MatFn fn, Dual u) {
        DMatrixRMaj x = u.value();
        int nd = u.tangents().length, rows = fn == MatFn.SOFTMAX ? x.numRows : 1;
        DMatrixRMaj value = new DMatrixRMaj(rows, x.numCols);
        DMatrixRMaj[] t = new DMatrixRMaj[nd];
        for (int k = 0; k < nd; k++) t[k] = new DMatrixRMaj(rows, x.numCols);
        for (int j = 0; j < x.numCols; j++) {
            DMatrixRMaj[] dj = new DMatrixRMaj[nd];
            for (int k = 0; k < nd; k++) dj[k] = CommonOps_DDRM.extractColumn(u.tangents()[k], j, null);
            Dual c = call(fn, new Dual(CommonOps_DDRM.extractColumn(x, j, null), dj));
            CommonOps_DDRM.insert(c.value(), value, 0, j);
            for (int k = 0; k < nd; k++) CommonOps_DDRM.insert(c.tangents()[k], t[k], 0, j);
        }
        return new Dual(value, t);
    }

    private static DMatrixRMaj inverse(DMatrixRMaj x) {
        DMatrixRMaj inv = new DMatrixRMaj(x.numRows, x.numCols);
        if (!CommonOps_DDRM.invert(x, inv)) java.util.Arrays.fill(inv.data, Double.NaN);
        return inv;
    }

    private static double traceOfProduct(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.numRows; i++)
            for (int j = 0; j < a.numCols; j++) s += a.get(i, j) * b.get(j, i);
        return s;
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.getNumElements(); i++) s += a.data[i] * b.data[i];
        return s;
    }

    private static DMatrixRMaj softmax(DMatrixRMaj x) {
        double max = CommonOps_DDRM.elementMax(x), sum = 0;
        DMatrixRMaj s = new DMatrixRMaj(x.numRows, x.numCols);
        for (int i = 0; i < s.getNumElements(); i++) sum += s.data[i] = Math.exp(x.data[i] - max);
        return scaled(1 / sum, s);
    }
}
