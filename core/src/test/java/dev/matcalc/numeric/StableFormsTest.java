package dev.matcalc.numeric;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.expr.Nodes;
import dev.matcalc.render.Render;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.testing.StableReferences.sigmoid;
import static dev.matcalc.testing.StableReferences.softplus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 14: the stable forms evaluation computes. Each law rewrites its pattern; values and
 * derivatives at ordinary points are those of the expression as written (the naive kernels of the
 * independent dual-number evaluator); values where the written form overflows are finite and right.
 */
class StableFormsTest {
    private static Expr parse(String source) {
        return MatCalc.parse(source, "u:vector(n)", "z:vector(n)", "A:matrix(n,n)").expr();
    }

    @ParameterizedTest(name = "{0} computed as {1}")
    @CsvSource(delimiter = '|', value = {
            "log(1 + exp(u))                | softplus(u)",
            "log(exp(u) + 1)                | softplus(u)",
            "log(1 + exp(-2*u))             | softplus(-2*u)",
            "log(sigmoid(u))                | -softplus(-u)",
            "log(1 - sigmoid(u))            | -softplus(u)",
            "log(sum(exp(z)))               | logsumexp(z)",
            "log(sum(exp(z')))              | logsumexp(z)",
            "log(softmax(z))                | z - logsumexp(z)",
            "log(exp(u))                    | u",
            // along a dimension: each column's (1) or row's (2) logsumexp, expanded over it
            "log(softmax(A, 1))             | A - logsumexp(A, 1)",
            "log(softmax(A, 2))             | A - logsumexp(A, 2)",
            "log(softmax(A', 2))            | A' - logsumexp(A', 2)",
            "log(sum(exp(A), 1))            | logsumexp(A, 1)",
            "log(sum(exp(A), 2))            | logsumexp(A, 2)",
            "log(sum(exp(A), 1)')           | logsumexp(A', 2)",
            "log(sum(exp(z), 1))            | logsumexp(z)",
            "exp(A)./sum(exp(A), 1)         | softmax(A, 1)",
            "exp(A)./sum(exp(A), 2)         | softmax(A, 2)",
            "exp(A).*A./sum(exp(A), 2)      | softmax(A, 2).*A",
            "1./(1 + exp(-u))               | sigmoid(u)",
            "(1 + exp(u)).^-2               | sigmoid(-u).^2",
            "exp(u)./(1 + exp(u))           | sigmoid(u)",
            "exp(u).^3./(1 + exp(u)).^2     | sigmoid(u).^2.*exp(u)",
            "log(1./(1 + exp(-u)))          | -softplus(-u)",
            "exp(z)/sum(exp(z))             | softmax(z)",
            "diag(exp(z))/sum(exp(z)) - exp(z)*exp(z)'/sum(exp(z))^2 | diag(softmax(z)) - softmax(z)*softmax(z)'",
            "z'*exp(z)/sum(exp(z))          | z'*softmax(z)",
            // a name only shares a value: patterns see through it
            "t = 1 + exp(u); sum(log(t))    | sum(softplus(u))"})
    void eachLawRewritesItsPattern(String written, String computed) {
        assertThat(Render.text(StableForms.rewrite(parse(written)))).isEqualTo(computed);
    }

