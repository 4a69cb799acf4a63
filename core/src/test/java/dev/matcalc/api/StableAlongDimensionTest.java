package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.testing.StableAlongDimension;
import dev.matcalc.testing.StableAlongDimension.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Softmax and log-sum-exp along rows and columns at logits near 1000: the function and its gradient
 * evaluate finite and right in the evaluator and in compiled plans (computed as written, exp(1000)
 * is inf and the value inf or NaN), while the text shown is the function as written.
 */
class StableAlongDimensionTest {
    static final java.util.List<Case> CASES = StableAlongDimension.CASES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void evaluatorIsFiniteAndRight(Case c) {
        Expression f = MatCalc.parse(c.expr());
        assertThat(f.toText()).isEqualTo(c.expr());
        assertClose(c.name() + " value", f.evaluate(c.point()).data(), new double[] {c.value()});
        DerivativeResult g = f.derivative(Layout.MIXED, "Z");
        assertClose(c.name() + " gradient " + g.toText(), g.evaluate(c.point()).data(), c.gradient());
        // the differential of log(sum(exp(Z), k)) divides sum(exp(Z).*dZ, k) by sum(exp(Z), k): that
        // independent path is not rewritten (only the gradient's matrix form, which is what is computed)
        if (c.expr().contains("softmax"))
            assertClose(c.name() + " gradient from the differential", g.evaluateDifferential(c.point()).data(), c.gradient());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void compiledPlanIsFiniteAndRight(Case c) {
        CompiledDerivative g = MatCalc.parse(c.expr()).derivative(Layout.MIXED, "Z").compile();
        CompiledDerivative.Evaluation e = g.evaluate(c.point());
        assertClose(c.name() + " compiled value", e.value().data(), new double[] {c.value()});
        assertClose(c.name() + " compiled gradient", e.derivative().data(), c.gradient());
        assertClose(c.name() + " compiled gradient alone", g.derivativeAt(c.point()).data(), c.gradient());
    }

    static void assertClose(String what, double[] actual, double[] expected) {
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
