package dev.matcalc.codegen;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Ref;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's definitions ({@code mu = mean(x)}, {@code Y1 = X'*A1*X}) found again in the
 * derivatives, which differentiation and simplification write out in full: a subterm equal to a
 * definition's value, or a run of factors of a product equal to a defined product, becomes the
 * definition's name, so the generated code computes it once, under the name the user chose.
 */
final class DefinitionNames {
    private final Map<Expr, Ref> byValue = new LinkedHashMap<>();
    private final List<Ref> products = new ArrayList<>();
    private final Map<Expr, Expr> memo = new IdentityHashMap<>();

    /** The definitions (named subterms) of {@code function}. */
    DefinitionNames(Expr function) {
        collect(function, new IdentityHashMap<>());
        for (Ref r : byValue.values())
            if (r.value() instanceof MatMul m && m.factors().size() >= 2) products.add(r);
    }

    private void collect(Expr e, Map<Expr, Boolean> seen) {
        if (seen.put(e, true) != null) return;
        if (e instanceof Ref r) byValue.putIfAbsent(r.value(), r);
        for (Expr c : Nodes.children(e)) collect(c, seen);
    }

    /** {@code e} with the definitions' values replaced by their names (definitions themselves kept as they are). */
    Expr apply(Expr e) {
        if (byValue.isEmpty() || e instanceof Ref r && byValue.containsValue(r)) return e;
        Expr known = memo.get(e);
        if (known != null) return known;
        if (e instanceof Ref r) {                   // a name the derivative gave (G_Y, dY): its value may use definitions
            Expr value = apply(r.value());
            Expr result = value == r.value() ? r : new Ref(r.name(), value);
            memo.put(e, result);
            return result;
        }
        List<Expr> kids = Nodes.children(e);
        List<Expr> named = new ArrayList<>(kids.size());
        boolean same = true;
        for (Expr k : kids) {
            Expr n = apply(k);
            same &= n == k;
            named.add(n);
        }
        Expr result = same ? e : Nodes.rebuild(e, named);
        Ref whole = byValue.get(result);
        if (whole != null) result = whole;
        else if (result instanceof MatMul m) result = runs(m);
        memo.put(e, result);
        return result;
    }

    /** A product with each run of factors that a defined product has replaced by that definition. */
    private Expr runs(MatMul m) {
        List<Expr> factors = m.factors();
        for (Ref r : products) {
            List<Expr> run = ((MatMul) r.value()).factors();
            for (int i = 0; i + run.size() <= factors.size(); i++) {
                if (!factors.subList(i, i + run.size()).equals(run)) continue;
                List<Expr> replaced = new ArrayList<>(factors.subList(0, i));
                replaced.add(r);
                replaced.addAll(factors.subList(i + run.size(), factors.size()));
                return replaced.size() == 1 ? r : runs(new MatMul(replaced, m.shape()));
            }
        }
        return m;
    }

    /** For tests and documentation: the definitions found, by name. */
    Map<String, Expr> definitions() {
        Map<String, Expr> out = new HashMap<>();
        byValue.values().forEach(r -> out.put(r.name(), r.value()));
        return out;
    }
}
