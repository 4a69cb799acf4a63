package dev.matcalc.numeric;

import dev.matcalc.expr.*;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward mode: evaluates an {@link Expr} on (value, tangents) pairs, the tangents of a node being
 * its directional derivatives along every basis direction E_k of one variable x, so one pass gives
 * the whole Jacobian ∂f/∂x, exact up to rounding (no truncation error, unlike
 * {@link FiniteDifferences}). Written independently of the symbolic engine: values and derivatives
 * come from this package's own kernels ({@link DualKernels}), never from {@code Fn.derivative},
 * {@code MatFn.derivative} or the {@code calculus} package, so it is an independent reference for
 * symbolic derivatives. Only dimension sizes and variable values are taken from an
 * {@link Evaluator}, since {@code eye} and {@code vector(1)} carry no numbers.
 *
 * <p>Symmetric variables are perturbed one entry at a time, like finite differences; the caller
 * symmetrizes the result. Without a variable (x null) it computes values only.
 *
 * <p>Every node's value and tangents are screened as they are computed, and the first node where
 * they leave the normal range of doubles is kept ({@link #outOfRange}): an infinity, a NaN, entries
 * that are all subnormal, or a product (or a function that is never 0, like exp) whose every term
 * underflows straight to 0. Numbers computed past that point are not the expression's.
 */
public final class DualEvaluator {
    /** A node's value and its tangents, one per basis direction of x; never modified once built. */
    public record Dual(DMatrixRMaj value, DMatrixRMaj[] tangents) { }

    private final Evaluator at;
    private final Var x;
    private final int directions;
    private final IdentityHashMap<Expr, Dual> memo = new IdentityHashMap<>();
    private final Jitter jitter;
    private OutOfRange outOfRange;

    /**
     * Multiplies every entry an operation computes by 1 + δ·r, r uniform in [-1, 1]: rounding
     * errors simulated at an amplified size δ, to measure how much they grow ({@link DualNumbers}).
     */
    record Jitter(double delta, java.util.SplittableRandom rng) { }

    /** At the point of {@code at} (its values and dimension sizes), with tangents along x (null: none). */
    public DualEvaluator(Evaluator at, Var x) {
        this(at, x, null);
    }

    DualEvaluator(Evaluator at, Var x, Jitter jitter) {
        this.at = at;
        this.x = x;
        this.jitter = jitter;
        if (x == null) {
            directions = 0;
        } else {
            DMatrixRMaj x0 = at.value(x.name());
            if (x0 == null) throw new SourceError("no value for " + x.name());
            directions = x0.getNumElements();
        }
    }

    public DualEvaluator(Map<String, DMatrixRMaj> values, Var x) {
        this(new Evaluator(values), x);
    }

    /** e and its tangents along each basis direction of x. */
    public Dual eval(Expr e) {
        at.bind(e);
        return dual(e);
    }

    /** ∂f/∂x with axes shape(f) + shape(x), the convention of {@link Derivatives} and {@link FiniteDifferences}. */
    public Tensor jacobian(Expr f) {
        Dual d = eval(f);
        int nf = d.value().getNumElements(), nx = d.tangents().length;
        DMatrixRMaj x0 = at.value(x.name());
        int[] axes = Derivatives.concat(Derivatives.axes(f.shape(), d.value().numRows, d.value().numCols),
                Derivatives.axes(x.shape(), x0.numRows, x0.numCols));
        double[] data = new double[nf * nx];
        for (int k = 0; k < nx; k++)
            for (int i = 0; i < nf; i++) data[i * nx + k] = d.tangents()[k].data[i];
        return new Tensor(axes, data);
    }

    /** The first node whose numbers left the normal range of doubles, or null. */
    public OutOfRange outOfRange() {
        return outOfRange;
    }

    /** How many distinct nodes were evaluated: the number of rounded operations, roughly. */
    public int nodes() {
        return memo.size();
    }

    private Dual dual(Expr e) {
        Dual known = memo.get(e);
        if (known != null) return known;
        Dual result = node(e);
        screen(e, result.value());
        for (DMatrixRMaj t : result.tangents()) screen(e, t);
        if (jitter != null && rounds(e)) result = jittered(result);
        memo.put(e, result);
        return result;
    }

    /** Whether computing e's numbers rounds (moving, naming and transposing entries does not). */
    private static boolean rounds(Expr e) {
        return switch (e) {
            case Add a -> true;
            case MatMul m -> true;
            case Hadamard h -> true;
            case Power p -> true;
            case Apply a -> true;
            case Call c -> true;
            case MaxMin m -> false;                                     // chooses an entry, computes none
            case Var v -> false;
            case Num n -> false;
            case Ones o -> false;
            case Zero z -> false;
            case Identity i -> false;
            case Transpose t -> false;
            case Block b -> false;
            case Ref r -> false;
        };
    }

    private Dual jittered(Dual d) {
        DMatrixRMaj[] t = new DMatrixRMaj[d.tangents().length];
        for (int k = 0; k < t.length; k++) t[k] = jittered(d.tangents()[k]);
        return new Dual(jittered(d.value()), t);
    }

    private DMatrixRMaj jittered(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.getNumElements(); i++) out.data[i] *= 1 + jitter.delta() * (2 * jitter.rng().nextDouble() - 1);
        return out;
    }

    private void screen(Expr e, DMatrixRMaj m) {
        if (outOfRange != null) return;
        OutOfRange.Kind kind = OutOfRange.of(m);
        // its operands were finite (else the departure was recorded below): sums and products of
        // finite numbers give NaN only as ∞ - ∞ after an overflow inside them
        boolean arithmetic = e instanceof Add || e instanceof MatMul || e instanceof Hadamard;
        if (kind == OutOfRange.Kind.UNDEFINED && arithmetic) kind = OutOfRange.Kind.OVERFLOW;
        if (kind != null) outOfRange = new OutOfRange(kind, e);
    }

    /** Records an underflow at e (the first departure wins: later ones follow from it). */
    private void underflow(Expr e) {
        if (outOfRange == null) outOfRange = new OutOfRange(OutOfRange.Kind.UNDERFLOW, e);
    }

    private Dual node(Expr e) {
        return switch (e) {
            case Var v -> variable(v);
            case Num n -> constant(scalar(n.value()));
            case Ones o -> constant(filled(o.shape(), 1));
            case Zero z -> constant(filled(z.shape(), 0));
            case Identity i -> constant(CommonOps_DDRM.identity(at.size(i.size())));
            case Add a -> add(a);
            case MatMul m -> product(m);
            case Transpose t -> map(dual(t.arg()), m -> CommonOps_DDRM.transpose(m, null));
            case Hadamard h -> hadamard(h, dual(h.left()), dual(h.right()));
            case Power p -> power(p, dual(p.base()), dual(p.exponent()));
            case Apply a -> DualKernels.apply(a.fn(), dual(a.arg()), () -> underflow(a));
            // a matrix function rounds inside (an LU factorization): as if on a perturbed argument
            case Call c -> DualKernels.call(c.fn(), jitter == null ? dual(c.arg()) : jittered(dual(c.arg())));
            case MaxMin m -> DualKernels.maxMin(m.op(), dual(m.left()), dual(m.right()));
            case Block b -> block(b);
            case Ref r -> dual(r.value());                                 // a named subexpression is its value
        };
    }

    private Dual variable(Var v) {
        DMatrixRMaj value = at.value(v.name());
        if (value == null) throw new SourceError("no value for " + v.name());
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
        int[] rc = at.size(s);
        DMatrixRMaj m = new DMatrixRMaj(rc[0], rc[1]);
        java.util.Arrays.fill(m.data, 0, m.getNumElements(), v);
        return m;
    }

    static DMatrixRMaj scalar(double v) {
        return new DMatrixRMaj(1, 1, true, v);
    }

    /** Scalar terms (by static shape) are added to every entry of a non-scalar sum. */
    private Dual add(Add a) {
        int[] rc = at.size(a.shape());
        DMatrixRMaj v = new DMatrixRMaj(rc[0], rc[1]);
        DMatrixRMaj[] t = new DMatrixRMaj[directions];
        for (int k = 0; k < directions; k++) t[k] = new DMatrixRMaj(rc[0], rc[1]);
        for (Expr term : a.terms()) {
            Dual d = dual(term);
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
    private Dual product(MatMul m) {
        List<Expr> factors = m.factors();
        Dual acc = dual(factors.get(0));
        boolean accScalar = factors.get(0).isScalar();
        for (Expr f : factors.subList(1, factors.size())) {
            Dual next = dual(f);
            boolean nextScalar = f.isScalar();
            DMatrixRMaj v = times(m, acc.value(), accScalar, next.value(), nextScalar);
            DMatrixRMaj[] t = new DMatrixRMaj[directions];
            for (int k = 0; k < directions; k++) {
                t[k] = times(m, acc.tangents()[k], accScalar, next.value(), nextScalar);
                CommonOps_DDRM.addEquals(t[k], times(m, acc.value(), accScalar, next.tangents()[k], nextScalar));
            }
            acc = new Dual(v, t);
            accScalar &= nextScalar;
        }
        return acc;
    }

    private DMatrixRMaj times(Expr node, DMatrixRMaj a, boolean aScalar, DMatrixRMaj b, boolean bScalar) {
        if (OutOfRange.productUnderflows(a, b)) underflow(node);
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

    private Dual hadamard(Hadamard h, Dual l, Dual r) {
        DMatrixRMaj v = elementMult(h, l.value(), r.value());
        DMatrixRMaj[] t = new DMatrixRMaj[l.tangents().length];
        for (int k = 0; k < t.length; k++) {
            t[k] = elementMult(h, l.tangents()[k], r.value());
            CommonOps_DDRM.addEquals(t[k], elementMult(h, l.value(), r.tangents()[k]));
        }
        return new Dual(v, t);
    }

    private DMatrixRMaj elementMult(Expr node, DMatrixRMaj a, DMatrixRMaj b) {
        if (OutOfRange.productUnderflows(a, b)) underflow(node);
        return elementMult(a, b);
    }

    static DMatrixRMaj elementMult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, b, out);
        return out;
    }

    /** d(B.^p) = p B.^(p-1) .* dB + B.^p .* log(B) dp; the second term only where p varies. */
    private Dual power(Power node, Dual base, Dual exponent) {
        double p = exponent.value().data[0];
        DMatrixRMaj b = base.value();
        int n = b.getNumElements();
        DMatrixRMaj v = new DMatrixRMaj(b.numRows, b.numCols), slope = new DMatrixRMaj(b.numRows, b.numCols);
        boolean allZero = true, baseZero = true;
        for (int i = 0; i < n; i++) {
            v.data[i] = p == 2 ? b.data[i] * b.data[i] : p == -1 ? 1 / b.data[i] : Math.pow(b.data[i], p);
            slope.data[i] = p == 1 ? 1 : p == 2 ? 2 * b.data[i] : p * Math.pow(b.data[i], p - 1);
            allZero &= v.data[i] == 0;
            baseZero &= b.data[i] == 0;
        }
        if (allZero && !baseZero) underflow(node);               // b^p is never 0 for b ≠ 0
        DMatrixRMaj[] t = new DMatrixRMaj[base.tangents().length];
        for (int k = 0; k < t.length; k++) {
            t[k] = elementMult(node, slope, base.tangents()[k]);
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
        List<List<Dual>> parts = b.rows().stream().map(row -> row.stream().map(this::dual).toList()).toList();
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
