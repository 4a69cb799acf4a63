package dev.matcalc.compile;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Plans of batched-layer gradients ({@link Scalings}, {@link Softmax}): the value and the gradients
 * by every parameter in one plan agree with the reference evaluator entry by entry, and the plan does
 * the work once (each product one step, no outer product of a vector with ones, no scaled copies).
 */
class LayerPlanTest {
    private static DMatrixRMaj random(int rows, int cols, Random rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rnd.nextGaussian() / Math.sqrt(Math.max(rows, cols));
        return m;
    }

    /** f and its gradient by each of {@code wrt}, compiled together: the plan, after checking its numbers. */
    private static Plan checked(String source, String[] lets, Map<String, DMatrixRMaj> values, String... wrt) {
        Expression f = MatCalc.parse(source, lets);
        List<Expr> roots = new ArrayList<>();
        roots.add(f.expr());
        for (String w : wrt) roots.add(f.derivative(Layout.MIXED, w).derivative().matrix());
        Plan plan = Plan.compile(roots, new Evaluator(values)).setAll(values).run();
        for (int i = 0; i < roots.size(); i++) {
            DMatrixRMaj expected = Evaluator.evaluate(roots.get(i), values), got = plan.result(i);
            assertThat(got.numRows * got.numCols).isEqualTo(expected.numRows * expected.numCols);
            double scale = 0;
            for (int k = 0; k < expected.getNumElements(); k++) scale = Math.max(scale, Math.abs(expected.data[k]));
            assertThat(scale).as("root %d is not all zero", i).isGreaterThan(0);
            for (int k = 0; k < expected.getNumElements(); k++)
                assertThat(got.data[k]).as("root %d entry %d; steps %s", i, k, plan.describe())
                        .isCloseTo(expected.data[k], within(1e-12 * scale));
        }
        return plan;
    }

    private static long count(Plan p, String step) {
        return p.describe().stream().filter(s -> s.equals(step)).count();
    }

    @Test
    void attentionGradientComputesEachProductOnceAndScalesInsteadOfFormingOuterProducts() {
        int n = 40, d = 8;
        Random rnd = new Random(1);
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        for (String name : new String[] {"Q", "K", "V", "G"}) v.put(name, random(n, d, rnd));
        v.put("c", new DMatrixRMaj(new double[][] {{Math.sqrt(d)}}));
        Plan p = checked("sum(G.*(softmax(Q*K'/c, 2)*V))", new String[0], v, "Q", "K", "V");
        // Q*K' and G*V' (the K gradient's V*G' and -G*V' are the same step), and the three n×d products
        // of the gradients: the value sum(G.*(S*V)) is sum((G*V').*S), the row sums the gradients need added up
        assertThat(count(p, "multiply 40×40")).as("%s", p.describe()).isEqualTo(2);
        assertThat(count(p, "multiply 40×8")).as("%s", p.describe()).isEqualTo(3);
        assertThat(p.describe()).contains("sum (of 40×1) 1×1").noneMatch(s -> s.startsWith("hadamard 40×8"));
        assertThat(count(p, "softmax 40×40")).isEqualTo(1);
        // dZ is one sum read by the Q and the K gradient, its terms read with the coefficient 1/c, the row
        // scaling by the row sums read in the sum's pass
        assertThat(count(p, "add, scaling rows or columns 40×40")).as("%s", p.describe()).isEqualTo(1);
        // S and the Hadamard products are computed in one orientation: nothing n×n is copied transposed
        assertThat(p.describe()).as("%s", p.describe()).noneMatch(s -> s.startsWith("transpose 40×40"));
        assertThat(p.describe()).noneMatch(s -> s.startsWith("scale"));
    }

    @Test
    void softmaxCrossEntropyGradientsByAllParametersAgree() {
        int m = 30, h = 12, k = 5, batch = 17;
        Random rnd = new Random(2);
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        v.put("W1", random(h, m, rnd));
        v.put("b1", random(h, 1, rnd));
        v.put("W2", random(k, h, rnd));
        v.put("b2", random(k, 1, rnd));
        v.put("X", random(m, batch, rnd));
        DMatrixRMaj y = new DMatrixRMaj(k, batch);
        for (int j = 0; j < batch; j++) y.set(rnd.nextInt(k), j, 1);
        v.put("Y", y);
        Plan p = checked("-sum(Y.*log(softmax(W2*tanh(W1*X + b1) + b2, 1)))", new String[] {"b1:vector(h)", "b2:vector(k)"},
                v, "W1", "b1", "W2", "b2");
        assertThat(count(p, "multiply 12×30")).as("dZ1*X' once").isEqualTo(1);
        assertThat(p.describe()).noneMatch(s -> s.equals("tanh 17×12")); // the W2 gradient reads tanh(W1*X + b1) transposed
        assertThat(count(p, "tanh 12×17")).isEqualTo(1);
    }

