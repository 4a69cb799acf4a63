package dev.matcalc.problem;

import dev.matcalc.expr.Apply;
import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Fn;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Power;
import dev.matcalc.expr.Var;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a solve starts when no start value is given: a point inside the objective's and the
 * constraints' domain, chosen from how each variable is used. Zeros where nothing asks for more;
 * ones under log, sqrt, a division or a fractional power; the identity (for a non-square matrix,
 * ones on the diagonal) under logdet, det and inv, which need a nonsingular matrix. The same
 * reading of the expression as {@link dev.matcalc.numeric.RandomPoints} makes, for a fixed point.
 */
final class StartPoint {
    private StartPoint() { }

    /** What a variable's entries must be for the functions above it to be defined, least demanding first. */
    enum Need { ANY, POSITIVE, NONSINGULAR }

    /** The start values, and for each variable chosen here, why. */
    record Start(Map<String, DMatrixRMaj> values, Map<String, String> reasons) {
        /** One sentence: {@code Starting from x = 0, S = identity (S is under logdet).} */
        String sentence(Set<String> given) {
            return "Starting from " + choices(given) + ".";
        }

        /** {@code x as given, S = identity (S is under logdet)} */
        String choices(Set<String> given) {
            List<String> parts = new ArrayList<>();
            if (!given.isEmpty()) parts.add(String.join(", ", given) + " as given");
            reasons.forEach((name, why) -> parts.add(name + " = " + why));
            return String.join(", ", parts);
        }
    }

    /**
     * The given values, and for every other variable the least demanding value its uses allow;
     * {@code ones} chooses ones for the variables that would be zeros (a second try, when zeros
     * meet a function undefined there, such as the gradient of norm2 at 0).
     */
    static Start choose(List<Var> variables, Map<String, int[]> sizes, Map<String, DMatrixRMaj> given,
                        List<Expr> uses, boolean ones) {
        Map<Var, Need> needs = new LinkedHashMap<>();
        Map<Var, String> under = new LinkedHashMap<>();
        Map<Expr, Need> seen = new IdentityHashMap<>();
        for (Expr e : uses) collect(e, Need.ANY, null, needs, under, seen);
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Var v : variables) {
            DMatrixRMaj g = given.get(v.name());
            if (g != null) {
                values.put(v.name(), g);
                continue;
            }
            int[] size = sizes.get(v.name());
            Need need = needs.getOrDefault(v, Need.ANY);
            boolean matrix = size[0] > 1 && size[1] > 1;
            DMatrixRMaj m = new DMatrixRMaj(size[0], size[1]);
            String reason;
            if (need == Need.NONSINGULAR && matrix) {
                for (int i = 0; i < Math.min(size[0], size[1]); i++) m.set(i, i, 1);
                reason = (size[0] == size[1] ? "identity" : "ones on the diagonal") + " (" + v.name() + " is under " + under.get(v) + ")";
            } else if (need != Need.ANY || ones) {
                java.util.Arrays.fill(m.data, 1);
                reason = need == Need.ANY ? "ones (zeros are outside the domain)" : "ones (" + v.name() + " is under " + under.get(v) + ")";
            } else {
                reason = "0";
            }
            values.put(v.name(), m);
            reasons.put(v.name(), reason);
        }
        return new Start(values, reasons);
    }

    private static void collect(Expr e, Need need, String by, Map<Var, Need> needs, Map<Var, String> under,
                                Map<Expr, Need> seen) {
        Need before = seen.get(e);
        if (before != null && before.compareTo(need) >= 0) return;
        seen.put(e, need);
        switch (e) {
            case Var v -> {
                if (needs.getOrDefault(v, Need.ANY).compareTo(need) < 0) {
                    needs.put(v, need);
                    under.put(v, by);
                }
            }
            case Apply a when a.fn().domain() == Fn.Domain.POSITIVE -> collect(a.arg(), max(need, Need.POSITIVE),
                    need.compareTo(Need.POSITIVE) >= 0 ? by : a.fn().fnName(), needs, under, seen);
            case Power p when !(p.exponent() instanceof Num k && k.value() == Math.rint(k.value()) && k.value() >= 0) -> {
                collect(p.base(), max(need, Need.POSITIVE), need.compareTo(Need.POSITIVE) >= 0 ? by : "a division or a fractional power",
                        needs, under, seen);
                collect(p.exponent(), Need.ANY, null, needs, under, seen);
            }
            case Call c when switch (c.fn()) { case LOGDET, DET, INV -> true; default -> false; } ->
                    collect(c.arg(), Need.NONSINGULAR, need == Need.NONSINGULAR ? by : c.fn().fnName(), needs, under, seen);
            default -> {
                for (Expr child : Nodes.children(e)) collect(child, need, by, needs, under, seen);
            }
        }
    }

    private static Need max(Need a, Need b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
