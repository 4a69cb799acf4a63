package dev.matcalc.simplify;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Nodes;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the rule catalog bottom-up to a fixpoint: children first, then the rules at the node until
 * none applies. Each shared node is simplified once (memo by identity), so DAGs stay DAGs. Every
 * rewrite can be reported to a listener (the explanation's steps). A budget of rewrites bounds the
 * work whatever the input.
 */
public final class Simplifier {
    /** The catalog, in the order rules are tried at a node. */
    public static final List<Rule> RULES = Stream.of(TransposeRules.ALL, CallRules.ALL, ElementwiseRules.ALL,
            ProductRules.ALL, SumRules.ALL).flatMap(List::stream).toList();

    private static final int DEFAULT_BUDGET = 100_000;

    private final Map<Expr, Expr> memo = new IdentityHashMap<>();
    private final Consumer<Step> listener;
    private int budget;

    private Simplifier(Consumer<Step> listener, int budget) {
        this.listener = listener;
        this.budget = budget;
    }

    public static Expr simplify(Expr e) {
        return new Simplifier(step -> { }, DEFAULT_BUDGET).run(e);
    }

    /** Simplifies and reports each rewrite to {@code listener}, in order. */
    public static Expr simplify(Expr e, Consumer<Step> listener) {
        return new Simplifier(listener, DEFAULT_BUDGET).run(e);
    }

    /** Simplifies and returns the rewrites applied. */
    public static List<Step> steps(Expr e) {
        List<Step> out = new ArrayList<>();
        simplify(e, out::add);
        return out;
    }

    private Expr run(Expr e) {
        Expr known = memo.get(e);
        if (known != null) return known;
        Expr current = withSimplifiedChildren(e);
        boolean changed = true;
        while (changed && budget > 0) {
            if (Thread.currentThread().isInterrupted())     // a front end's time limit ran out
                throw new dev.matcalc.syntax.SourceError("stopped: the derivation took longer than allowed");
            changed = false;
            for (Rule rule : RULES) {
                Expr next = rule.apply(current);
                if (next == null) continue;
                budget--;
                listener.accept(new Step(rule, current, next));
                current = withSimplifiedChildren(next);
                changed = true;
                break;
            }
        }
        memo.put(e, current);
        memo.put(current, current);
        return current;
    }

    private Expr withSimplifiedChildren(Expr e) {
        List<Expr> kids = Nodes.children(e);
        if (kids.isEmpty()) return e;
        List<Expr> simplified = new ArrayList<>(kids.size());
        boolean same = true;
        for (Expr k : kids) {
            Expr s = run(k);
            same &= s == k;
            simplified.add(s);
        }
        return same ? e : Nodes.rebuild(e, simplified);
    }
}
