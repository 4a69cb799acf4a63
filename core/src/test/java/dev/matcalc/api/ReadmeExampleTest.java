package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's library example, run as written. */
class ReadmeExampleTest {
    @Test
    void readmeLibraryExample() {
        Expression f = MatCalc.parse("x'*A*x", "A:symmetric(n)");
        DerivativeResult g = f.derivative(Layout.MIXED, "x");
        assertThat(g.toText()).isEqualTo("2*A*x");
        assertThat(g.toLatex()).isEqualTo("2 A x");
        assertThat(g.describe()).isEqualTo("gradient of a scalar (1×1) w.r.t. x (n×1), mixed layout: n×1");
        assertThat(g.evaluate(Map.of("x", new double[]{1, 2}, "A", new double[][]{{2, 0}, {0, 3}})).data())
                .containsExactly(4.0, 12.0);
        assertThat(f.derivative(Layout.MIXED, "x", "x").toText()).isEqualTo("2*A");
        Answer a = Service.derive(Request.of("sum(exp(W*x + b))", "x"));
        assertThat(a.derivatives().get(0).text()).isEqualTo("exp(W*x + b)'*W");
    }
}
