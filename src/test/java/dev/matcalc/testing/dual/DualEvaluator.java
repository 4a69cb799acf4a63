package dev.matcalc.testing.dual;

import dev.matcalc.expr.*;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an {@link Expr} on (value, tangents) pairs: the tangents of a node are its directional
 * derivatives along every basis direction E_k of one variable x, so one pass gives the whole
 * Jacobian ∂f/∂x. Values are computed here too (with this class's own kernels), so the value is a
 * fourth, free check against {@link Evaluator}. Only dimension sizes are taken from the engine's
 * evaluator ({@link Evaluator#size}), since {@code eye} and {@code vector(1)} carry no numbers.
 *
 * <p>Symmetric variables are perturbed one entry at a time, like finite differences; the caller
 * symmetrizes the result.
 */
public final class DualEvaluator {
    /** A node's value and its tangents, one per basis direction of x; never modified once built. */
    public record Dual(DMatrixRMaj value, DMatrixRMaj[] tangents) { }

    private final Map<String, DMatrixRMaj> values;
    private final Var x;
    private final int directions;
    private final Evaluator sizes;
    private final IdentityHashMap<Expr, Dual> memo = new IdentityHashMap<>();

    private DualEvaluator(Expr f, Var x, Map<String, DMatrixRMaj> values) {
        this.values = values;
        this.x = x;
        DMatrixRMaj x0 = values.get(x.name());
        if (x0 == null) throw new IllegalArgumentException("no value for " + x.name());
        this.directions = x0.getNumElements();
        this.sizes = new Evaluator(values).bind(f);
    }

    /** f and its tangents along each basis direction of x. */
    public static Dual evaluate(Expr f, Var x, Map<String, DMatrixRMaj> values) {
        return new DualEvaluator(f, x, values).eval(f);
    }

    /** ∂f/∂x with axes shape(f) + shape(x), the convention of {@code FiniteDifferences}. */
    public static Tensor jacobian(Expr f, Var x, Map<String, DMatrixRMaj> values) {
        return jacobian(evaluate(f, x, values), f, x, values);
    }

    /** The tangents of {@code d = evaluate(f, x, values)} as the tensor ∂f/∂x. */
    public static Tensor jacobian(Dual d, Expr f, Var x, Map<String, DMatrixRMaj> values) {
        int nf = d.value().getNumElements(), nx = d.tangents().length;
        DMatrixRMaj x0 = values.get(x.name());
        int[] axes = concat(axes(f, d.value().numRows, d.value().numCols), axes(x, x0.numRows, x0.numCols));
        double[] data = new double[nf * nx];
        for (int k = 0; k < nx; k++)
            for (int i = 0; i < nf; i++) data[i * nx + k] = d.tangents()[k].data[i];
        return new Tensor(axes, data);
    }

    private static int[] axes(Expr e, int rows, int cols) {
        boolean r = !e.shape().rows().isOne(), c = !e.shape().cols().isOne();
        return r && c ? new int[]{rows, cols} : r ? new int[]{rows} : c ? new int[]{cols} : new int[0];
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Dual eval(Expr e) {
        Dual known = memo.get(e);
        if (known != null) return known;
        Dual result = node(e);
        memo.put(e, result);
        return result;
    }

    private Dual node(Expr e) {
        return switch (e) {
            case Var v -> variable(v);
            case Num n -> constant(scalar(n.value()));
            case Ones o -> constant(filled(o.shape(), 1));
            case Zero z -> constant(filled(z.shape(), 0));
            case Identity i -> constant(CommonOps_DDRM.identity(sizes.size(i.size())));
            case Add a -> add(a);
            case MatMul m -> product(m.factors());
            case Transpose t -> map(eval(t.arg()), m -> CommonOps_DDRM.transpose(m, null));
            case Hadamard h -> hadamard(eval(h.left()), eval(h.right()));
            case Power p -> power(eval(p.base()), eval(p.exponent()));
            case Apply a -> DualKernels.apply(a.fn(), eval(a.arg()));
            case Call c -> DualKernels.call(c.fn(), eval(c.arg()));
            case Block b -> block(b);
            case Ref r -> eval(r.value());                                 // a named subexpression is its value
        };
    }

    private Dual variable(Var v) {
        DMatrixRMaj value = values.get(v.name());
        if (value == null) throw new IllegalArgumentException("no value for " + v.name());
        DMatrixRMaj[] t = new DMatrixRMaj[directions];
        for (int k = 0; k < directions; k++) {
            t[k] = new DMatrixRMaj(value.numRows, value.numCols);
            if (v.name().equals(x.name())) t[k].data[k] = 1;       // the basis direction E_k
        }
        return new Dual(value, t);
    }

    private Dual constant(DMatrixRMaj value) {
        DMatrixRMaj[] t = new DMatrixRMaj[directions];
        for (int k = 0; k < directions; k++) t[k] = new DMatrixRMaj(value.numRows, value.numCols);
        return new Dual(value, t);
    }

    private DMatrixRMaj filled(dev.matcalc.shapes.Shape s, double v) {
        int[] rc = sizes.size(s);
        DMatrixRMaj m = new DMatrixRMaj(rc[0], rc[1]);
        java.util.Arrays.fill(m.data, 0, m.getNumElements(), v);
        return m;
    }

    static DMatrixRMaj scalar(double v) {
        return new DMatrixRMaj(1, 1, true, v);
    }

    /** Scalar terms (by static shape) are added to every entry of a non-scalar sum. */
    private Dual add(Add a) {
        int[] rc = sizes.size(a.shape());
        DMatrixRMaj v = new DMatrixRMaj(rc[0], rc[1]);
        DMatrixRMaj[] t = new DMatrixRMaj[directions];
        for (int k = 0; k < directions; k++) t[k] = new DMatrixRMaj(rc[0], rc[1]);
        for (Expr term : a.terms()) {
            Dual d = eval(term);
            accumulate(v, d.value(), term.isScalar());
            for (int k = 0; k < directions; k++) accumulate(t[k], d.tangents()[k], term.isScalar());
        }
        return new Dual(v, t);
    }

    private static void accumulate(DMatrixRMaj into, DMatrixRMaj term, boolean broadcast) {
        int n = into.getNumElements();
        for (int i = 0; i < n; i++) into.data[i] += broadcast ? term.data[0] : term.data[i];
    }

    /**
     * The product rule folded left to right: (U, dU)(V, dV) = (UV, dU V + U dV), where a factor
     * of static scalar shape scales and the others multiply as matrices.
     */
    private Dual product(List<Expr> factors) {
        Dual acc = eval(factors.get(0));
        boolean accScalar = factors.get(0).isScalar();
        for (Expr f : factors.subList(1, factors.size())) {
            Dual next = eval(f);
            boolean nextScalar = f.isScalar();
            DMatrixRMaj v = times(acc.value(), accScalar, next.value(), nextScalar);
            DMatrixRMaj[] t = new DMatrixRMaj[directions];
            for (int k = 0; k < directions; k++) {
                t[k] = times(acc.tangents()[k], accScalar, next.value(), nextScalar);
                CommonOps_DDRM.addEquals(t[k], times(acc.value(), accScalar, next.tangents()[k], nextScalar));
            }
            acc = new Dual(v, t);
            accScalar &= nextScalar;
        }
        return acc;
    }

    private static DMatrixRMaj times(DMatrixRMaj a, boolean aScalar, DMatrixRMaj b, boolean bScalar) {
        if (aScalar) return scaled(a.data[0], b);
        if (bScalar) return scaled(b.data[0], a);
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, out);
        return out;
    }

    static DMatrixRMaj scaled(double s, DMatrixRMaj m) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.scale(s, m, out);
        return out;
    }

    private static Dual hadamard(Dual l, Dual r) {
        DMatrixRMaj v = elementMult(l.value(), r.value());
        DMatrixRMaj[] t = new DMatrixRMaj[l.tangents().length];
        for (int k = 0; k < t.length; k++) {
            t[k] = elementMult(l.tangents()[k], r.value());
            CommonOps_DDRM.addEquals(t[k], elementMult(l.value(), r.tangents()[k]));
        }
        return new Dual(v, t);
    }

    static DMatrixRMaj elementMult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, b, out);
        return out;
    }

    /** d(B.^p) = p B.^(p-1) .* dB + B.^p .* log(B) dp; the second term only where p varies. */
    private static Dual power(Dual base, Dual exponent) {
        double p = exponent.value().data[0];
        DMatrixRMaj b = base.value();
        int n = b.getNumElements();
        DMatrixRMaj v = new DMatrixRMaj(b.numRows, b.numCols), slope = new DMatrixRMaj(b.numRows, b.numCols);
        for (int i = 0; i < n; i++) {
            v.data[i] = p == 2 ? b.data[i] * b.data[i] : p == -1 ? 1 / b.data[i] : Math.pow(b.data[i], p);
            slope.data[i] = p == 1 ? 1 : p == 2 ? 2 * b.data[i] : p * Math.pow(b.data[i], p - 1);
        }
        DMatrixRMaj[] t = new DMatrixRMaj[base.tangents().length];
        for (int k = 0; k < t.length; k++) {
            t[k] = elementMult(slope, base.tangents()[k]);
            double dp = exponent.tangents()[k].data[0];
            if (dp != 0) for (int i = 0; i < n; i++) t[k].data[i] += v.data[i] * Math.log(b.data[i]) * dp;
        }
        return new Dual(v, t);
    }

    /** A linear map applied to the value and to every tangent. */
    static Dual map(Dual d, java.util.function.UnaryOperator<DMatrixRMaj> linear) {
        DMatrixRMaj[] t = new DMatrixRMaj[d.tangents().length];
        for (int k = 0; k < t.length; k++) t[k] = linear.apply(d.tangents()[k]);
        return new Dual(linear.apply(d.value()), t);
    }

    private Dual block(Block b) {
        List<List<Dual>> parts = b.rows().stream().map(row -> row.stream().map(this::eval).toList()).toList();
        DMatrixRMaj v = assemble(parts, -1);
        DMatrixRMaj[] t = new DMatrixRMaj[directions];
        for (int k = 0; k < directions; k++) t[k] = assemble(parts, k);
        return new Dual(v, t);
    }

    /** The block matrix of the values (k = -1) or of the k-th tangents. */
    private static DMatrixRMaj assemble(List<List<Dual>> parts, int k) {
        int rows = 0, cols = 0;
        for (List<Dual> row : parts) rows += row.get(0).value().numRows;
        for (Dual d : parts.get(0)) cols += d.value().numCols;
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        int r = 0;
        for (List<Dual> row : parts) {
            int c = 0;
            for (Dual d : row) {
                CommonOps_DDRM.insert(k < 0 ? d.value() : d.tangents()[k], out, r, c);
                c += d.value().numCols;
            }
            r += row.get(0).value().numRows;
        }
        return out;
    }
}
