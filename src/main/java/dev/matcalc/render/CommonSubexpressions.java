package dev.matcalc.render;

import dev.matcalc.expr.*;

import java.util.*;

/**
 * Names the repeated subterms of an answer, so that {@code W'*(exp(W*x + b).*exp(W*x + b))}
 * reads {@code W'*(t0.*t0) where t0 = exp(W*x + b)}.
 *
 * <p>Threshold: a subterm is named when it is non-trivial and still occurs at least twice once
 * the larger named subterms are in place (counting each definition once). Trivial are the leaves
 * (variables, numbers, ones, identities, zeros) and transposes and number multiples of trivial
 * terms ({@code x'}, {@code -x}, {@code 2*A}): naming them would not shorten anything.
 *
 * <p>Candidates are tried largest first, so a subterm seen only inside a repeated bigger one
 * (as often as that one) is covered by the bigger name and not named itself. Names are
 * {@code t0}, {@code t1}, ... innermost first (a definition uses only earlier names), skipping
 * names of variables already in the expression.
 */
public final class CommonSubexpressions {
    private CommonSubexpressions() { }

    /** A named subterm: {@code name = value}, where value may use the names defined before it. */
    public record Definition(String name, Expr value) { }

    /** The expression with its repeated subterms replaced by {@code Var}s defined in {@code definitions}. */
    public record Named(Expr body, List<Definition> definitions) {
        public Named {
            definitions = List.copyOf(definitions);
        }
    }

    public static Named name(Expr e) {
        Map<Expr, Integer> counts = new LinkedHashMap<>(); // pre-order: first occurrence decides ties
        Set<String> taken = new HashSet<>();
        count(e, counts, taken);
        List<Expr> candidates = counts.entrySet().stream()
                .filter(c -> c.getValue() >= 2 && !isTrivial(c.getKey()))
                .map(Map.Entry::getKey)
                .sorted(Comparator.comparingInt(CommonSubexpressions::size).reversed())
                .toList();
        List<Expr> chosen = new ArrayList<>();
        for (Expr c : candidates) {
            Set<Expr> named = new HashSet<>(chosen);
            int uses = occurrences(e, c, named, false);
            for (Expr d : chosen) uses += occurrences(d, c, named, true);
            if (uses >= 2) chosen.add(c);
        }
        // innermost first: a subterm is smaller than any term containing it (stable sort keeps first-seen order)
        List<Expr> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparingInt(CommonSubexpressions::size));
        Map<Expr, Var> vars = new HashMap<>();
        List<Definition> definitions = new ArrayList<>();
        int next = 0;
        for (Expr d : ordered) {
            while (taken.contains("t" + next)) next++;
            String name = "t" + next++;
            definitions.add(new Definition(name, withChildren(d, children(d).stream().map(c -> replace(c, vars)).toList())));
            vars.put(d, new Var(name, d.shape()));
        }
        return new Named(replace(e, vars), definitions);
    }

    static boolean isTrivial(Expr e) {
        return dev.matcalc.expr.Refs.isTrivial(e);
    }

    private static void count(Expr e, Map<Expr, Integer> counts, Set<String> names) {
        counts.merge(e, 1, Integer::sum);
        if (e instanceof Var v) names.add(v.name());
        for (Expr c : children(e)) count(c, counts, names);
    }

    /** Occurrences of {@code target} in {@code e}, not looking inside already named subterms (except at the root). */
    private static int occurrences(Expr e, Expr target, Set<Expr> named, boolean isDefinitionRoot) {
        if (e.equals(target)) return 1;
        if (!isDefinitionRoot && named.contains(e)) return 0;
        int n = 0;
        for (Expr c : children(e)) n += occurrences(c, target, named, false);
        return n;
    }

    private static Expr replace(Expr e, Map<Expr, Var> vars) {
        Var v = vars.get(e);
        if (v != null) return v;
        List<Expr> cs = children(e);
        return cs.isEmpty() ? e : withChildren(e, cs.stream().map(c -> replace(c, vars)).toList());
    }

    private static int size(Expr e) {
        int n = 1;
        for (Expr c : children(e)) n += size(c);
        return n;
    }

    /** The children a repeated subterm is looked for in; a named subterm is already named. */
    static List<Expr> children(Expr e) {
        return e instanceof Ref ? List.of() : dev.matcalc.expr.Nodes.children(e);
    }

    /** The same node over new children, built directly (a smart constructor could regroup it). */
    static Expr withChildren(Expr e, List<Expr> cs) {
        return switch (e) {
            case Add a -> new Add(cs, a.shape());
            case MatMul m -> new MatMul(cs, m.shape());
            case Transpose t -> new Transpose(cs.get(0));
            case Hadamard h -> new Hadamard(cs.get(0), cs.get(1));
            case Power p -> new Power(cs.get(0), cs.get(1));
            case Apply a -> new Apply(a.fn(), cs.get(0));
            case Call c -> new Call(c.fn(), cs.get(0));
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int i = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(cs.subList(i, i + row.size()));
                    i += row.size();
                }
                yield new Block(rows, b.shape());
            }
            default -> e;
        };
    }
}
