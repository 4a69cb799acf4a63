package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.DualEvaluator;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At a tie, max and min are not differentiable: matcalc takes one documented subgradient, the
 * derivative of the first operand of max(a, b) and min(a, b), and of the first largest (smallest)
 * entry of max(X) (min(X)) in column order, as vec(X) lists them. The symbolic answer (evaluated
 * directly and compiled) and the dual-number oracle must give exactly that one at tie points,
 * where random points never land.
 */
class MaxMinTieTest {

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource(delimiter = '|', value = {
            // f                   | by | expected derivative (shape(f) + shape(by), row-major)
            "sum(max(x, y))        | x  | 1, 1, 0",             // x = [1, 2, 3], y = [1, 2, 4]: ties at 1 and 2 go to x
            "sum(max(x, y))        | y  | 0, 0, 1",
            "sum(min(x, y))        | x  | 1, 1, 1",
            "sum(min(y, x))        | x  | 0, 0, 1",             // the tie goes to y, the first operand
            "sum(max(x, 2))        | x  | 0, 1, 1",             // max(W*x + b, 0) at 0 passes the change: ge0, not step
            "sum(max(2, x))        | x  | 0, 0, 1",
            "max(v)                | v  | 0, 1, 0, 0",          // v = [1, 3, 3, -2]: the first 3
            "min(-v)               | v  | 0, -1, 0, 0",
            "max(A)                | A  | 0, 0, 1, 0",          // A = [[1, 3], [3, 0]]: column order finds A[1,0] first...
            "max(A')               | A  | 0, 1, 0, 0",          // ...and A' lists A[0,1] first, A'[1,0] = A[0,1]
            "min(A - 3)            | A  | 0, 0, 0, 1"})
    void theFirstOperandAndTheFirstEntryWin(String source, String by, String expected) {
        Map<String, Object> values = Map.of("x", new double[] {1, 2, 3}, "y", new double[] {1, 2, 4},
                "v", new double[] {1, 3, 3, -2}, "A", new double[][] {{1, 3}, {3, 0}});
        double[] want = java.util.Arrays.stream(expected.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        Expression f = MatCalc.parse(source, "x:vector(n)", "y:vector(n)", "v:vector(k)", "A:matrix(p,p)");
        java.util.Set<String> names = f.variables().stream().map(Var::name).collect(java.util.stream.Collectors.toSet());
        Map<String, ?> used = values.entrySet().stream().filter(e -> names.contains(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (Layout layout : Layout.values()) {
            DerivativeResult d = f.derivative(layout, by);
            assertThat(plain(d.evaluate(used))).as("%s by %s, %s layout: %s", source, by, layout, d.toText()).containsExactly(want);
            assertThat(plain(d.compile().evaluate(used).derivative())).as("compiled, %s layout", layout).containsExactly(want);
        }
        Map<String, DMatrixRMaj> point = Points.toMatrices(used, f.variables());
        Var x = f.variables().stream().filter(v -> v.name().equals(by)).findFirst().orElseThrow();
        Tensor dual = new DualEvaluator(point, x).jacobian(f.expr());
        assertThat(plain(dual)).as("dual numbers").containsExactly(want);
    }

    /** The entries with -0.0 read as 0 (a negated zero is the same derivative). */
    private static double[] plain(Tensor t) {
        return java.util.Arrays.stream(t.data()).map(v -> v == 0 ? 0 : v).toArray();
    }
}
