package dev.matcalc.explain;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Nodes;
import dev.matcalc.simplify.Simplifier;
import dev.matcalc.simplify.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the simplifier and turns its local rewrites into whole-expression steps: each rewrite
 * replaces its subterm in the current whole. Consecutive rewrites by one rule are shown as one
 * step, and rewrites that leave the whole unchanged are dropped, so long derivations stay short.
 */
final class SimplificationTrace {
    /** One shown step: the rule, its law, and the whole expression after it. */
    record Shown(String rule, String law, Expr after) { }

    private SimplificationTrace() { }

    /** The shown steps; the last one's {@code after} is the simplified expression (none when already simple). */
    static List<Shown> run(Expr start) {
        List<Shown> shown = new ArrayList<>();
        Expr[] whole = {start};
        Expr result = Simplifier.simplify(start, (Step step) -> {
            Expr next = replace(whole[0], step.before(), step.after());
            if (next.equals(whole[0])) return;
            whole[0] = next;
            String name = step.rule().name();
            if (!shown.isEmpty() && shown.getLast().rule().equals(name)) shown.removeLast();
            shown.add(new Shown(name, step.rule().law(), next));
        });
        // the simplifier may settle children the whole-expression view did not see rewritten
        if (!result.equals(whole[0])) shown.add(new Shown("simplify", "the remaining rewrites, applied together", result));
        return shown;
    }

    private static Expr replace(Expr whole, Expr before, Expr after) {
        return Nodes.mapBottomUp(whole, n -> n.equals(before) ? after : n);
    }
}
