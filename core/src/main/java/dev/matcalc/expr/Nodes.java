package dev.matcalc.expr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Generic structure of the node set: children, rebuilding through the smart constructors, bottom-up maps. */
public final class Nodes {
    private Nodes() { }

    public static List<Expr> children(Expr e) {
        return switch (e) {
            case Var v -> List.of();
            case Num n -> List.of();
            case Ones o -> List.of();
            case Identity i -> List.of();
            case Zero z -> List.of();
            case Add a -> a.terms();
            case MatMul m -> m.factors();
            case Transpose t -> List.of(t.arg());
            case Hadamard h -> List.of(h.left(), h.right());
            case Power p -> List.of(p.base(), p.exponent());
            case Apply a -> List.of(a.arg());
            case Call c -> List.of(c.arg());
            case MaxMin m -> List.of(m.left(), m.right());
            case Block b -> b.rows().stream().flatMap(List::stream).toList();
            case Ref r -> List.of(r.value());
        };
    }

    /** The same node over new children, built by the smart constructors (so folding applies again). */
    public static Expr rebuild(Expr e, List<Expr> kids) {
        return switch (e) {
            case Var v -> v;
            case Num n -> n;
            case Ones o -> o;
            case Identity i -> i;
            case Zero z -> z;
            case Add a -> addLike(a, kids);
            case MatMul m -> Exprs.mul(kids);
            case Transpose t -> Exprs.transpose(kids.get(0));
            case Hadamard h -> Exprs.hadamard(kids.get(0), kids.get(1));
            case Power p -> Exprs.pow(kids.get(0), kids.get(1));
            case Apply a -> Exprs.apply(a.fn(), kids.get(0));
            case Call c -> Exprs.call(c.fn(), kids.get(0));
            case MaxMin m -> Exprs.maxMin(m.op(), kids.get(0), kids.get(1));
            case Ref r -> new Ref(r.name(), kids.get(0));
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int k = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(new ArrayList<>(kids.subList(k, k + row.size())));
                    k += row.size();
                }
                yield Exprs.block(rows);
            }
        };
    }

    /** A sum keeps its shape even when every non-scalar term folded away (scalar expansion). */
    private static Expr addLike(Add a, List<Expr> kids) {
        Expr sum = Exprs.add(kids);
        return sum.shape().equals(a.shape()) ? sum : expand(sum, a);
    }

    /** A scalar spread over a shape: {@code c * vector(1)}. */
    public static Expr expand(Expr scalar, Expr like) {
        return Exprs.mul(scalar, Exprs.ones(like.shape()));
    }

    /** Applies {@code f} bottom-up, each shared node once (so DAGs stay DAGs). */
    public static Expr mapBottomUp(Expr e, UnaryOperator<Expr> f) {
        return mapBottomUp(e, f, new IdentityHashMap<>());
    }

    private static Expr mapBottomUp(Expr e, UnaryOperator<Expr> f, Map<Expr, Expr> memo) {
        Expr done = memo.get(e);
        if (done != null) return done;
        List<Expr> kids = children(e);
        List<Expr> mapped = new ArrayList<>(kids.size());
        boolean same = true;
        for (Expr k : kids) {
            Expr m = mapBottomUp(k, f, memo);
            same &= m == k;
            mapped.add(m);
        }
        Expr result = f.apply(same ? e : rebuild(e, mapped));
        memo.put(e, result);
        return result;
    }

    /** Replaces every occurrence of {@code v} by {@code with}. */
    public static Expr substitute(Expr e, Var v, Expr with) {
        return mapBottomUp(e, n -> n.equals(v) ? with : n);
    }

    /** Whether {@code v} occurs in {@code e}. */
    public static boolean contains(Expr e, Var v) {
        return contains(e, v, new IdentityHashMap<>());
    }

    private static boolean contains(Expr e, Var v, Map<Expr, Boolean> memo) {
        Boolean known = memo.get(e);
        if (known != null) return known;
        boolean found = e.equals(v) || children(e).stream().anyMatch(k -> contains(k, v, memo));
        memo.put(e, found);
        return found;
    }

    /** The variables of {@code e}, in order of first appearance. */
    public static List<Var> variables(Expr e) {
        List<Var> out = new ArrayList<>();
        collect(e, out, new IdentityHashMap<>());
        return out;
    }

    private static void collect(Expr e, List<Var> out, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) return;
        if (e instanceof Var v && !out.contains(v)) out.add(v);
        for (Expr k : children(e)) collect(k, out, seen);
    }

    /** Number of distinct nodes (shared nodes counted once): the size of the DAG. */
    public static int dagSize(Expr e) {
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        countNodes(e, seen);
        return seen.size();
    }

    private static void countNodes(Expr e, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) return;
        for (Expr k : children(e)) countNodes(k, seen);
    }
}
