package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check at a point the caller gives: the page's "evaluate at a point". */
class PointCheckAtTest {
    static final Map<String, Object> POINT = Map.of("x", List.of(1, 2), "A", List.of(List.of(1, 2), List.of(3, 4)));

    @Test
    void aRightDerivativePassesAtThePointGiven() {
        CheckReport report = PointCheckAt.check("x'*A*x", List.of("x"), Map.of(), 1, Layout.NUMERATOR, POINT, 1e-6);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.OK);
        assertThat(report.passed()).isTrue();
        assertThat(report.points()).isEqualTo(1);
        assertThat(report.worstError()).isLessThan(1e-12);
        assertThat(report.lines()).singleElement().asString()
                .isEqualTo("d/d(x): x'*(A + A')\n  relative error 0.00 at the point (tolerance 1.00e-06): ok");
    }

    /** The Hessian 2*A is right only for a symmetric A: at this non-symmetric one it fails. */
    @Test
    void aWrongDerivativeFailsAtThePoint() {
        Expression f = MatCalc.parse("x'*A*x");
        DerivativeResult wrong = CheckerTest.withMatrix(f, f.derivative(Layout.MIXED, "x", "x"), "2*A");
        Map<String, DMatrixRMaj> values = Map.of("x", new DMatrixRMaj(new double[][]{{1}, {2}}),
                "A", new DMatrixRMaj(new double[][]{{1, 2}, {3, 4}}));
        CheckReport report = PointCheckAt.check(f, List.of(wrong), values, 1e-6);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
        assertThat(report.worstError()).isGreaterThan(0.1);      // 2A vs A + A': off by |2 - 3| / 6 in the corner
        assertThat(report.lines()).singleElement().asString().startsWith("d/d(x, x): 2*A").endsWith("FAILED");
        Map<String, DMatrixRMaj> symmetric = Map.of("x", values.get("x"), "A", new DMatrixRMaj(new double[][]{{1, 2}, {2, 4}}));
        assertThat(PointCheckAt.check(f, List.of(wrong), symmetric, 1e-6).passed()).as("right where A is symmetric").isTrue();
    }

    @Test
    void whereTheExpressionIsUndefinedItSaysSoAndClaimsNothing() {
        CheckReport report = PointCheckAt.check("sum(log(x))", List.of("x"), Map.of(), 1, Layout.NUMERATOR,
                Map.of("x", List.of(-1, 2)), 1e-6);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.UNCHECKED);
        assertThat(report.passed()).isFalse();
        assertThat(report.lines().get(0)).contains("could not check at the point: the expression is undefined there");
    }

    @Test
    void valuesOfTheWrongShapeAreAnErrorNamingTheVariable() {
        assertThatThrownBy(() -> PointCheckAt.check("x'*A*x", List.of("x"), Map.of(), 1, Layout.NUMERATOR,
                Map.of("x", List.of(1, 2, 3), "A", List.of(List.of(1, 2), List.of(3, 4))), 1e-6))
                .isInstanceOf(SourceError.class).hasMessageContaining("x");
    }
}
