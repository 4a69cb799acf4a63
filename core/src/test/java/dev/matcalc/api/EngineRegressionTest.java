package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.render.Render;
import dev.matcalc.simplify.Simplifier;
import dev.matcalc.testing.NumericCheck;
import dev.matcalc.testing.RandomExpressions;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs on which the random-expression test found engine bugs, kept as fixed cases: each must
 * simplify and re-render to the same value, and differentiate to what central differences give.
 */
class EngineRegressionTest {
    @ParameterizedTest(name = "d({0})/d{1}")
    @CsvSource(delimiter = '|', value = {
            // transposeOfSum turned (a*matrix(1))' into the scalar a, so A*(W + a - W)' failed to build
            "log(1 + (W .* W).^2) .* (A*((W + a) - W)')'    | a",
            // I*I dropped both identities: the derivative by a came out 1×1 instead of n×n
            "((A - a*eye)' / (2 + sin(x'*S*y)))*(eye + a^3*(B - B))  | a",
            // factorCommonFactor added m×n and 1×n cofactors of diag(A)
            "((-W)*diag(A) + y'*inv(eye + 0.1*W'*W)*diag(A)) + a | A",
            // an expanded sum of scalars rendered without its *vector(1)
            "W'*(((b - b) + (1.5 + a)).^3)                  | a"})
    void staysCorrect(String source, String wrt) {
        Expression f = MatCalc.parse(source, RandomExpressions.LETS);
        SplittableRandom rng = new SplittableRandom(source.hashCode());
        Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), rng.split()).values();
        DMatrixRMaj value = Evaluator.evaluate(f.expr(), at);
        assertSame(Evaluator.evaluate(Simplifier.simplify(f.expr()), at), value);
        Expr reparsed = MatCalc.parse(Render.text(f.expr()), RandomExpressions.LETS).expr();
        assertSame(Evaluator.evaluate(reparsed, at), value);
        for (Layout layout : Layout.values()) {
            DerivativeResult d = f.derivative(layout, wrt);
            NumericCheck.Comparison cmp = NumericCheck.compare(f, d, rng);
            assertThat(cmp.error()).as("%s\n%s", d.toText(), cmp.describe()).isLessThan(1e-6);
            if (!d.derivative().hasMatrixForm()) continue;
            Evaluator point = new Evaluator(cmp.point()).bind(f.expr());
            Expr answer = MatCalc.parse(d.toText(), RandomExpressions.LETS).expr();
            DMatrixRMaj shown = point.eval(d.expr());
            // eye in an answer takes its size from the answer's shape, which the text does not say
            Evaluator sized = point.with(new dev.matcalc.expr.Var("shape of the answer", answer.shape()),
                    new DMatrixRMaj(shown.numRows, shown.numCols));
            assertSame(sized.eval(answer), shown);
        }
    }

    private static void assertSame(DMatrixRMaj actual, DMatrixRMaj expected) {
        assertThat(MatrixFeatures_DDRM.isIdentical(actual, expected, 1e-9))
                .as("%s\nvs\n%s", actual, expected).isTrue();
    }
}
