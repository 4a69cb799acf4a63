package dev.matcalc.compile;

import dev.matcalc.expr.*;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.MatrixKernels;
import dev.matcalc.numeric.StableForms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns expressions into {@link Step}s. Nodes are numbered by structure (hash-consing: a node's key
 * is its kind, its own attributes and its children's numbers), so equal subterms reached through
 * different objects still become one step. Products are planned by {@link ProductPlanner}.
 */
final class PlanBuilder {
    final Evaluator at;
    private final IdentityHashMap<Expr, Integer> ids = new IdentityHashMap<>();
    private final Map<List<Object>, Integer> keys = new HashMap<>();
    private final Map<Integer, Step> byId = new HashMap<>();
    /** Steps that are not nodes (sub-products, materialized transposes), shared by key. */
    final Map<List<Object>, Step> derived = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Step> inputs = new LinkedHashMap<>();
    private final ProductPlanner products = new ProductPlanner(this);

    PlanBuilder(Evaluator at) {
        this.at = at;
    }

    Plan build(List<Expr> roots) {
        for (Expr r : roots) at.bind(r);
        List<Expr> stable = new StableForms().of(roots); // the same numbers, finite where the written form overflows
        Orientation orientation = new Orientation(this);
        Scalings scalings = new Scalings();
        // the scalings first: the terms they make (A.*Y - diag(u)*Y from (A - u*1').*Y) are then oriented
        // as a whole, where orienting first left the distributed terms in the orientation of the sum
        // they came from (a transposed copy of Y or of A.*Y)
        List<Expr> canonical = new SharedSums(this, orientation).of(
                stable.stream().map(scalings::of).map(orientation::canonical).toList());
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Expr r : canonical) {
            uses.merge(id(r), 1, Integer::sum);
            countUses(r, seen);
        }
        List<Step> rs = new ArrayList<>();
        for (Expr r : canonical) rs.add(step(r));
        for (Step r : rs) r.root = true;
        allocate();
        SparseUses.checkPlan(steps);
        return new Plan(RowFusion.fuse(steps), inputs, rs);
    }

    /** The structural number of a node. */
    int id(Expr e) {
        Integer known = ids.get(e);
        if (known != null) return known;
        if (e instanceof Ref r) { // a name for its value: the same step, computed once
            int id = id(r.value());
            ids.put(e, id);
            return id;
        }
        List<Object> key = new ArrayList<>();
        key.add(e.getClass());
        switch (e) {
            case Var v -> key.add(v.name());
            case Num n -> key.add(n.value());
            case Ones o -> key.add(o.shape());
            case Zero z -> key.add(z.shape());
            case Identity i -> key.add(i.size());
            case Apply a -> key.add(a.fn());
            case Call c -> key.add(c.fn());
            case MaxMin m -> key.add(m.op());
            case Block b -> key.add(b.rows().stream().map(List::size).toList());
            default -> { }
        }
        List<Integer> kids = new ArrayList<>();
        for (Expr c : Nodes.children(e)) kids.add(id(c));
        // x.*y and y.*x are one value (IEEE multiplication commutes): one step for both
        if (e instanceof Hadamard) java.util.Collections.sort(kids);
        key.addAll(kids);
        int id = keys.computeIfAbsent(key, k -> keys.size());
        ids.put(e, id);
        return id;
    }

    Step step(Expr e) {
        int id = id(e);
        Step s = byId.get(id);
        if (s == null) {
            s = make(e);
            byId.put(id, s);
        }
        return s;
    }

    /** Registers a step (after its inputs: the list stays in dependency order). */
    Step add(Step s) {
        steps.add(s);
        return s;
    }

    private Step make(Expr e) {
        return switch (e) {
            case Var v -> input(v);
            case Num n -> constant("number", MatrixKernelsShim.filled(1, 1, n.value()));
            case Ones o -> constant("ones", filled(o.shape(), 1));
            case Zero z -> constant("zeros", filled(z.shape(), 0));
            case Identity i -> constant("identity", CommonOps_DDRM.identity(at.size(i.size())));
            case Add a -> sum(a);
            case MatMul m -> products.plan(m);
            case Transpose t -> transpose(step(t.arg()));
            case Hadamard h -> {
                Step l = step(h.left()), r = step(h.right());
                yield add(new Step("hadamard", l.rows, l.cols, List.of(l, r), 0, (self, from, to) -> {
                    double[] x = self.in(0).out.data, y = self.in(1).out.data, z = self.out.data;
                    for (int i = from; i < to; i++) z[i] = x[i] * y[i];
                }));
            }
            case Power p -> power(step(p.base()), step(p.exponent()));
            case Apply a -> {
                Fn fn = a.fn();
                Step in = step(a.arg());
                yield add(new Step(fn.name().toLowerCase(), in.rows, in.cols, List.of(in), 0,
                        (self, from, to) -> ElementwiseKernels.apply(fn, self.in(0).out.data, self.out.data, from, to)));
            }
            case Call c -> call(c);
            case MaxMin m -> maxMin(m);
            case Block b -> block(b);
            case Ref r -> step(r.value());
        };
    }

    /** max(A, B) or min(A, B) entry by entry, a scalar operand against every entry; ties take A. */
    private Step maxMin(MaxMin m) {
        Step l = step(m.left()), r = step(m.right());
        boolean lScalar = m.left().isScalar(), rScalar = m.right().isScalar();
        Step like = lScalar ? r : l;
        MaxMin.Op op = m.op();
        return add(new Step(op.fnName(), like.rows, like.cols, List.of(l, r), lScalar ? 1 : 0, self -> {
            double[] x = self.in(0).out.data, y = self.in(1).out.data, z = self.out.data;
            for (int i = 0; i < z.length; i++) z[i] = op.eval(x[lScalar ? 0 : i], y[rScalar ? 0 : i]);
        }));
    }

    private Step input(Var v) {
        DMatrixRMaj value = at.valueToRead(v.name());  // not copied: an input step is never written (not owned)
        int[] size = value != null ? new int[] {value.numRows, value.numCols} : at.size(v.shape());
        Step s = add(new Step("input " + v.name(), size[0], size[1], List.of(), -1, self -> { }));
        s.owned = false;
        s.dependent = v.isDifferential();
        s.out = value; // a placeholder until the caller sets it
        if (value instanceof dev.matcalc.numeric.SparseMatrix m) {
            s.sparse = true;
            s.density = m.density();
        }
        inputs.put(v.name(), s);
        return s;
    }

    private Step constant(String what, DMatrixRMaj value) {
        Step s = add(new Step(what, value.numRows, value.numCols, List.of(), -1, self -> { }));
        s.owned = false; // never written over: it must survive every run
        s.out = value;
        return s;
    }

    private DMatrixRMaj filled(dev.matcalc.shapes.Shape shape, double v) {
        int[] size = at.size(shape);
        return MatrixKernelsShim.filled(size[0], size[1], v);
    }

    /**
     * Scalar terms (static shape) broadcast; the first matrix term's buffer may be reused. One product
     * term used nowhere else ({@code T - U*V'}) is not made on its own: its last multiplication adds
     * into the sum's buffer (gemm with β = 1), saving the product's buffer and a pass over it.
     */
    private Step sum(Add a) {
        Step tiled = transposedSum(a);
        if (tiled != null) return tiled;
        Step lineScaled = LineScaledSum.plan(this, a);
        if (lineScaled != null) return lineScaled;
        ProductPlanner.Accumulation acc = null;
        Expr accumulated = null;
        for (Expr t : a.terms()) {
            Expr u = t instanceof Ref r ? r.value() : t;
            if (u instanceof MatMul m && uses.getOrDefault(id(t), 0) == 1 && (acc = products.accumulation(m)) != null) {
                accumulated = t;
                break;
            }
        }
        List<Step> terms = new ArrayList<>();
        List<Boolean> broadcast = new ArrayList<>();
        List<Double> coefficients = new ArrayList<>();
        List<List<Step>> termScalars = new ArrayList<>();
        int rows = 1, cols = 1, first = -1;
        for (Expr t : a.terms()) {
            if (t == accumulated) continue;
            Expr u = t instanceof Ref r ? r.value() : t;
            double c = 1;
            List<Step> scalars = List.of();
            Expr scaled = u instanceof MatMul m && !u.isScalar() ? scaledFactor(m) : null;
            if (scaled != null) {
                // -X in T - X, c*X + c*Y: read X with its coefficient, no scaled copy first
                List<Step> ss = new ArrayList<>();
                for (Expr f : ((MatMul) u).factors()) {
                    if (f instanceof Num n) c *= n.value();
                    else if (f.isScalar()) ss.add(step(f));
                }
                scalars = ss;
                t = scaled;
            }
            Step s = step(t);
            terms.add(s);
            coefficients.add(c);
            termScalars.add(scalars);
            broadcast.add(t.isScalar());
            if (!t.isScalar() && first < 0) {
                first = terms.size() - 1;
                rows = s.rows;
                cols = s.cols;
            }
        }
        if (first < 0 && !a.isScalar()) { // no matrix term (left): the sum's own shape
            int[] size = at.size(a.shape());
            rows = size[0];
            cols = size[1];
        }
        int matrix = first, count = terms.size();
        boolean[] scalarTerm = new boolean[count];
        double[] coefficient0 = new double[count];
        for (int i = 0; i < count; i++) {
            scalarTerm[i] = broadcast.get(i);
            coefficient0[i] = coefficients.get(i);
        }
        ProductPlanner.Accumulation product = acc;
        if (product != null) {
            terms.add(product.left().step());
            terms.add(product.right().step());
            terms.addAll(product.alpha().scalars());
        }
        // the terms' scalar factors (steps) follow everything else; scalarsFrom[i] is term i's first
        int[] scalarsFrom = new int[count + 1];
        for (int i = 0; i < count; i++) {
            scalarsFrom[i] = terms.size();
            terms.addAll(termScalars.get(i));
        }
        scalarsFrom[count] = terms.size();
        boolean anyScalars = scalarsFrom[count] > scalarsFrom[0];
        Step.RangeKernel terms_ = (self, from, to) -> {
            double[] coefficient = anyScalars ? coefficient0.clone() : coefficient0;
            if (anyScalars)
                for (int i = 0; i < count; i++)
                    for (int k = scalarsFrom[i]; k < scalarsFrom[i + 1]; k++) coefficient[i] *= self.scalar(k);
            double constant = 0;
            for (int i = 0; i < count; i++) if (scalarTerm[i]) constant += coefficient[i] * self.scalar(i);
            double[] z = self.out.data;
            if (matrix < 0) java.util.Arrays.fill(z, from, to, constant);
            else {
                double[] x0 = self.in(matrix).out.data;
                double c0 = coefficient[matrix];
                if (c0 != 1) for (int j = from; j < to; j++) z[j] = c0 * x0[j] + constant;
                else if (constant != 0) for (int j = from; j < to; j++) z[j] = x0[j] + constant;
                else if (x0 != z) System.arraycopy(x0, from, z, from, to - from);
                for (int i = 0; i < count; i++) {
                    if (scalarTerm[i] || i == matrix) continue;
                    double[] x = self.in(i).out.data;
                    double c = coefficient[i];
                    if (c == 1) for (int j = from; j < to; j++) z[j] += x[j];
                    else for (int j = from; j < to; j++) z[j] += c * x[j];
                }
            }
        };
        if (product == null) return add(new Step("add", rows, cols, terms, matrix, terms_));
        return add(new Step("add, accumulating a product", rows, cols, terms, matrix, self -> {
            terms_.run(self, 0, self.rows * self.cols);
            Dense.gemmAdd(product.left().trans(), product.right().trans(), product.alpha().value(self, count + 2),
                    self.in(count).out, self.in(count + 1).out, self.out);
        }));
    }

    /**
     * The one matrix factor of a scaling {@code c*X} (c: numbers and scalars, statically 1×1) that a sum
     * can read with its coefficient, or null: a transposed or diagonal factor is not read in place.
     */
    private static Expr scaledFactor(MatMul m) {
        Expr only = null;
        for (Expr f : m.factors()) {
            if (f.isScalar()) continue;
            if (only != null) return null;
            only = f;
        }
        Expr u = only instanceof Ref r ? r.value() : only;
        if (only == null || u instanceof Transpose || u instanceof Call call && call.fn() == MatFn.DIAG_MATRIX) return null;
        return only;
    }

    /** Whether e is a vector (or a scalar) for the sizes of this plan. */
    boolean isVector(Expr e) {
        int[] size = at.size(e.shape());
        return size[0] == 1 || size[1] == 1;
    }

    /** Whether e is 1×1 for the sizes of this plan. */
    boolean isScalar(Expr e) {
        int[] size = at.size(e.shape());
        return size[0] == 1 && size[1] == 1;
    }

    /** How many parents (or roots) read {@code e} in the compiled expressions. */
    int uses(Expr e) {
        return uses.getOrDefault(id(e), 0);
    }

    /** How many parents each node (by structural number) has in the compiled expressions. */
    private final Map<Integer, Integer> uses = new HashMap<>();

    private void countUses(Expr e, java.util.Set<Integer> seen) {
        if (!seen.add(id(e))) return;
        for (Expr c : Nodes.children(e instanceof Ref r ? r.value() : e)) {
            uses.merge(id(c), 1, Integer::sum);
            countUses(c, seen);
        }
    }

    /**
     * A matrix sum with a transposed matrix term ({@code A + A'}, the x'Ax Hessian) reads the transposed
     * terms in place, tile by tile ({@link TiledSum}), instead of copying them into transposes first;
     * null for other sums.
     */
    private Step transposedSum(Add a) {
        if (a.isScalar() || a.terms().stream().noneMatch(t -> !t.isScalar()
                && (t instanceof Ref r ? r.value() : t) instanceof Transpose tp && !isVector(tp.arg()))) return null;
        List<Step> matrices = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        List<Step> scalars = new ArrayList<>();
        Map<Step, Integer> balance = new IdentityHashMap<>(); // plain minus transposed uses, for symmetry
        boolean anyTransposed = false, symmetric = true;
        for (Expr t : a.terms()) {
            if (t.isScalar()) {
                scalars.add(step(t));
                continue;
            }
            Expr u = t instanceof Ref r ? r.value() : t;
            Step s;
            boolean tr = false;
            if (u instanceof Transpose tp) {
                s = step(tp.arg());
                tr = s.rows > 1 && s.cols > 1;
                if (!tr) s = step(t); // a vector's transpose is a view, nothing to gain
            } else s = step(t);
            anyTransposed |= tr;
            if (!dev.matcalc.simplify.Symmetry.isSymmetric(t)) balance.merge(s, tr ? -1 : 1, Integer::sum);
            matrices.add(s);
            flags.add(tr);
        }
        if (!anyTransposed || matrices.isEmpty()) return null;
        for (int v : balance.values()) symmetric &= v == 0;
        Step first = matrices.get(0);
        int rows = flags.get(0) ? first.cols : first.rows, cols = flags.get(0) ? first.rows : first.cols;
        boolean sym = symmetric && rows == cols;
        int k = matrices.size();
        boolean[] trans = new boolean[k];
        for (int i = 0; i < k; i++) trans[i] = flags.get(i);
        List<Step> inputs = new ArrayList<>(matrices);
        inputs.addAll(scalars);
        return add(new Step(sym ? "add with transposes (half, mirrored)" : "add with transposes", rows, cols,
                inputs, -1, self -> {
            double constant = 0;
            for (int i = k; i < self.inputs.size(); i++) constant += self.scalar(i);
            double[][] xs = new double[k][];
            for (int i = 0; i < k; i++) xs[i] = self.in(i).out.data;
            TiledSum.sum(xs, trans, rows, cols, constant, sym, self.out.data);
        }));
    }

    private Step power(Step base, Step exponent) {
        return add(new Step("power", base.rows, base.cols, List.of(base, exponent), 0, (self, from, to) -> {
            double[] x = self.in(0).out.data, y = self.out.data;
            double p = self.scalar(1);
            if (p == 2) for (int i = from; i < to; i++) y[i] = x[i] * x[i];
            else if (p == -1) for (int i = from; i < to; i++) y[i] = 1 / x[i];
            else if (p == 0.5) for (int i = from; i < to; i++) y[i] = Math.sqrt(x[i]);
            else if (p == 1) { if (x != y) System.arraycopy(x, from, y, from, to - from); }
            else for (int i = from; i < to; i++) y[i] = Math.pow(x[i], p);
        }));
    }

    /** A vector's transpose shares its data; a matrix's is copied. */
    Step transpose(Step in) {
        if (in.rows == 1 || in.cols == 1) {
            Step s = add(new Step("transpose (view)", in.cols, in.rows, List.of(in), -1,
                    self -> self.out = DMatrixRMaj.wrap(self.rows, self.cols, self.in(0).out.data)));
            s.owned = false;
            return s;
        }
        return add(new Step("transpose", in.cols, in.rows, List.of(in), -1,
                self -> CommonOps_DDRM.transpose(self.in(0).out, self.out)));
    }

    private Step call(Call c) {
        if (c.fn() == MatFn.SIZE_ROWS || c.fn() == MatFn.SIZE_COLS) // a constant of the bound sizes
            return constant("size", MatrixKernelsShim.filled(1, 1, at.size(c.arg().shape())[c.fn() == MatFn.SIZE_ROWS ? 0 : 1]));
        Step in = step(c.arg());
        int n = in.rows * in.cols;
        if (c.fn() == MatFn.SOFTMAX) return add(new Step("softmax", in.rows, in.cols, List.of(in), 0,
                self -> Softmax.columns(self.in(0).out.data, in.rows, in.cols, self.out.data)));
        if (c.fn() == MatFn.LOGSUMEXP) {
            double[] scratch = new double[n];
            return add(new Step("logsumexp", 1, in.cols, List.of(in), -1,
                    self -> Softmax.logsumexpColumns(self.in(0).out.data, in.rows, in.cols, scratch, self.out.data)));
        }
        return switch (c.fn()) {
            // named with what it reads: a sum may read a vector of line sums in place of the matrix (SharedSums)
            case SUM -> add(new Step("sum (of " + in.rows + "×" + in.cols + ")", 1, 1, List.of(in), -1, self -> {
                double s = 0;
                for (double x : self.in(0).out.data) s += x;
                self.out.data[0] = s;
            }));
            case DIAG_MATRIX -> add(new Step("diag (dense)", n, n, List.of(in), -1, self -> {
                double[] v = self.in(0).out.data, z = self.out.data;
                java.util.Arrays.fill(z, 0);
                for (int i = 0; i < n; i++) z[i * n + i] = v[i];
            }));
            default -> {
                int[] size = c.isScalar() ? new int[] {1, 1}
                        : c.fn() == MatFn.DIAG_VECTOR ? new int[] {in.rows, 1}
                        : c.fn() == MatFn.LOGSUMEXP ? new int[] {1, in.cols} : new int[] {in.rows, in.cols};
                yield add(new Step(c.fn().name().toLowerCase(), size[0], size[1], List.of(in), -1,
                        self -> System.arraycopy(MatrixKernels.call(c.fn(), self.in(0).out).data, 0,
                                self.out.data, 0, self.out.data.length)));
            }
        };
    }

    private Step block(Block b) {
        List<Step> parts = new ArrayList<>();
        List<int[]> at = new ArrayList<>();
        int r = 0, cols = 0;
        for (List<Expr> row : b.rows()) {
            int c = 0, h = 0;
            for (Expr e : row) {
                Step s = step(e);
                parts.add(s);
                at.add(new int[] {r, c});
                c += s.cols;
                h = s.rows;
            }
            r += h;
            cols = c;
        }
        return add(new Step("block", r, cols, parts, -1, self -> {
            for (int i = 0; i < parts.size(); i++)
                CommonOps_DDRM.insert(self.in(i).out, self.out, at.get(i)[0], at.get(i)[1]);
        }));
    }

    /** Buffers: an element-wise step writes over its input when it is the input's only reader. */
    private void allocate() {
        for (Step s : steps) for (Step in : s.inputs) in.consumers++;
        for (Step s : steps) {
            if (!s.owned) continue;
            if (s.inPlaceInput >= 0) {
                Step in = s.in(s.inPlaceInput);
                if (in.owned && in.consumers == 1 && !in.root && in.dependent == s.dependent
                        && in.rows == s.rows && in.cols == s.cols && in.out != null) {
                    s.out = in.out;
                    continue;
                }
            }
            s.out = new DMatrixRMaj(s.rows, s.cols);
        }
    }
}
