package dev.matcalc.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Working with named subterms ({@link Ref}): which to keep, which to inline, in what order to define them. */
public final class Refs {
    private Refs() { }

    /** Leaves and their transposes and negations: never worth a name. */
    public static boolean isTrivial(Expr e) {
        return switch (e) {
            case Var v -> true;
            case Num n -> true;
            case Ones o -> true;
            case Identity i -> true;
            case Zero z -> true;
            case Ref r -> true;
            case Transpose t -> isTrivial(t.arg());
            case MatMul m -> m.factors().size() == 2 && m.factors().get(0) instanceof Num && isTrivial(m.factors().get(1))
                    || m.factors().stream().allMatch(f -> f instanceof Num || isCount(f));
            case Call c -> isCount(c);
            case Power p -> p.exponent() instanceof Num && (isCount(p.base())
                    || p.base() instanceof MatMul m && m.factors().stream().allMatch(Refs::isCount));
            default -> false;
        };
    }

    /** size(Y, k) of a variable: a count a mean divides by, read where it stands. */
    private static boolean isCount(Expr e) {
        return e instanceof Call c && (c.fn() == MatFn.SIZE_ROWS || c.fn() == MatFn.SIZE_COLS) && c.arg() instanceof Var;
    }

    /**
     * Keeps a name only where it pays: a named subterm used once, or whose value is trivial, is
     * replaced by its value. What is left is shared, so the answer stays linear in size.
     */
    public static Expr inlineSingleUse(Expr e) {
        Map<String, Integer> uses = new HashMap<>();
        countUses(e, uses, new IdentityHashMap<>());
        if (uses.isEmpty()) return e;
        return Nodes.mapBottomUp(e, n -> n instanceof Ref r && (uses.getOrDefault(r.name(), 0) <= 1 || isTrivial(r.value()))
                ? r.value() : n);
    }

    private static void countUses(Expr e, Map<String, Integer> uses, Map<Expr, Boolean> seen) {
        if (e instanceof Ref r) {
            int n = uses.merge(r.name(), 1, Integer::sum);
            if (n > 1) return;                         // its value was counted on the first visit
            countUses(r.value(), uses, seen);
            return;
        }
        if (seen.put(e, Boolean.TRUE) != null) {
            // a shared plain node: the names under it are used again
            for (Expr k : Nodes.children(e)) countAgain(k, uses);
            return;
        }
        for (Expr k : Nodes.children(e)) countUses(k, uses, seen);
    }

    /** Another use of a shared plain subterm: each name directly under it is used once more. */
    private static void countAgain(Expr e, Map<String, Integer> uses) {
        if (e instanceof Ref r) {
            uses.merge(r.name(), 1, Integer::sum);
            return;
        }
        for (Expr k : Nodes.children(e)) countAgain(k, uses);
    }

    /** Every name replaced by its value. */
    public static Expr unwrap(Expr e) {
        return Nodes.mapBottomUp(e, n -> n instanceof Ref r ? r.value() : n);
    }

    /** The named subterms reachable from {@code e}, each after the ones its value uses. */
    public static List<Ref> definitions(Expr e) {
        Map<String, Ref> out = new LinkedHashMap<>();
        collect(e, out, new IdentityHashMap<>());
        return new ArrayList<>(out.values());
    }

    private static void collect(Expr e, Map<String, Ref> out, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) return;
        if (e instanceof Ref r) {
            if (out.containsKey(r.name())) return;
            collect(r.value(), out, seen);
            out.put(r.name(), r);
            return;
        }
        for (Expr k : Nodes.children(e)) collect(k, out, seen);
    }
}
