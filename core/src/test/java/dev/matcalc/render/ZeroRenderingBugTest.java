package dev.matcalc.render;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.RandomPoints;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: a zero vector or matrix used to be written as a bare {@code 0}, which re-parses as
 * the scalar 0 and changes values where the size matters ({@code softmax(b - b)} is 1/m in each
 * entry, {@code softmax(0)} is 1). Shaped zeros are now written {@code 0*vector(1)} / {@code 0*matrix(1)}.
 */
class ZeroRenderingBugTest {
    @ParameterizedTest
    @ValueSource(strings = {"softmax(b - b)", "diag(sqrt(1 + (x - x).^2))", "(x - x)*b'*b"})
    void shapedZeroReparsesToTheSameValue(String source) {
        String[] lets = {"x:vector(n)", "b:vector(m)"};
        Expr e = MatCalc.parse(source, lets).expr();
        Map<String, DMatrixRMaj> at = RandomPoints.draw(MatCalc.parse("x'*x + b'*b", lets).expr(), new SplittableRandom(1)).values();
        DMatrixRMaj expected = new Evaluator(at).bind(MatCalc.parse("x'*x + b'*b", lets).expr()).eval(e);
        Expr again = MatCalc.parse(Render.text(e), lets).expr();
        assertThat(again.shape()).as(Render.text(e)).isEqualTo(e.shape());
        DMatrixRMaj actual = new Evaluator(at).bind(MatCalc.parse("x'*x + b'*b", lets).expr()).eval(again);
        assertThat(actual.data).containsExactly(expected.data, org.assertj.core.data.Offset.offset(1e-12));
    }
}
