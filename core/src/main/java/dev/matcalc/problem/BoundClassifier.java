package dev.matcalc.problem;

import dev.matcalc.calculus.Forward;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.optimization.Bounds;
import dev.matcalc.simplify.Simplifier;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits constraints into bounds on the variables' entries, which a bound-constrained solver keeps
 * exactly (L-BFGS-B's box), and the rest, which go through the augmented Lagrangian. A constraint
 * is a bound when its normal form depends on one variable x, has x's shape, and its differential by
 * x is a·dx for a number a ≠ 0: then it is a·x + k ≤ 0 (or = 0) entry by entry, with k its value at
 * x = 0, a constant of the data. That covers {@code x >= 0}, {@code 0 <= x}, {@code x <= u},
 * {@code 2*x <= 1}, {@code x == c}, whatever side the variable is written on. Several bounds on one
 * entry combine (the largest lower, the smallest upper); contradictory ones are an error naming both.
 */
final class BoundClassifier {
    private BoundClassifier() { }

    /** @param general the constraints that are not bounds, in their order */
    record Result(Bounds bounds, List<TypedConstraint> general, List<TypedConstraint> asBounds) { }

    static Result classify(List<TypedConstraint> constraints, Packing packing, Map<String, DMatrixRMaj> data) {
        int n = packing.dimension();
        double[] lower = new double[n], upper = new double[n];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        TypedConstraint[] lowerFrom = new TypedConstraint[n], upperFrom = new TypedConstraint[n];
        List<TypedConstraint> general = new ArrayList<>(), asBounds = new ArrayList<>();
        Map<Var, Integer> slotOf = new HashMap<>();
        for (int k = 0; k < packing.slots().size(); k++) slotOf.put(packing.slots().get(k).variable(), k);

        for (TypedConstraint c : constraints) {
            List<Var> vars = Nodes.variables(c.expr()).stream().filter(slotOf::containsKey).toList();
            double a = vars.size() == 1 && vars.get(0).shape().equals(c.expr().shape()) ? slope(c.expr(), vars.get(0)) : 0;
            if (a == 0) {
                general.add(c);
                continue;
            }
            asBounds.add(c);
            Var x = vars.get(0);
            int slot = slotOf.get(x);
            Packing.Slot s = packing.slots().get(slot);
            Map<String, DMatrixRMaj> at = new HashMap<>(data);
            at.put(x.name(), new DMatrixRMaj(s.rows(), s.cols()));
            DMatrixRMaj k = Evaluator.evaluate(c.expr(), at);             // a·x + k at x = 0
            for (int i = 0; i < s.rows(); i++)
                for (int j = 0; j < s.cols(); j++) {
                    double bound = -k.get(i, j) / a + 0.0;                  // a·x ≤ -k (+ 0.0: no -0 bound)
                    int index = packing.index(slot, i, j);
                    if (Double.isNaN(bound))
                        throw new SourceError("the bound that " + c.describe() + " sets on " + packing.describe(index)
                                + " is not a number");
                    boolean isUpper = a > 0 || c.equality(), isLower = a < 0 || c.equality();
                    if (isUpper && bound < upper[index]) {
                        upper[index] = bound;
                        upperFrom[index] = c;
                    }
                    if (isLower && bound > lower[index]) {
                        lower[index] = bound;
                        lowerFrom[index] = c;
                    }
                }
        }
        for (int i = 0; i < n; i++) {
            if (lower[i] <= upper[i] && lower[i] != Double.POSITIVE_INFINITY && upper[i] != Double.NEGATIVE_INFINITY) continue;
            String entry = packing.describe(i);
            if (lowerFrom[i] == null || upperFrom[i] == null || lowerFrom[i] == upperFrom[i])
                throw new SourceError((lowerFrom[i] != null ? lowerFrom[i] : upperFrom[i]).describe() + " leaves no value for "
                        + entry + ": it asks for " + entry + (lowerFrom[i] != null ? " >= " + lower[i] : " <= " + upper[i]));
            throw new SourceError("the bounds on " + entry + " contradict each other: " + lowerFrom[i].describe() + " asks for "
                    + entry + " >= " + lower[i] + ", but " + upperFrom[i].describe() + " for " + entry + " <= " + upper[i]);
        }
        return new Result(new Bounds(lower, upper), general, asBounds);
    }

    /** a where the differential of {@code g} by x is a·dx for a number a; 0 when it is anything else. */
    private static double slope(Expr g, Var x) {
        Var dx = Forward.differentialOf(x);
        Expr d = Simplifier.simplify(Forward.differential(g, x, dx));
        if (d.equals(dx)) return 1;
        if (d instanceof MatMul m && m.factors().size() == 2 && m.factors().get(0) instanceof Num a && m.factors().get(1).equals(dx))
            return a.value();
        return 0;
    }
}
