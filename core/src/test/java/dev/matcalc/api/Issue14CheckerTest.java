package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.bench.ScalingFamilies;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Exprs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.matcalc.api.CheckerTest.withMatrix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 5, in the library: the reference is exact up to rounding (dual numbers), so right
 * answers pass where central differences failed them and wrong ones fail by far smaller margins;
 * points whose numbers are not meaningful are reported as not checked, never as ok.
 */
class Issue14CheckerTest {
    private static final String NESTED_11 = ScalingFamilies.NESTED_DEFINITIONS.source(11);
    private static final String TOWER = "exp(exp(exp(exp(sum(X)))))";

    private static CheckReport check(Expression f, DerivativeResult d, int points, double tolerance) {
        return Checker.check(f, List.of(d), points, 1, tolerance);
    }

    /** The gradient by X written as if A1 and G_Y1 were symmetric: wrong, and FAILED. */
    @Test
    void issue14_aWrongDerivativeOfTheNestedFamilyIsStillFailed() {
        Expression f = MatCalc.parse(NESTED_11, "X:matrix(n,n)");
        DerivativeResult right = f.derivative(Layout.MIXED, "X");
        String text = right.toText();
        assertThat(text).endsWith("\nA1'*X*G_Y1 + A1*X*G_Y1'");
        DerivativeResult wrong = withMatrix(f, right, text.replace("\nA1'*X*G_Y1 + A1*X*G_Y1'", "\n2*A1*X*G_Y1'"));

        assertThat(check(f, right, 5, 1e-6).verdict()).isEqualTo(CheckReport.Verdict.OK);
        CheckReport report = check(f, wrong, 5, 1e-6);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
        assertThat(report.passed()).isFalse();
        assertThat(report.lines()).singleElement().asString().contains("2*A1*X*G_Y1'").endsWith("FAILED");
    }

    /**
     * A chain-rule slip in the exp tower (the factor exp(sum(X)) dropped) fails; so does the right
     * answer off by one part in a billion, at a tolerance of 1e-10, which central differences (off
     * by 3.7e-6 themselves) could never resolve.
     */
    @Test
    void issue14_wrongDerivativesOfTheExpTowerFail() {
        Expression f = MatCalc.parse(TOWER);
        DerivativeResult right = f.derivative(Layout.MIXED, "X");
        assertThat(right.toText()).isEqualTo("t0 = exp(sum(X))\nt1 = exp(t0)\nt2 = exp(t1)\nexp(t2)*t2*t1*t0*matrix(1)");
        assertThat(check(f, right, 5, 1e-10).verdict()).isEqualTo(CheckReport.Verdict.OK);

        DerivativeResult slip = withMatrix(f, right, "t0 = exp(sum(X)); t1 = exp(t0); t2 = exp(t1); exp(t2)*t2*t1*X.^0");
        assertThat(check(f, slip, 5, 1e-6).verdict()).isEqualTo(CheckReport.Verdict.FAILED);

        DerivativeResult offByOnePartInABillion = withMatrix(f, right,
                Exprs.mul(Exprs.num(1 + 1e-9), right.derivative().matrix()));
        CheckReport report = check(f, offByOnePartInABillion, 5, 1e-10);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
        assertThat(report.worstError()).isCloseTo(1e-9, org.assertj.core.data.Percentage.withPercentage(1));
    }

    /** At depth 64 nothing is comparable: the report says so, why, and what to do, and claims no error. */
    @Test
    void issue14_theReportSaysWhyNothingWasChecked() {
        CheckReport report = Checker.check(ScalingFamilies.NESTED_DEFINITIONS.source(64), List.of("X"),
                Map.of("X", "matrix(n,n)"), 1, Layout.MIXED, 5, 1, 1e-6);
        assertThat(report.passed()).isFalse();
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.UNCHECKED);
        assertThat(report.worstError()).isZero();
        assertThat(report.lines()).singleElement().asString()
                .startsWith("d/d(X): Y1 = X'*A1*X; ")
                .containsPattern("\n  could not check at any of the 5 points: of 100 random points drawn, \\d+ overflow"
                        + " beyond ±1\\.8e308 \\(e\\.g\\. at Y\\d+'\\*A\\d+\\*Y\\d+\\)")
                .contains("The values leave the range of doubles", "nothing meaningful to compare",
                        "check a rescaled form of the expression (for instance X/2 in place of X) or a shallower one.")
                .doesNotContain("FAILED").doesNotContain(": ok");
    }

    /** Some points comparable, some not: the errors where compared, and the rest not passed off as ok. */
    @Test
    void issue14_aPartlyCheckedDerivativeIsNotOk() {
        CheckReport report = Checker.check(ScalingFamilies.NESTED_DEFINITIONS.source(13), List.of("X"),
                Map.of("X", "matrix(n,n)"), 1, Layout.MIXED, 10, 1, 1e-6);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.UNCHECKED);
        assertThat(report.lines()).singleElement().asString()
                .containsPattern("\n  max relative error \\S+ over [1-9] points \\(tolerance 1\\.00e-06\\), but could not"
                        + " check at [1-9] of the 10 points: of \\d+ random points drawn, ")
                .doesNotContain("FAILED").doesNotEndWith("ok");
        assertThat(report.worstError()).isPositive().isLessThan(1e-9);
    }

    /**
     * (a + 1e8)^2 - 2e8*a: computing its derivative cancels about 8 digits, so the reference itself
     * is only good to about 1e-7. A tolerance of 1e-6 is confirmed; 1e-9 cannot be, and the check
     * says so instead of passing or failing on noise.
     */
    @Test
    void issue14_aToleranceBeyondTheReferencesAccuracyIsNotChecked() {
        String source = "(a + 1e8)^2 - 2e8*a";
        assertThat(Checker.check(source, List.of("a"), Map.of(), 1, Layout.MIXED, 5, 1, 1e-6).verdict())
                .isEqualTo(CheckReport.Verdict.OK);
        CheckReport tight = Checker.check(source, List.of("a"), Map.of(), 1, Layout.MIXED, 5, 1, 1e-9);
        assertThat(tight.verdict()).isEqualTo(CheckReport.Verdict.UNCHECKED);
        assertThat(tight.lines()).singleElement().asString()
                .containsPattern("have a reference whose own estimated error \\(up to \\d\\.?\\d?e-0[5-8]\\) is above the tolerance 1\\.0e-09")
                .contains("Doubles cannot confirm that tolerance there");
    }

    /** A derivative that is 0 because the function is flat is a comparison of numbers, not an underflow. */
    @Test
    void issue14_aFlatFunctionIsCheckedNotReportedAsUnderflow() {
        CheckReport report = Checker.check("sum(step(x)) + sum(relu(-x.*x))", List.of("x"), Map.of(), 1,
                Layout.MIXED, 5, 1, 1e-6);
        assertThat(report.verdict()).as(String.join("\n", report.lines())).isEqualTo(CheckReport.Verdict.OK);
    }
}