    @Test
    void columnSoftmaxAndLogsumexpMatchTheEvaluatorWithInfiniteAndNaNColumns() {
        Random rnd = new Random(3);
        DMatrixRMaj x = random(6, 9, rnd);
        for (int i = 0; i < 6; i++) x.set(i, 1, 700 + i);      // exp overflows without the shift
        x.set(2, 3, Double.POSITIVE_INFINITY);
        for (int i = 0; i < 6; i++) x.set(i, 4, Double.NEGATIVE_INFINITY);
        x.set(4, 5, Double.NaN);
        Map<String, DMatrixRMaj> v = Map.of("X", x);
        for (String source : new String[] {"softmax(X, 1)", "softmax(X, 2)", "logsumexp(X, 1)", "logsumexp(X, 2)"}) {
            Expr e = MatCalc.parse(source).expr();
            DMatrixRMaj expected = Evaluator.evaluate(e, v);
            DMatrixRMaj got = Plan.compile(List.of(e), new Evaluator(v)).setAll(v).run().result(0);
            assertThat(got.getNumElements()).isEqualTo(expected.getNumElements());
            for (int i = 0; i < expected.getNumElements(); i++) {
                double want = expected.data[i];
                if (Double.isNaN(want) || Double.isInfinite(want)) assertThat(Double.valueOf(got.data[i])).as(source + " entry " + i).isEqualTo(Double.valueOf(want));
                else assertThat(got.data[i]).as(source + " entry " + i).isCloseTo(want, within(1e-13 * Math.max(1, Math.abs(want))));
            }
        }
    }

    @Test
    void largeMatricesSplitIntoColumnBandsGiveTheSameSoftmax() {
        Random rnd = new Random(5);
        DMatrixRMaj x = random(520, 701, rnd); // 701 columns: bands of unequal width on any core count
        for (int i = 0; i < 520; i++) x.data[i * 701 + 350] *= 1000; // a column that needs its shift
        x.set(17, 351, Double.NaN);
        Map<String, DMatrixRMaj> v = Map.of("X", x);
        for (String source : new String[] {"softmax(X, 1)", "logsumexp(X, 1)"}) {
            Expr e = MatCalc.parse(source).expr();
            DMatrixRMaj expected = Evaluator.evaluate(e, v);
            DMatrixRMaj got = Plan.compile(List.of(e), new Evaluator(v)).setAll(v).run().result(0);
            for (int i = 0; i < expected.getNumElements(); i++) {
                double want = expected.data[i];
                if (Double.isNaN(want)) assertThat(Double.valueOf(got.data[i])).as(source + " entry " + i).isEqualTo(Double.valueOf(want));
                else assertThat(got.data[i]).as(source + " entry " + i).isCloseTo(want, within(1e-13 * Math.max(1, Math.abs(want))));
            }
            assertThat(expected.data).as("the NaN column is NaN throughout").contains(Double.NaN);
        }
    }

    @Test
    void scaledTermsOfASumAreReadWithTheirCoefficients() {
        Random rnd = new Random(4);
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        v.put("X", random(7, 5, rnd));
        v.put("Y", random(7, 5, rnd));
        v.put("a", new DMatrixRMaj(new double[][] {{1.5}}));
        v.put("b", new DMatrixRMaj(new double[][] {{-0.25}}));
        Expr e = MatCalc.parse("a*X + 3*b*Y - 2*X.*Y").expr();
        DMatrixRMaj expected = Evaluator.evaluate(e, v);
        Plan p = Plan.compile(List.of(e), new Evaluator(v)).setAll(v).run();
        for (int i = 0; i < expected.getNumElements(); i++)
            assertThat(p.result(0).data[i]).isCloseTo(expected.data[i], within(1e-14));
        assertThat(p.describe()).noneMatch(s -> s.startsWith("scale"));
    }
}