    /** Near misses are not touched: the same node comes back. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"log(2 + exp(u))", "exp(u)./(2 + exp(u))", "log(1 + sigmoid(u))",
            "log(sum(exp(A)))", "exp(z)/sum(exp(u))", "log(sum(exp(A) + 1, 1))", "exp(A)./sum(exp(A'), 1)",
            "sum(exp(A), 2)./exp(A)", "log(sum(exp(A), 2)*2)", "log(sum(exp(z).*u))", "u'*A*u + sum(exp(u))"})
    void nearMissesAreLeftAsWritten(String written) {
        Expr e = parse(written);
        assertThat(StableForms.rewrite(e)).isSameAs(e);
    }

    @Test
    void oneInstanceGivesTheSameNodesEveryTime() {
        Expr e = parse("sum(log(1 + exp(u))) + log(sum(exp(z)))");
        StableForms forms = new StableForms();
        assertThat(forms.of(e)).isSameAs(forms.of(e));
    }

    /** At ordinary points the stable form has the written form's value and derivative, to rounding. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sum(log(1 + exp(u)))", "sum(log(sigmoid(u)))", "sum(log(1 - sigmoid(u)))", "log(sum(exp(z)))",
            "u'*log(softmax(z))", "sum(exp(u)./(1 + exp(u)))", "sum(exp(u).^3./(1 + exp(u)).^2)",
            "sum(log(1./(1 + exp(-u))))", "z'*exp(z)/sum(exp(z))", "sum(log(exp(u)))", "sum(log(softmax(A, 1)))",
            "sum(log(softmax(A, 2)))", "sum(log(sum(exp(A), 1)))", "sum(log(sum(exp(A), 2)))", "sum(exp(A)./sum(exp(A), 2).*A)",
            "u'*log(sum(exp(A), 2))"})
    void ordinaryPointsKeepTheirValuesAndDerivatives(String written) {
        Expr naive = parse(written), stable = StableForms.rewrite(naive);
        assertThat(stable).isNotSameAs(naive);
        SplittableRandom rng = new SplittableRandom(written.hashCode());
        for (int trial = 0; trial < 5; trial++) {
            Map<String, DMatrixRMaj> at = RandomPoints.draw(naive, rng.split()).values();
            for (Var x : Nodes.variables(naive)) {
                DualEvaluator.Dual asWritten = new DualEvaluator(at, x).eval(naive), computed = new DualEvaluator(at, x).eval(stable);
                assertClose(Evaluator.evaluate(naive, at).data, asWritten.value().data, 1e-12);
                assertClose(computed.value().data, asWritten.value().data, 1e-12);
                for (int k = 0; k < asWritten.tangents().length; k++)
                    assertClose(computed.tangents()[k].data, asWritten.tangents()[k].data, 1e-12);
            }
        }
    }

    /** Where the written form overflows (inf, inf - inf, inf/inf) the evaluator's value is finite and right. */
    @Test
    void extremePointsGiveFiniteRightValues() {
        Map<String, DMatrixRMaj> at = Map.of("u", col(-800, 800, 0.5), "z", col(1000, 999, -5));
        double[] u = {-800, 800, 0.5};
        double softplusSum = 0, logSigmoidSum = 0, sigmoidSum = 0;
        for (double v : u) {
            softplusSum += softplus(v);
            logSigmoidSum += -softplus(-v);
            sigmoidSum += sigmoid(v);
        }
        assertThat(value("sum(log(1 + exp(u)))", at)).isCloseTo(softplusSum, within(1e-12 * softplusSum));
        assertThat(value("sum(log(sigmoid(u)))", at)).isCloseTo(logSigmoidSum, within(1e-12 * -logSigmoidSum));
        assertThat(value("sum(log(1 - sigmoid(-u)))", at)).isCloseTo(logSigmoidSum, within(1e-12 * -logSigmoidSum));
        assertThat(value("sum(exp(u)./(1 + exp(u)))", at)).isCloseTo(sigmoidSum, within(1e-15));
        // log(e^1000 + e^999 + e^-5) = 1000 + log(1 + e^-1 + e^-1005)
        double lse = 1000 + Math.log1p(Math.exp(-1));
        assertThat(value("log(sum(exp(z)))", at)).isCloseTo(lse, within(1e-12 * lse));
        assertThat(value("sum(log(softmax(z)))", at)).isCloseTo(1994 - 3 * lse, within(1e-12 * 1006));
        DMatrixRMaj softmax = Evaluator.evaluate(parse("exp(z)/sum(exp(z))"), at);
        double total = 1 + Math.exp(-1) + Math.exp(-1005); // Σ e^(z_i - 1000)
        assertClose(softmax.data, new double[] {1 / total, Math.exp(-1) / total, Math.exp(-1005) / total}, 1e-15);
    }

    /** softmax of a matrix is per column: log(softmax(A, 1)) subtracts each column's own logsumexp. */
    @Test
    void logSoftmaxOfAMatrixIsStablePerColumn() {
        // columns (1000, -5) and (3, 999): e^-1005 underflows, so log(softmax) as written is -inf there
        Map<String, DMatrixRMaj> at = Map.of("A", new DMatrixRMaj(2, 2, true, 1000, 3, -5, 999));
        double lse1 = 1000 + Math.log1p(Math.exp(-1005)), lse2 = 999 + Math.log1p(Math.exp(-996));
        assertClose(Evaluator.evaluate(parse("log(softmax(A, 1))"), at).data,
                new double[] {1000 - lse1, 3 - lse2, -5 - lse1, 999 - lse2}, 1e-15);
    }

    /**
     * Along rows and columns, at entries near 1000 where exp overflows: log(softmax(A, 2)),
     * log(sum(exp(A), k)) and exp(A)./sum(exp(A), k) come out finite and equal to their values
     * computed with each row's or column's largest entry taken out.
     */
    @Test
    void alongADimensionTheFormsAreStableAtEntriesNearAThousand() {
        double[][] a = {{1000, -5}, {3, 999}};             // rows (1000, -5), (3, 999); columns (1000, 3), (-5, 999)
        Map<String, DMatrixRMaj> at = Map.of("A", new DMatrixRMaj(a));
        double[] rows = {lse(1000, -5), lse(3, 999)}, columns = {lse(1000, 3), lse(-5, 999)};
        assertClose(Evaluator.evaluate(parse("log(softmax(A, 2))"), at).data,
                new double[] {1000 - rows[0], -5 - rows[0], 3 - rows[1], 999 - rows[1]}, 1e-15);
        assertClose(Evaluator.evaluate(parse("log(sum(exp(A), 1))"), at).data, columns, 1e-15);
        assertClose(Evaluator.evaluate(parse("log(sum(exp(A), 2))"), at).data, rows, 1e-15);
        assertClose(Evaluator.evaluate(parse("log(sum(exp(A), 2)')"), at).data, rows, 1e-15);
        assertClose(Evaluator.evaluate(parse("exp(A)./sum(exp(A), 1)"), at).data, new double[] {
                Math.exp(1000 - columns[0]), Math.exp(-5 - columns[1]), Math.exp(3 - columns[0]), Math.exp(999 - columns[1])}, 1e-15);
        assertClose(Evaluator.evaluate(parse("exp(A)./sum(exp(A), 2)"), at).data, new double[] {
                Math.exp(1000 - rows[0]), Math.exp(-5 - rows[0]), Math.exp(3 - rows[1]), Math.exp(999 - rows[1])}, 1e-15);
    }

    /** log(e^a + e^b), shifted by the larger. */
    private static double lse(double a, double b) {
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    private static double value(String source, Map<String, DMatrixRMaj> at) {
        double v = Evaluator.evaluate(parse(source), at).data[0];
        assertThat(v).as(source).isFinite();
        return v;
    }

    private static DMatrixRMaj col(double... v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++)
            assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(relative * Math.max(1, Math.abs(expected[i]))));
    }
}
