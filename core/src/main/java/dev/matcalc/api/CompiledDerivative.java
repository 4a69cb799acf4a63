package dev.matcalc.api;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.compile.Plan;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.tensor.KroneckerForm;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A derivative compiled into an evaluation plan ({@link dev.matcalc.compile}): compile once, then
 * {@link #evaluate} at many points. The plan is made for the sizes of the first point and made
 * again only when the sizes change. The numbers are {@link DerivativeResult#evaluate}'s: the value
 * of f, and the derivative in the shape(f) + shape(wrt₁) + … convention.
 *
 * <p>A derivative with no matrix form is a tensor. Where its differential is a sum of Kronecker
 * terms ({@link KroneckerForm}: c·A·dX·B, c·A·dX'·B) the plan computes each term's coefficient and
 * factors once and the tensor is filled with their outer products; otherwise it is read off the
 * differential one basis direction at a time (a rerun of the direction-dependent steps each).
 *
 * <p>Not thread-safe: the plan's buffers are reused by every call (use one per thread).
 */
public final class CompiledDerivative {
    /** The value of the function and its derivative at one point; fresh arrays, the caller's to keep. */
    public record Evaluation(Tensor value, Tensor derivative) { }

    private final Derivative derivative;
    /** The function's variables, whose values are checked on the way in ({@link Points#toMatrices}). */
    private final List<Var> variables;
    /** The matrix form in the numeric order (no layout transpose left to do), or null for a tensor. */
    private final Expr numericMatrix;
    private Plan plan, hvpPlan, derivativePlan;
    private List<Object> planSizes, hvpSizes, derivativeSizes;
    /** The differential's Kronecker terms, looked for once (on the first evaluation); null where it has none. */
    private KroneckerForm kronecker;
    private boolean kroneckerSought;
    /** How the current plan fills the tensor from the Kronecker terms; null when it reads it off the differential. */
    private KroneckerFill fill;
    /** Off only in tests (before the first evaluation), to compare the Kronecker fill with the per-direction one. */
    boolean kroneckerAllowed = true;
    /** Whether the last {@link #evaluate} filled the tensor from the Kronecker terms (for tests). */
    boolean lastFilledFromKronecker;

    CompiledDerivative(Derivative derivative) {
        this.derivative = derivative;
        this.variables = Points.variables(derivative.function());
        this.numericMatrix = derivative.hasMatrixForm() ? numericOrder(derivative) : null;
    }

    /** The matrix form transposed where the layout put it the other way round (as DerivativeResult does). */
    private static Expr numericOrder(Derivative d) {
        boolean gradientStep = d.base().isScalar() && !d.wrt().get(d.order() - 1).isScalar();
        boolean transposed = d.layout() == Layout.DENOMINATOR ? !gradientStep
                : d.layout() == Layout.NUMERATOR && gradientStep;
        Shape s = d.matrix().shape();
        boolean vector = s.rows().isOne() || s.cols().isOne(); // a vector's transpose has the same entries
        return transposed && !vector ? Exprs.transpose(d.matrix()) : d.matrix();
    }

    public Derivative derivative() {
        return derivative;
    }

    /** f and its derivative at {@code values} (numbers, double[], double[][] or EJML matrices, by name). */
    public Evaluation evaluate(Map<String, ?> values) {
        Map<String, DMatrixRMaj> point = Points.toMatrices(values, variables);
        List<Object> sizes = sizes(point);
        if (plan == null || !sizes.equals(planSizes)) {
            fill = numericMatrix == null && kroneckerAllowed ? KroneckerFill.of(kronecker(), derivative, point) : null;
            List<Expr> roots = new ArrayList<>();
            roots.add(derivative.function());
            if (numericMatrix != null) roots.add(numericMatrix);
            else if (fill != null) roots.addAll(fill.roots);
            else roots.add(derivative.differential());
            plan = Plan.compile(roots, DerivativeResult.at(derivative, point));
            planSizes = sizes;
        }
        plan.setAll(point);
        DMatrixRMaj f = null;
        Tensor d;
        lastFilledFromKronecker = fill != null;
        if (numericMatrix != null) {
            plan.run();
            f = plan.result(0);
            d = new Tensor(numericAxes(point, sizes), fresh(plan.result(1)));
        } else if (fill != null) {
            plan.run();
            f = plan.result(0);
            d = fill.tensor(plan);
        } else {
            d = tensorFromDifferential(point);
            f = plan.result(0);
        }
        return new Evaluation(Points.toTensor(f, derivative.function().shape()), d);
    }

    /**
     * The derivative alone at {@code values}, in the shape(f) + shape(wrt) convention: the value of f
     * is computed only where the derivative needs it (a Newton step needs the Hessian, not f). A
     * fresh tensor, the caller's to keep.
     */
    public Tensor derivativeAt(Map<String, ?> values) {
        Map<String, DMatrixRMaj> point = Points.toMatrices(values, variables);
        if (numericMatrix == null) return evaluate(point).derivative();
        List<Object> sizes = sizes(point);
        derivativePlan(point, sizes).setAll(point).run();
        return new Tensor(numericAxes(point, sizes), fresh(derivativePlan.result(0)));
    }

    /**
     * The derivative at {@code values} written into {@code into} (row-major in the shape(f) + shape(wrt)
     * convention; its length is the number of entries) and returned: for loops that evaluate many
     * times and keep one array, nothing is allocated per call.
     */
    public double[] derivativeAt(Map<String, ?> values, double[] into) {
        java.util.Objects.requireNonNull(into, "into: the array to write the derivative into is null");
        Map<String, DMatrixRMaj> point = Points.toMatrices(values, variables);
        if (numericMatrix == null) {
            double[] d = evaluate(point).derivative().data();
            if (d.length != into.length)
                throw new IllegalArgumentException("the derivative has " + d.length + " entries; the array given has " + into.length);
            System.arraycopy(d, 0, into, 0, d.length);
            return into;
        }
        derivativePlan(point, sizes(point)).setAll(point).runInto(0, into);
        return into;
    }

    /**
     * A copy of a plan's result for the caller to keep. Copying the plan's buffer, warm in cache, into
     * a new array beats computing into a new array: a new array is zeroed first (a write pass over
     * cold memory) and a copy is not (x'Ax's Hessian at n = 1000: 1.5 ms against 2.1 ms).
     */
    private static double[] fresh(DMatrixRMaj result) {
        return result.data.length == result.getNumElements() ? result.data.clone()
                : java.util.Arrays.copyOf(result.data, result.getNumElements());
    }

    /** The plan of the matrix form alone, made for the sizes of {@code point}. */
    private Plan derivativePlan(Map<String, DMatrixRMaj> point, List<Object> sizes) {
        if (derivativePlan == null || !sizes.equals(derivativeSizes)) {
            // f binds the sizes its variables give (the derivative of y by y is eye(n): no variable of its own)
            derivativePlan = Plan.compile(List.of(numericMatrix), DerivativeResult.at(derivative, point));
            derivativeSizes = sizes;
        }
        return derivativePlan;
    }

    /** The steps of the plan for the sizes last evaluated (empty before the first call). */
    public List<String> steps() {
        return plan == null ? List.of() : plan.describe();
    }

    /**
     * The derivative applied to a direction: for a Hessian, H·v in the variable's shape, computed from
     * the differential with the direction bound, never forming H (the way to use Hessians too large
     * to store, e.g. the matrix-factorization Hessian by U, 2·dU·V'·V).
     */
    public Tensor hvp(Map<String, ?> values, Object direction) {
        List<Var> dirs = derivative.directions();
        if (dirs.size() != 1)
            throw new SourceError("a derivative-vector product needs a derivative linear in one direction; this one has "
                    + dirs.size());
        Var dir = dirs.get(0);
        Map<String, DMatrixRMaj> point = Points.toMatrices(values, variables);
        DMatrixRMaj v = Points.toMatrix(dir.name(), direction);
        List<Object> sizes = sizes(point);
        if (hvpPlan == null || !sizes.equals(hvpSizes)) {
            Evaluator at = DerivativeResult.at(derivative, point).with(dir, v);
            hvpPlan = Plan.compile(List.of(derivative.differential()), at);
            hvpSizes = sizes;
        }
        DMatrixRMaj out = hvpPlan.setAll(point).set(dir.name(), v).run().result(0);
        return Points.toTensor(out, derivative.base().shape());
    }

    private KroneckerForm kronecker() {
        if (!kroneckerSought) {
            List<Var> dirs = derivative.directions();
            kronecker = dirs.size() == 1 ? KroneckerForm.of(derivative.differential(), dirs.get(0)) : null;
            kroneckerSought = true;
        }
        return kronecker;
    }

    /** The tensor read off the differential one basis direction (pair) at a time, rerunning only what depends on it. */
    private Tensor tensorFromDifferential(Map<String, DMatrixRMaj> point) {
        List<Var> dirs = derivative.directions();
        if (dirs.size() > 2)
            throw new SourceError("numbers for this derivative of order " + dirs.size()
                    + " are not available: it has no matrix form at order " + (dirs.size() - 1));
        Evaluator at = DerivativeResult.at(derivative, point);
        at.bind(derivative.differential());
        List<DMatrixRMaj> basis = new ArrayList<>();
        for (Var dir : dirs) {
            int[] s = at.size(dir.shape());
            DMatrixRMaj e = new DMatrixRMaj(s[0], s[1]);
            basis.add(e);
            plan.set(dir.name(), e);
        }
        plan.run();
        DMatrixRMaj column = plan.result(1);
        Shape base = derivative.base().shape();
        int n1 = basis.get(0).getNumElements(), n2 = dirs.size() == 2 ? basis.get(1).getNumElements() : 1;
        int nf = column.getNumElements();
        List<Integer> axes = new ArrayList<>();
        for (int a : Points.axes(base, column.numRows, column.numCols)) axes.add(a);
        for (int k = 0; k < dirs.size(); k++)
            for (int a : Points.axes(dirs.get(k).shape(), basis.get(k).numRows, basis.get(k).numCols)) axes.add(a);
        double[] t = new double[Points.arrayLength((long) nf * n1 * n2)];
        for (int a = 0; a < n1; a++) {
            basis.get(0).data[a] = 1;
            for (int b = 0; b < n2; b++) {
                if (n2 > 1 || dirs.size() == 2) basis.get(1).data[b] = 1;
                plan.runDependent();
                double[] c = plan.result(1).data;
                for (int i = 0; i < nf; i++) t[(i * n1 + a) * n2 + b] = c[i];
                if (dirs.size() == 2) basis.get(1).data[b] = 0;
            }
            basis.get(0).data[a] = 0;
        }
        return new Tensor(axes.stream().mapToInt(Integer::intValue).toArray(), t);
    }

    private List<Object> axesSizes;
    private int[] axes;

    /** The derivative's axes for the sizes of {@code point} (worked out again only when they change). */
    private int[] numericAxes(Map<String, DMatrixRMaj> point, List<Object> sizes) {
        if (!sizes.equals(axesSizes)) {
            axes = numericAxes(point);
            axesSizes = sizes;
        }
        return axes;
    }

    private int[] numericAxes(Map<String, DMatrixRMaj> point) {
        List<Integer> axes = new ArrayList<>();
        int[] f = DerivativeResult.at(derivative, point).size(derivative.function().shape());
        for (int a : Points.axes(derivative.function().shape(), f[0], f[1])) axes.add(a);
        for (Var v : derivative.wrt()) {
            DMatrixRMaj x = point.get(v.name());
            if (x == null) throw new SourceError("no value for " + v.name());
            for (int a : Points.axes(v.shape(), x.numRows, x.numCols)) axes.add(a);
        }
        return axes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The sizes of a point, as a key: plans are made again only when it changes. */
    private static List<Object> sizes(Map<String, DMatrixRMaj> point) {
        List<Object> key = new ArrayList<>(3 * point.size());
        for (Map.Entry<String, DMatrixRMaj> e : new java.util.TreeMap<>(point).entrySet()) {
            key.add(e.getKey());
            key.add(e.getValue().numRows);
            key.add(e.getValue().numCols);
        }
        return key;
    }
}
