package dev.matcalc.render;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.RandomPoints;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A known bug: the text renderer writes a zero vector or matrix as a bare {@code 0} (a tested
 * choice, see TextRendererTest), which re-parses as the scalar 0. Where the size matters the
 * value changes: {@code softmax(b - b)} is 1/m in each entry but its text {@code softmax(0)} is 1,
 * {@code diag(0*x + 1)} is the identity but re-reads as the number 1. Fixing it means choosing a
 * spelling for shaped zeros (e.g. {@code 0*vector(1)}) or folding functions of zero in the
 * simplifier; both change other teams' golden outputs, so it is left to the renderer's owners.
 * RandomExpressionTest skips re-parsing texts that contain a shaped zero and counts them.
 */
@Disabled("known bug: shaped zeros render as a scalar 0; see the class comment")
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
