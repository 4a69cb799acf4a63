package dev.matcalc.codegen;

import dev.matcalc.expr.*;

import java.util.*;

/**
 * What a generated module's {@code randomInputs} has to respect for each input so that f is
 * defined and smooth there: the same heuristic as {@code numeric.RandomPoints}, as a set of
 * words the generated {@code _draw} understands: positive ([0.5, 2]), unit ([-0.6, 0.6]), small
 * ([-1, 1]), nonzero, spd (B·B'/n + I), invertible (diagonally dominant), symmetric.
 */
final class Sampling {
    private Sampling() { }

    /** The constraints on each of {@code inputs} (f's variables, and any other input: unconstrained). */
    static Map<Var, Set<String>> kinds(Expr f, List<Var> inputs) {
        Map<Var, Set<String>> out = new LinkedHashMap<>();
        collect(f, Set.of(), out, new HashMap<>());
        for (Var v : inputs)
            if (v.kind() == Var.Kind.SYMMETRIC) out.computeIfAbsent(v, k -> new TreeSet<>()).add("symmetric");
        return out;
    }

    private static void collect(Expr e, Set<String> c, Map<Var, Set<String>> out, Map<Expr, Set<Set<String>>> seen) {
        if (!seen.computeIfAbsent(e, k -> new HashSet<>()).add(c)) return;
        switch (e) {
            case Var v -> out.computeIfAbsent(v, k -> new TreeSet<>()).addAll(c);
            case Apply a -> collect(a.arg(), with(c, switch (a.fn().domain()) {
                case POSITIVE -> "positive";
                case UNIT -> "unit";
                case SMALL -> "small";
                case NONZERO -> "nonzero";
                case ALL -> null;
            }), out, seen);
            case Power p -> {
                boolean natural = p.exponent() instanceof Num n && n.value() == Math.rint(n.value()) && n.value() >= 0;
                collect(p.base(), natural ? c : with(c, "positive"), out, seen);
                collect(p.exponent(), Set.of(), out, seen);
            }
            case Call call -> collect(call.arg(), switch (call.fn()) {
                case LOGDET -> with(with(c, "spd"), "positive");
                case DET -> with(c, "spd");
                case INV -> with(c, "invertible");
                default -> c;
            }, out, seen);
            default -> Nodes.children(e).forEach(child -> collect(child, c, out, seen));
        }
    }

    private static Set<String> with(Set<String> c, String kind) {
        if (kind == null) return c;
        Set<String> s = new TreeSet<>(c);
        s.add(kind);
        return s;
    }
}
