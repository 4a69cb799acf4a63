package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.testing.NumericCheck;
import dev.matcalc.testing.StableReferences.Reference;
import dev.matcalc.numeric.DualEvaluator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.testing.StableReferences.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 14: functions that are finite where their written form overflows (the logistic loss at
 * w = [-800, 3], log-sum-exp of entries near 1000, log(sigmoid(u)) at u = -800) evaluate finite and
 * right, with their gradients and Hessians, in the evaluator and in compiled plans; the text shown
 * for them is the text they had; at ordinary points nothing changes. The references are computed
 * here from analytically stable identities (log(1 + e^t) = t + log(1 + e^-t), and the like).
 */
class Issue14StableEvaluationTest {
    @Test
    void logisticLossAtAnOverflowingPointEvaluatesFiniteAndRight() {
        Expression f = MatCalc.parse(LOGISTIC);
        Reference expected = logistic();
        // margins -798.5, 1603, 809, -0.2: the loss is 798.5 + log(1 + e^0.2) + (terms below 1e-300)
        assertThat(expected.value()).isCloseTo(798.5 + Math.log1p(Math.exp(0.2)), within(1e-12));
        assertClose("value", f.evaluate(logisticPoint()).data(), new double[] {expected.value()});
        for (Layout layout : Layout.values()) {
            DerivativeResult g = f.derivative(layout, "w"), h = f.derivative(layout, "w", "w");
            assertClose(layout + " gradient", g.evaluate(logisticPoint()).data(), expected.gradient());
            assertClose(layout + " gradient from the differential", g.evaluateDifferential(logisticPoint()).data(), expected.gradient());
            assertClose(layout + " Hessian", h.evaluate(logisticPoint()).data(), expected.hessian());
            assertClose(layout + " Hessian from the differential", h.evaluateDifferential(logisticPoint()).data(), expected.hessian());
        }
    }

    @Test
    void logisticLossCompiledIsFiniteAndRight() {
        Expression f = MatCalc.parse(LOGISTIC);
        Reference expected = logistic();
        CompiledDerivative g = f.derivative("w").compile(), h = f.derivative("w", "w").compile();
        CompiledDerivative.Evaluation e = g.evaluate(logisticPoint());
        assertClose("compiled value", e.value().data(), new double[] {expected.value()});
        assertClose("compiled gradient", e.derivative().data(), expected.gradient());
        assertClose("compiled gradient alone", g.derivativeAt(logisticPoint()).data(), expected.gradient());
        assertClose("compiled Hessian", h.derivativeAt(logisticPoint()).data(), expected.hessian());
        assertClose("compiled Hessian, value", h.evaluate(logisticPoint()).value().data(), new double[] {expected.value()});
        double[] v = {0.3, -2};
        double[] hv = {expected.hessian()[0] * v[0] + expected.hessian()[1] * v[1], expected.hessian()[2] * v[0] + expected.hessian()[3] * v[1]};
        assertClose("compiled H·v", h.hvp(logisticPoint(), v).data(), hv);
    }

    /** Only the numbers change: what the user sees is what the user wrote, and the derivative as derived. */
    @Test
    void theShownTextIsUnchanged() {
        Expression f = MatCalc.parse(LOGISTIC);
        assertThat(f.toText()).isEqualTo(LOGISTIC);
        assertThat(f.derivative(Layout.MIXED, "w").toText()).isEqualTo("-X'*(sigmoid(-(X*w.*y)).*y)");
        assertThat(f.derivative(Layout.MIXED, "w", "w").toText())
                .isEqualTo("t0 = sigmoid(-(X*w.*y))\nX'*diag((1 - t0).*t0.*y.^2)*X");
        Expression lse = MatCalc.parse("log(sum(exp(z)))");
        assertThat(lse.toText()).isEqualTo("log(sum(exp(z)))");
        assertThat(lse.derivative(Layout.MIXED, "z").toText()).isEqualTo("t0 = exp(z)\nt0/sum(t0)");
        assertThat(MatCalc.parse("sum(log(sigmoid(u)))").derivative(Layout.MIXED, "u").toText()).isEqualTo("1 - sigmoid(u)");
    }

    @Test
    void logSumExpOfEntriesNearAThousand() {
        Expression f = MatCalc.parse("log(sum(exp(z)))");
        double[] z = {1000, 999, -5};
        Map<String, Object> at = Map.of("z", z);
        Reference expected = logSumExp(z);
        // log(e^1000 + e^999 + e^-5) = 1000 + log(1 + e^-1 + e^-1005)
        assertThat(expected.value()).isEqualTo(1000 + Math.log(1 + Math.exp(-1) + Math.exp(-1005)));
        double value = expected.value();
        double[] s = expected.gradient(), hessian = expected.hessian();
        assertClose("value", f.evaluate(at).data(), new double[] {value});
        assertClose("gradient", f.derivative("z").evaluate(at).data(), s);
        assertClose("Hessian", f.derivative("z", "z").evaluate(at).data(), hessian);
        CompiledDerivative.Evaluation compiled = f.derivative("z").compile().evaluate(at);
        assertClose("compiled value", compiled.value().data(), new double[] {value});
        assertClose("compiled gradient", compiled.derivative().data(), s);
        assertClose("compiled Hessian", f.derivative("z", "z").compile().derivativeAt(at).data(), hessian);
    }

