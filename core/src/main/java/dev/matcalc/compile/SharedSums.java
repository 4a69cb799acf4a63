package dev.matcalc.compile;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sum of all entries ({@code sum(X)}) read from what the plan computes anyway, on the canonical
 * forms ({@link Orientation}) of all the roots of a plan together. A loss and its gradients share
 * their terms in other arrangements than the loss's own, and these identities find them:
 * <ul>
 *   <li>{@code sum(X) = sum(X*1) = sum(1'*X)}: where the plan computes the row or column sums of X,
 *       the sum of all entries adds up that vector instead of X again;</li>
 *   <li>{@code sum(A.*(L*R)) = sum((A*R').*L) = sum((L'*A).*R)}, for any split of the product L*R
 *       (both sides are Σ A_ij L_ik R_kj): where the plan computes one of the other Hadamard products,
 *       the product L*R is not needed for the sum. Attention's value {@code sum(G.*(S*V))} is
 *       {@code sum((G*V').*S)}, whose Hadamard product (and its row sums) the gradient by Q and K
 *       needs anyway: the value costs a pass over a vector, not a product and a Hadamard product.</li>
 * </ul>
 * Each rewrite is taken only where the other form's node is already in the plan, and only where it
 * saves work: the product L*R has no other use, or the Hadamard product found is no larger than
 * the one it replaces. The same number in exact arithmetic (the additions in another order).
 */
final class SharedSums {
    private final PlanBuilder plan;
    private final Orientation orientation;
    /** The structural numbers of the nodes of the roots: what the plan computes. */
    private final Set<Integer> computed = new HashSet<>();
    /** The distinct parents of each node (by structural number; a root's index i as -1 - i). */
    private final Map<Integer, Set<Integer>> parents = new HashMap<>();
    private final Map<Expr, Expr> memo = new IdentityHashMap<>();

    SharedSums(PlanBuilder plan, Orientation orientation) {
        this.plan = plan;
        this.orientation = orientation;
    }

    /** The roots (canonical forms) with their sums read from shared terms where there are such. */
    List<Expr> of(List<Expr> roots) {
        for (int i = 0; i < roots.size(); i++) {
            parents.computeIfAbsent(plan.id(roots.get(i)), k -> new HashSet<>()).add(-1 - i); // a root is a use
            collect(roots.get(i));
        }
        return roots.stream().map(this::rewrite).toList();
    }

    private void collect(Expr e) {
        if (!computed.add(plan.id(e))) return;
        for (Expr c : Nodes.children(e)) {
            parents.computeIfAbsent(plan.id(c), k -> new HashSet<>()).add(plan.id(e));
            collect(c);
        }
    }

    private Expr rewrite(Expr e) {
        Expr known = memo.get(e);
        if (known != null) return known;
        List<Expr> kids = Nodes.children(e);
        List<Expr> mine = new ArrayList<>(kids.size());
        boolean same = true;
        for (Expr k : kids) {
            Expr r = rewrite(k);
            mine.add(r);
            same &= r == k;
        }
        Expr r = same ? e : rebuild(e, mine);
        if (r instanceof Call c && c.fn() == MatFn.SUM && !c.arg().isScalar()) {
            Expr shared = sum(c.arg());
            if (shared != null) r = shared;
        }
        memo.put(e, r);
        return r;
    }

    /** sum(x) from a term computed elsewhere, or null; sum(c*x) is c*sum(x). */
    private Expr sum(Expr x) {
        if (unref(x) instanceof MatMul m && m.factors().stream().filter(f -> !f.isScalar()).count() == 1) {
            List<Expr> fs = new ArrayList<>();
            Expr matrix = null;
            for (Expr f : m.factors()) {
                if (f.isScalar()) fs.add(f);
                else matrix = f;
            }
            Expr inner = sum(matrix);
            if (inner == null) return null;
            fs.add(inner);
            return new MatMul(fs, Shape.SCALAR);
        }
        Expr lines = lineSums(x);
        if (lines != null) return new Call(MatFn.SUM, lines);
        if (!(unref(x) instanceof Hadamard h)) return null;
        Expr other = otherHadamard(h, h.left(), h.right());
        return other != null ? other : otherHadamard(h, h.right(), h.left());
    }

    /** The row or column sums of x (a matrix) where the plan computes them, else null. */
    private Expr lineSums(Expr x) {
        Shape s = x.shape();
        if (plan.isVector(x)) return null;
        Expr rows = form(new MatMul(List.of(x, new Ones(Shape.vector(s.cols()))), Shape.vector(s.rows())));
        if (computed.contains(plan.id(rows))) return rows;
        Expr cols = form(new MatMul(List.of(new Ones(new Shape(Dim.ONE, s.rows())), x), new Shape(Dim.ONE, s.cols())));
        if (computed.contains(plan.id(cols))) return cols;
        return null;
    }

    /**
     * sum(a.*p), p = c·L·R, as c·sum((a*R').*L) or c·sum((L'*a).*R) where the plan computes one of those
     * Hadamard products (then its line sums, where there are such), or null.
     */
    private Expr otherHadamard(Hadamard h, Expr a, Expr p) {
        if (!(unref(p) instanceof MatMul m) || a.isScalar()) return null;
        List<Expr> scalars = new ArrayList<>(), fs = new ArrayList<>();
        for (Expr f : m.factors()) (f.isScalar() ? scalars : fs).add(f);
        if (fs.size() < 2) return null;
        boolean productElsewhere = parents.getOrDefault(plan.id(p), Set.of()).size() > 1
                || parents.getOrDefault(plan.id(h), Set.of()).size() > 1;
        long size = entries(h);
        for (int k = 1; k < fs.size(); k++) {
            List<Expr> l = fs.subList(0, k), r = fs.subList(k, fs.size());
            List<Expr> aR = new ArrayList<>();
            aR.add(a);
            aR.addAll(transposed(r));
            List<Expr> lA = new ArrayList<>(transposed(l));
            lA.add(a);
            Expr left = chain(l), right = chain(r);
            Expr[][] candidates = {
                    {new MatMul(aR, new Shape(a.shape().rows(), left.shape().cols())), left},
                    {new MatMul(lA, new Shape(left.shape().cols(), a.shape().cols())), right}};
            for (Expr[] c : candidates) {
                Expr other = form(new Hadamard(c[0], c[1]));
                if (!computed.contains(plan.id(other))) continue;
                Expr lines = lineSums(other);
                if (productElsewhere && lines == null && entries(other) > size) continue; // a longer pass than sum(h)
                Expr total = new Call(MatFn.SUM, lines != null ? lines : other);
                if (scalars.isEmpty()) return total;
                List<Expr> coefficient = new ArrayList<>(scalars);
                coefficient.add(total);
                return new MatMul(coefficient, Shape.SCALAR);
            }
        }
        return null;
    }

    private long entries(Expr e) {
        int[] size = plan.at.size(e.shape());
        return (long) size[0] * size[1];
    }

    /** The canonical form of e, up to a transpose (a sum of all entries is the same for both). */
    private Expr form(Expr e) {
        return orientation.form(e);
    }

    /** (F₁⋯Fₖ)' as its factors Fₖ'⋯F₁'. */
    private static List<Expr> transposed(List<Expr> fs) {
        List<Expr> out = new ArrayList<>();
        for (int i = fs.size() - 1; i >= 0; i--) out.add(new Transpose(fs.get(i)));
        return out;
    }

    private static Expr chain(List<Expr> fs) {
        if (fs.size() == 1) return fs.get(0);
        return new MatMul(fs, new Shape(fs.get(0).shape().rows(), fs.get(fs.size() - 1).shape().cols()));
    }

    private static Expr rebuild(Expr e, List<Expr> kids) {
        return switch (e) {
            case Add a -> new Add(kids, a.shape());
            case MatMul m -> new MatMul(kids, m.shape());
            case Hadamard h -> new Hadamard(kids.get(0), kids.get(1));
            case Transpose t -> new Transpose(kids.get(0));
            case Call c -> new Call(c.fn(), kids.get(0));
            case Apply a -> new Apply(a.fn(), kids.get(0));
            case Power p -> new Power(kids.get(0), kids.get(1));
            case MaxMin m -> new MaxMin(m.op(), kids.get(0), kids.get(1));
            case Ref r -> kids.get(0);
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int k = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(kids.subList(k, k + row.size()));
                    k += row.size();
                }
                yield new Block(rows, b.shape());
            }
            default -> e;
        };
    }

    private static Expr unref(Expr e) {
        return e instanceof Ref r ? unref(r.value()) : e;
    }
}
