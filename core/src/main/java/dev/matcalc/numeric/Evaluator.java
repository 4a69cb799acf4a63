package dev.matcalc.numeric;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions to matrices at one point (one value per variable; scalars are 1×1).
 *
 * <p>Expressions are DAGs: a node reached twice (the same Java object) is computed once, its
 * value kept in an identity memo for the evaluator's lifetime (values never change, and cached
 * matrices are never modified). {@link #with} makes a child evaluator that sets one more variable
 * (a differential dX = E_ij, or a perturbed X): nodes that do not mention it are taken from, and
 * stored in, the parent's memo, so evaluating a derivative in every basis direction recomputes only
 * the part that depends on the direction.
 *
 * <p>Symbolic dimensions are bound from the values of the variables whose shapes mention them
 * ({@link #bind}); {@link Ones}, {@link Identity} and {@link Zero} take their sizes from them.
 * Symmetric variables are not checked for symmetry here: finite differences perturb one entry at a
 * time. Values from outside are checked where they enter the API ({@link SymmetricValues}).
 */
public final class Evaluator {
    private final Evaluator parent;
    private final Var varying;
    private final DMatrixRMaj varyingValue;
    private final Map<String, DMatrixRMaj> values;
    private final DimBinding dims;
    private final IdentityHashMap<Expr, DMatrixRMaj> memo = new IdentityHashMap<>();
    /** Per variable name, which nodes mention it: shared by all children of the root. */
    private final Map<String, IdentityHashMap<Expr, Boolean>> mentions;
    /** What is computed for each expression asked for: shared by all children, so they share its nodes. */
    private final StableForms stable;

    public Evaluator(Map<String, DMatrixRMaj> values) {
        this(null, null, null, Map.copyOf(values), new DimBinding(), new HashMap<>(), new StableForms());
    }

    private Evaluator(Evaluator parent, Var varying, DMatrixRMaj varyingValue, Map<String, DMatrixRMaj> values,
                      DimBinding dims, Map<String, IdentityHashMap<Expr, Boolean>> mentions, StableForms stable) {
        this.parent = parent;
        this.varying = varying;
        this.varyingValue = varyingValue;
        this.values = values;
        this.dims = dims;
        this.mentions = mentions;
        this.stable = stable;
    }

    /** The value of {@code e} at {@code values}: a one-shot evaluation. */
    public static DMatrixRMaj evaluate(Expr e, Map<String, DMatrixRMaj> values) {
        return new Evaluator(values).eval(e);
    }

    /** This point with {@code v} set to {@code value} (replacing any value it had here). */
    public Evaluator with(Var v, DMatrixRMaj value) {
        Evaluator child = new Evaluator(this, v, value.copy(), values, dims, mentions, stable);
        dims.bind(v, value);
        return child;
    }

    /**
     * The value of {@code e}, a fresh matrix the caller may modify. What is computed is e's
     * {@link StableForms stable form}: the same value, finite also where e as written overflows.
     */
    public DMatrixRMaj eval(Expr e) {
        bind(e);
        return compute(stable.of(e)).copy();
    }

    /**
     * Binds the symbolic dimensions from the values of {@code e}'s variables, checking them. A
     * variable with no value is an error, except a differential, which is set later by {@link #with}.
     */
    public Evaluator bind(Expr e) {
        for (Var v : Nodes.variables(e).values()) {
            DMatrixRMaj value = lookup(v.name());
            if (value != null) dims.bind(v, value);
            else if (!v.isDifferential()) throw new SourceError("no value for " + v.name());
        }
        return this;
    }

    /** The size of a dimension at this point. */
    public int size(Dim d) {
        return dims.size(d);
    }

    /** {rows, cols} of a shape at this point. */
    public int[] size(Shape s) {
        return new int[] {dims.size(s.rows()), dims.size(s.cols())};
    }

    /** The symbolic dimensions bound so far. */
    public Map<String, Integer> dims() {
        return Map.copyOf(dims.sizes());
    }

    /** The value given for {@code name} here, or null. */
    public DMatrixRMaj value(String name) {
        DMatrixRMaj v = lookup(name);
        return v == null ? null : v.copy();
    }

    /**
     * The value given for {@code name} here itself, not a copy, or null: for a reader that never
     * writes it (a compiled plan's input step), where a copy of a large data matrix per plan cost
     * its size in memory and time (three 160 MB copies for a minimize on 20,000 × 1,000).
     */
    public DMatrixRMaj valueToRead(String name) {
        return lookup(name);
    }

    private DMatrixRMaj lookup(String name) {
        if (varying != null && varying.name().equals(name)) return varyingValue;
        return parent != null ? parent.lookup(name) : values.get(name);
    }

    private boolean mentions(Expr e, String name) {
        IdentityHashMap<Expr, Boolean> known = mentions.computeIfAbsent(name, k -> new IdentityHashMap<>());
        Boolean cached = known.get(e);
        if (cached != null) return cached;
        boolean result = e instanceof Var v ? v.name().equals(name)
                : Nodes.children(e).stream().anyMatch(c -> mentions(c, name));
        known.put(e, result);
        return result;
    }

    /** The value of {@code e}, possibly shared: never modify it. */
    private DMatrixRMaj compute(Expr e) {
        if (parent != null && !mentions(e, varying.name())) return parent.compute(e);
        DMatrixRMaj cached = memo.get(e);
        if (cached != null) return cached;
        DMatrixRMaj result = node(e);
        memo.put(e, result);
        return result;
    }

    private DMatrixRMaj node(Expr e) {
        return switch (e) {
            case Var v -> {
                DMatrixRMaj value = lookup(v.name());
                if (value == null) throw new SourceError("no value for " + v.name());
                yield value;
            }
            case Num n -> MatrixKernels.scalar(n.value());
            case Ones o -> filled(o.shape(), 1);
            case Zero z -> filled(z.shape(), 0);
            case Identity i -> CommonOps_DDRM.identity(dims.size(i.size()));
            case Add a -> add(a);
            case MatMul m -> matMul(m);
            case Transpose t -> CommonOps_DDRM.transpose(compute(t.arg()), null);
            case Hadamard h -> {
                DMatrixRMaj l = compute(h.left()), r = compute(h.right());
                DMatrixRMaj out = new DMatrixRMaj(l.numRows, l.numCols);
                CommonOps_DDRM.elementMult(l, r, out);
                yield out;
            }
            case Power p -> power(compute(p.base()), compute(p.exponent()).data[0]);
            case Apply a -> {
                DMatrixRMaj x = compute(a.arg());
                DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
                for (int i = 0; i < out.data.length; i++) out.data[i] = a.fn().eval(x.data[i]);
                yield out;
            }
            case Call c -> MatrixKernels.call(c.fn(), compute(c.arg()));
            case MaxMin m -> Extrema.elementwise(m.op(), compute(m.left()), compute(m.right()));
            case Block b -> block(b);
            case Ref r -> compute(r.value());
        };
    }

    private DMatrixRMaj filled(Shape s, double v) {
        DMatrixRMaj m = new DMatrixRMaj(dims.size(s.rows()), dims.size(s.cols()));
        if (v != 0) CommonOps_DDRM.fill(m, v);
        return m;
    }

    /** Scalar terms (by their static shape) broadcast over the sum's shape. */
    private DMatrixRMaj add(Add a) {
        double constant = 0;
        DMatrixRMaj sum = null;
        for (Expr t : a.terms()) {
            DMatrixRMaj v = compute(t);
            if (t.isScalar()) constant += v.data[0];
            else if (sum == null) sum = v.copy();
            else CommonOps_DDRM.addEquals(sum, v);
        }
        if (sum == null) sum = filled(a.shape(), 0);
        if (constant != 0) CommonOps_DDRM.add(sum, constant, sum);
        return sum;
    }

    /** Scalar factors (by static shape) scale; the others multiply as a chain in the cheapest order. */
    private DMatrixRMaj matMul(MatMul m) {
        double coefficient = 1;
        List<DMatrixRMaj> chain = new ArrayList<>();
        for (Expr f : m.factors()) {
            DMatrixRMaj v = compute(f);
            if (f.isScalar()) coefficient *= v.data[0];
            else chain.add(v);
        }
        if (chain.isEmpty()) return MatrixKernels.scalar(coefficient);
        DMatrixRMaj product = MatrixKernels.chain(chain);
        if (coefficient == 1 && chain.size() > 1) return product;
        DMatrixRMaj out = new DMatrixRMaj(product.numRows, product.numCols);
        CommonOps_DDRM.scale(coefficient, product, out); // product may be a cached factor: copy
        return out;
    }

    /** base .^ p, with exact fast paths for the common exponents. */
    static DMatrixRMaj power(DMatrixRMaj base, double p) {
        DMatrixRMaj out = new DMatrixRMaj(base.numRows, base.numCols);
        double[] x = base.data, y = out.data;
        int n = base.getNumElements();
        if (p == 2) for (int i = 0; i < n; i++) y[i] = x[i] * x[i];
        else if (p == -1) for (int i = 0; i < n; i++) y[i] = 1 / x[i];
        else if (p == 0.5) for (int i = 0; i < n; i++) y[i] = Math.sqrt(x[i]);
        else if (p == 1) System.arraycopy(x, 0, y, 0, n);
        else for (int i = 0; i < n; i++) y[i] = Math.pow(x[i], p);
        return out;
    }

    /** Block sizes come from the evaluated parts: a dimension n+m needs no binding of its own. */
    private DMatrixRMaj block(Block b) {
        List<List<DMatrixRMaj>> parts = b.rows().stream().map(row -> row.stream().map(this::compute).toList()).toList();
        int rows = parts.stream().mapToInt(row -> row.get(0).numRows).sum();
        int cols = parts.get(0).stream().mapToInt(m -> m.numCols).sum();
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        int r = 0;
        for (List<DMatrixRMaj> row : parts) {
            int c = 0;
            for (DMatrixRMaj part : row) {
                CommonOps_DDRM.insert(part, out, r, c);
                c += part.numCols;
            }
            r += row.get(0).numRows;
        }
        return out;
    }
}
