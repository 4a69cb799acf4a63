package dev.matcalc.compile;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites that let the plan share work and skip passes over memory, applied before the canonical
 * orientations are chosen ({@link Orientation}: the terms made here are oriented with the rest) and
 * steps are made. Derivatives of batched layers are full of both:
 * <ul>
 *   <li>A coefficient inside an element-wise product moves out: {@code (-G*V').*S} becomes
 *       {@code -((G*V').*S)}, so the product {@code G*V'} (and the Hadamard product, used elsewhere
 *       without the sign) is one step, where it was computed twice for a sign. Coefficients that meet
 *       a product or a sum go into its gemm alpha or its term's factor: nothing is scaled on its own.</li>
 *   <li>An element-wise product with an outer product of a vector and ones, {@code (u*vector(1)').*Y}
 *       (a vector applied to every column, implicit expansion's form), is the row scaling
 *       {@code diag(u)*Y}: one pass over Y, where forming the outer product cost a pass and a buffer
 *       more; with {@code vector(1)*v'} it scales columns.</li>
 *   <li>A scaling inside a product, {@code A*(c*B)}, is one product with coefficient c.</li>
 * </ul>
 * Every rewrite is exact in exact arithmetic and moves only scalar factors (one rounding each, as before).
 * Memoized by identity: the expressions are DAGs with much sharing, which the result keeps.
 */
final class Scalings {
    private final Map<Expr, Expr> memo = new IdentityHashMap<>();

    Expr of(Expr e) {
        Expr known = memo.get(e);
        if (known != null) return known;
        Expr r = rewrite(e);
        memo.put(e, r);
        return r;
    }

    private Expr rewrite(Expr e) {
        return switch (e) {
            case Ref r -> of(r.value());
            case Hadamard h -> hadamard(of(h.left()), of(h.right()), h);
            case MatMul m -> product(m.factors().stream().map(this::of).toList(), m.shape());
            default -> {
                List<Expr> kids = Nodes.children(e);
                if (kids.isEmpty()) yield e;
                List<Expr> mine = kids.stream().map(this::of).toList();
                boolean same = true;
                for (int i = 0; i < kids.size(); i++) same &= mine.get(i) == kids.get(i);
                yield same ? e : rebuild(e, mine);
            }
        };
    }

    private static Expr rebuild(Expr e, List<Expr> kids) {
        return switch (e) {
            case Add a -> new Add(kids, a.shape());
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int k = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(kids.subList(k, k + row.size()));
                    k += row.size();
                }
                yield new Block(rows, b.shape());
            }
            default -> Nodes.rebuild(e, kids);
        };
    }

    /** A product with its scalings' factors inlined: A*(c*B) is A*B with coefficient c. */
    private static Expr product(List<Expr> factors, dev.matcalc.shapes.Shape shape) {
        List<Expr> flat = new ArrayList<>();
        for (Expr f : factors) {
            if (unref(f) instanceof MatMul inner && matrixFactors(inner) == 1 && !f.isScalar()) flat.addAll(inner.factors());
            else flat.add(f);
        }
        return new MatMul(flat, shape);
    }

    private Expr hadamard(Expr l, Expr r, Hadamard original) {
        if (original.isScalar()) return l == original.left() && r == original.right() ? original : new Hadamard(l, r);
        List<Expr> scalars = new ArrayList<>();
        l = withoutScalars(l, scalars);
        r = withoutScalars(r, scalars);
        Expr core = scaling(l, r);
        if (core == null) core = scaling(r, l);
        if (core == null) core = distributed(l, r, original);
        if (core == null) core = distributed(r, l, original);
        if (core == null) core = new Hadamard(l, r);
        if (scalars.isEmpty()) return core;
        List<Expr> fs = new ArrayList<>(scalars);
        if (unref(core) instanceof MatMul m) fs.addAll(m.factors());
        else fs.add(core);
        return new MatMul(fs, original.shape());
    }

    /**
     * {@code (A - u*vector(1)').*y} as {@code A.*y - diag(u)*y} (a softmax Jacobian applied per row,
     * {@code (V - sum(V.*S, 2)).*S}, has this form): the vector is applied by a scaling, where the sum
     * would form the outer product first, a pass and a buffer more; else null.
     */
    private Expr distributed(Expr sum, Expr y, Hadamard original) {
        if (!(unref(sum) instanceof Add a)) return null;
        boolean any = false;
        for (Expr t : a.terms()) {
            List<Expr> ignored = new ArrayList<>();
            any |= scaling(withoutScalars(t, ignored), y) != null;
        }
        if (!any) return null;
        List<Expr> terms = new ArrayList<>();
        for (Expr t : a.terms()) terms.add(hadamard(t, y, new Hadamard(t, y)));
        return new Add(terms, original.shape());
    }

    /**
     * {@code outer.*y} as diag(u)*y or y*diag(v) when outer is u*vector(1)' or vector(1)*v' (u and v
     * may be products themselves: {@code vector(1)*vector(1)'*X'} is the outer product of ones and
     * the row sums of X); else null.
     */
    private static Expr scaling(Expr outer, Expr y) {
        if (!(unref(outer) instanceof MatMul m) || m.factors().stream().anyMatch(Expr::isScalar)) return null;
        List<Expr> fs = m.factors();
        for (int k = 1; k < fs.size(); k++) { // u = fs[0..k) is a column and v = fs[k..) a row: an outer product
            if (!fs.get(k - 1).shape().cols().isOne()) continue;
            List<Expr> u = fs.subList(0, k), v = fs.subList(k, fs.size());
            if (v.size() == 1 && unref(v.get(0)) instanceof Ones && !ones(u))
                return new MatMul(List.of(new Call(MatFn.DIAG_MATRIX, chain(u)), y), y.shape());
            if (u.size() == 1 && unref(u.get(0)) instanceof Ones && !ones(v)) {
                Expr row = chain(v);
                Expr column = unref(row) instanceof Transpose t ? t.arg() : new Transpose(row);
                return new MatMul(List.of(y, new Call(MatFn.DIAG_MATRIX, column)), y.shape());
            }
            return null;
        }
        return null;
    }

    private static boolean ones(List<Expr> fs) {
        return fs.size() == 1 && unref(fs.get(0)) instanceof Ones;
    }

    /** The product of {@code fs} (a vector: its shape from the first's rows and the last's columns). */
    private static Expr chain(List<Expr> fs) {
        if (fs.size() == 1) return fs.get(0);
        return new MatMul(fs, new dev.matcalc.shapes.Shape(fs.get(0).shape().rows(), fs.get(fs.size() - 1).shape().cols()));
    }

    /** A product's scalar factors moved to {@code into}; the rest (one factor alone, or a product). */
    private static Expr withoutScalars(Expr e, List<Expr> into) {
        if (!(unref(e) instanceof MatMul m) || m.factors().stream().noneMatch(Expr::isScalar)) return e;
        List<Expr> scalars = new ArrayList<>(), rest = new ArrayList<>();
        for (Expr f : m.factors()) (f.isScalar() ? scalars : rest).add(f);
        if (rest.isEmpty()) return e; // a product of scalars is a scalar: not an operand here
        into.addAll(scalars);
        return rest.size() == 1 ? rest.get(0) : new MatMul(rest, m.shape());
    }

    private static int matrixFactors(MatMul m) {
        int n = 0;
        for (Expr f : m.factors()) if (!f.isScalar()) n++;
        return n;
    }

    private static Expr unref(Expr e) {
        return e instanceof Ref r ? unref(r.value()) : e;
    }
}
