package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Derivative.Kind;
import dev.matcalc.calculus.Layout;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.testing.NumericCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.matcalc.calculus.Derivative.Kind.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hessians and mixed second derivatives, compared with central differences of the symbolic
 * first differential (an independent path: differences of the function would need a second
 * step and lose half the digits).
 */
class SecondDerivativeTest {
    private static final String[] LETS = {"a:scalar", "x:vector(n)", "y:vector(n)", "z:vector(n)", "t:vector(n)",
            "b:vector(m)", "W:matrix(m,n)", "A:matrix(n,n)", "S:symmetric(n)", "X:matrix(m,n)", "w:vector(n)",
            "l:vector(m)", "Q:matrix(n,n)"};

    record Case(String source, String first, String second, Kind kind) {
        @Override
        public String toString() {
            return "d²(" + source + ")/d" + first + " d" + second;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("x'*A*x", "x", "x", HESSIAN),
            new Case("x'*S*x", "x", "x", HESSIAN),
            new Case("sum(log(1 + exp(-l.*(X*w))))", "w", "w", HESSIAN),       // logistic loss
            new Case("sum(exp(W*x + b))", "x", "x", HESSIAN),
            new Case("sum(exp(W*x + b))", "b", "b", HESSIAN),
            new Case("sum(exp(W*x + b))", "x", "b", SECOND_DERIVATIVE),
            new Case("-t'*log(softmax(x))", "x", "x", HESSIAN),               // softmax cross-entropy
            new Case("x'*A*y", "x", "y", SECOND_DERIVATIVE),
            new Case("x'*A*y", "y", "x", SECOND_DERIVATIVE),
            new Case("x'*S*y", "x", "y", SECOND_DERIVATIVE),
            new Case("norm2(x)", "x", "x", HESSIAN),
            new Case("logsumexp(W*x)", "x", "x", HESSIAN),
            new Case("sum(sigmoid(W*x).^2)", "x", "x", HESSIAN),
            new Case("y'*inv(Q)*z", "y", "z", SECOND_DERIVATIVE),
            new Case("log(a + x'*x)", "a", "x", SECOND_DERIVATIVE),
            new Case("log(a + x'*x)", "x", "a", SECOND_DERIVATIVE),
            new Case("a^3 + sin(a)", "a", "a", SECOND_DERIVATIVE),
            new Case("sum(tanh(a*x))", "a", "a", SECOND_DERIVATIVE),
            new Case("logdet(Q)", "Q", "Q", HESSIAN),                          // by a matrix: a tensor, no matrix form
            new Case("x'*S*x", "S", "x", TENSOR),
            new Case("logdet(S)", "S", "S", HESSIAN),
            new Case("sum(max(x, y).^2) + max(x)*min(x)", "x", "x", HESSIAN),  // max and min: indicators, their powers
            new Case("sum(max(W*x + b, 0).^2)", "x", "x", HESSIAN),              // a squared ReLU layer
            new Case("sum(min(x, a).^3)", "a", "x", SECOND_DERIVATIVE));

    /** An indicator is its own square: the Hessian of a squared max reads ge0(...), not ge0(...).^2. */
    @org.junit.jupiter.api.Test
    void indicatorsAreTheirOwnPowers() {
        DerivativeResult h = MatCalc.parse("sum(max(x, y).^2)", LETS).derivative(Layout.MIXED, "x", "x");
        assertThat(h.toText()).isEqualTo("2*diag(ge0(x - y))");
    }

    static Stream<Arguments> rows() {
        return CASES.stream().flatMap(c -> Stream.of(Layout.values()).map(l -> Arguments.of(c, l)));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("rows")
    void matchesDifferencesOfTheFirstDerivative(Case row, Layout layout) {
        Expression f = MatCalc.parse(row.source(), LETS);
        DerivativeResult d = f.derivative(layout, row.first(), row.second());
        assertThat(d.kind()).as("kind of %s", row).isEqualTo(row.kind());
        SplittableRandom rng = new SplittableRandom(row.toString().hashCode() + 31L * layout.ordinal());
        for (int p = 0; p < 3; p++) {
            NumericCheck.Comparison cmp = NumericCheck.compare(f, d, rng);
            assertThat(cmp.error()).as("%s, %s layout, answer %s\n%s", row, layout, d.toText(), cmp.describe())
                    .isLessThan(1e-6);
            if (row.kind() == HESSIAN && d.derivative().hasMatrixForm()) assertSymmetric(cmp.symbolic());
        }
    }

    /** A Hessian is symmetric (Schwarz), whatever the layout. */
    private static void assertSymmetric(Tensor h) {
        int n = h.shape()[0];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                assertThat(h.get(i, j)).isCloseTo(h.get(j, i), org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(h.get(i, j)))));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("rows")
    void checkerAgrees(Case row, Layout layout) {
        java.util.Map<String, String> lets = new java.util.LinkedHashMap<>();
        for (String let : LETS) lets.put(let.substring(0, let.indexOf(':')), let.substring(let.indexOf(':') + 1));
        CheckReport report = Checker.check(row.source(), List.of(row.first(), row.second()), lets, 2, layout, 3, 7, 1e-6);
        assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
    }
}
