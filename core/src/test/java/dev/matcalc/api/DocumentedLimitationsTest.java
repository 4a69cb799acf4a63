package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.calculus.UnsupportedDerivative;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Derivatives the engine declines, by design for now: gradients through a block literal (reverse
 * mode has no transpose rule for [..]) and Jacobians with no matrix form it can write. They must
 * end in a clear {@link UnsupportedDerivative} (a user error, exit 2 on the command line), never
 * a wrong answer or a crash. When one becomes supported, move its row into {@link DerivativeTable}.
 */
class DocumentedLimitationsTest {
    @ParameterizedTest(name = "d({0})/d{1}")
    @CsvSource(delimiter = '|', value = {
            "sum([x; W*y].^2)  | y | block literal",
            "[x; b]'*[y; b]    | b | block literal",
            "sum([S; W].^2)    | S | block literal",
            "diag(A*x*y')      | x | no matrix form"})
    void declinedWithAClearMessage(String source, String wrt, String why) {
        Expression f = MatCalc.parse(source, DerivativeTable.LETS);
        for (Layout layout : Layout.values())
            assertThatThrownBy(() -> f.derivative(layout, wrt))
                    .isInstanceOf(UnsupportedDerivative.class)
                    .hasMessageContaining(why.equals("block literal") ? "block literal" : "no matrix form");
    }
}
