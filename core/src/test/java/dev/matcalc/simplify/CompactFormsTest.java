package dev.matcalc.simplify;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.render.Render;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The rules that make batched-layer answers compact (softmax attention, layer norm): each applies
 * to its pattern, by name, and the compact form has the written form's value at random points.
 */
class CompactFormsTest {
    private static Expr parse(String source) {
        return MatCalc.parse(source, "t:scalar", "a:scalar", "n:scalar", "g:vector(m)").expr();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "A.*X + B.*X                          | (A + B).*X                 | commonElementwiseFactor",
            "A.*X + B.*X + C                      | (A + B).*X + C             | commonElementwiseFactor",
            "2*(A.*X) - B.*X*a                    | (2*A - a*B).*X             | commonElementwiseFactor",
            // the softmax Jacobian applied per row: S.*V - S.*sum(S.*V, 2) = (V - sum(V.*S, 2)).*S
            "softmax(Z, 2).*V - softmax(Z, 2).*sum(softmax(Z, 2).*V, 2) | (V - sum(V.*softmax(Z, 2), 2)).*softmax(Z, 2) | commonElementwiseFactor",
            "softmax(Z, 1).*V - softmax(Z, 1).*sum(softmax(Z, 1).*V, 1) | (V - sum(V.*softmax(Z, 1), 1)).*softmax(Z, 1) | commonElementwiseFactor",
            "A/t^3 + B/t                          | (A/t^2 + B)/t              | commonScalarFactor",
            "a*x + a*y                            | a*(x + y)                  | commonScalarFactor",
            "exp(a)*A + exp(a)*B*a                | exp(a)*(a*B + A)           | commonScalarFactor",
            "x - mean(g)*vector(1)                | x - mean(g)                | expandedScalarTerm",
            "x + vector(1)                        | x + 1                      | expandedScalarTerm",
            "sum(x - mean(x))                     | 0                          | centeredSum",
            "sum(X - mean(X))                     | 0                          | centeredSum",
            "(-2*A*B).*C                          | -2*(A*B.*C)                | collectHadamardFactors",
            "(-(u'*v)/t)*w                        | -(u'*v)*w/t                | collectScalarFactors"})
    void ruleRewritesToTheCompactFormKeepingTheValue(String written, String compact, String rule) {
        Expr e = parse(written), simple = Simplifier.simplify(e);
        assertThat(Render.text(simple)).isEqualTo(compact);
        assertThat(Simplifier.steps(e)).extracting(s -> s.rule().name()).contains(rule);
        SplittableRandom rng = new SplittableRandom(written.hashCode());
        for (int trial = 0; trial < 5; trial++) {
            Map<String, DMatrixRMaj> at = RandomPoints.draw(e, rng.split()).values();
            double[] expected = Evaluator.evaluate(e, at).data, actual = Evaluator.evaluate(simple, at).data;
            if (actual.length == 1 && expected.length == 1) {
                assertThat(actual[0]).isCloseTo(expected[0], within(1e-10 * Math.max(1, Math.abs(expected[0]))));
                continue;
            }
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.length; i++)
                assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(1e-10 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    /** Near misses: not centered on its own mean, no shared factor, a shared factor of some terms only. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sum(x - mean(y))           | sum(x - mean(y))",
            "x.*y + y                   | x.*y + y",
            "a*x + y                    | a*x + y",
            "A/t + B*t                  | A/t + t*B",
            // the powers of a and of a*t do not cancel: a "common factor" 1 that was once pulled out and
            // put back forever, growing (random expression seed 20262044)
            "a*t*A/(a*t) + a*t*B/(a*t)  | a*t*A/(a*t) + a*t*B/(a*t)"})
    void nearMissesKeepTheirForm(String written, String simplified) {
        assertThat(Render.text(Simplifier.simplify(parse(written)))).isEqualTo(simplified);
    }
}