    @Test
    void logSigmoidAtMinusEightHundred() {
        Map<String, Object> at = Map.of("u", new double[] {-800, 800, 0.5});
        // log σ(u) = -log(1 + e^-u); d/du = σ(-u); d²/du² = -σ(u)σ(-u)
        double[] value = {-softplus(800) - softplus(-800) - softplus(-0.5)};
        double[] gradient = {sigmoid(800), sigmoid(-800), sigmoid(-0.5)};
        double[] hessian = {0, 0, 0, 0, 0, 0, 0, 0, -sigmoid(0.5) * sigmoid(-0.5)};
        for (String written : new String[] {"sum(log(sigmoid(u)))", "sum(log(1 - sigmoid(-u)))", "sum(log(1./(1 + exp(-u))))"}) {
            Expression f = MatCalc.parse(written);
            assertClose(written, f.evaluate(at).data(), value);
            assertClose(written + " gradient", f.derivative("u").evaluate(at).data(), gradient);
            assertClose(written + " Hessian", f.derivative("u", "u").evaluate(at).data(), hessian);
            CompiledDerivative.Evaluation compiled = f.derivative("u").compile().evaluate(at);
            assertClose(written + " compiled", compiled.value().data(), value);
            assertClose(written + " compiled gradient", compiled.derivative().data(), gradient);
        }
    }

    @Test
    void sigmoidWrittenOutDoesNotDivideInfinityByInfinity() {
        Map<String, Object> at = Map.of("u", new double[] {-800, 800, 0.5});
        Expression f = MatCalc.parse("exp(u)./(1 + exp(u))");
        double[] expected = {sigmoid(-800), sigmoid(800), sigmoid(0.5)};
        assertClose("value", f.evaluate(at).data(), expected);
        // the Jacobian diag(σ(u)(1 - σ(u))), as derived: sigmoid(u) - exp(u).^2./(exp(u) + 1).^2 on the diagonal
        double[] jacobian = new double[9];
        for (int i = 0; i < 3; i++) jacobian[i * 4] = expected[i] * (1 - expected[i]);
        assertClose("Jacobian", f.derivative("u").evaluate(at).data(), jacobian);
        assertClose("compiled Jacobian", f.derivative("u").compile().derivativeAt(at).data(), jacobian);
    }

    @Test
    void crossEntropyOfSoftmaxWithLargeLogits() {
        Expression f = MatCalc.parse("-t'*log(softmax(z))");
        Map<String, Object> at = Map.of("z", new double[] {1000, 0, -900}, "t", new double[] {0, 0, 1});
        // -log softmax(z)_3 = logsumexp(z) - z_3 = 1000 + log(1 + e^-1000 + e^-1900) + 900
        assertClose("value", f.evaluate(at).data(), new double[] {1900});
        assertClose("compiled value", f.derivative("z").compile().evaluate(at).value().data(), new double[] {1900});
        assertClose("gradient softmax(z) - t", f.derivative("z").evaluate(at).data(), new double[] {1, 0, -1});
    }

    /** At ordinary points: finite differences agree, and so does the written form's forward-mode derivative. */
    @ParameterizedTest
    @ValueSource(strings = {LOGISTIC, "log(sum(exp(z)))", "sum(log(sigmoid(u)))", "sum(log(1 - sigmoid(u)))",
            "sum(exp(u)./(1 + exp(u)))", "-t'*log(softmax(z))", "z'*exp(z)/sum(exp(z))"})
    void ordinaryPointsAreUnchanged(String written) {
        Expression f = MatCalc.parse(written);
        String wrt = f.variables().stream().map(v -> v.name()).filter(n -> n.equals("w") || n.equals("z") || n.equals("u"))
                .findFirst().orElseThrow();
        SplittableRandom rng = new SplittableRandom(written.hashCode());
        DerivativeResult d = f.derivative(wrt);
        NumericCheck.Comparison cmp = NumericCheck.compare(f, d, rng);
        assertThat(cmp.error()).as(cmp.describe()).isLessThan(1e-7);
        Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), rng.split()).values();
        Tensor asWritten = new DualEvaluator(at, f.variable(wrt)).jacobian(f.expr());
        assertClose("derivative", d.evaluate(at).data(), asWritten.data());
        assertClose("compiled derivative", d.compile().derivativeAt(at).data(), asWritten.data());
        assertClose("value", f.evaluate(at).data(), new DualEvaluator(at, f.variable(wrt)).eval(f.expr()).value().data);
    }

    private static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as("%s: size", what).hasSameSizeAs(expected);
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s: entry %d", what, i).isFinite();
            assertThat(Math.abs(actual[i] - expected[i])).as("%s: entry %d is %s, expected %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(1e-12 * scale);
        }
    }
}
