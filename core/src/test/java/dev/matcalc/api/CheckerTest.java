package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The user-facing checker passes on correct derivatives and fails when its tolerance cannot be met. */
class CheckerTest {
    static Map<String, String> lets() {
        Map<String, String> lets = new LinkedHashMap<>();
        for (String let : DerivativeTable.LETS) lets.put(let.substring(0, let.indexOf(':')), let.substring(let.indexOf(':') + 1));
        return lets;
    }

    /** Every table row, the layouts taken in turn (the table test covers each row in each layout). */
    static Stream<Arguments> rows() {
        List<DerivativeTable.Case> all = DerivativeTable.all();
        return IntStream.range(0, all.size()).mapToObj(i -> Arguments.of(all.get(i), Layout.values()[i % 3]));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("rows")
    void passesOnTheTable(DerivativeTable.Case row, Layout layout) {
        CheckReport report = Checker.check(row.source(), List.of(row.wrt()), lets(), 1, layout, 3, 11, 1e-6);
        assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
        assertThat(report.worstError()).isLessThanOrEqualTo(1e-6);
        assertThat(report.lines()).singleElement().asString().contains("d/d(" + row.wrt() + ")").endsWith("ok");
    }

    /**
     * The reference is exact up to rounding, so a tolerance of 0 cannot be confirmed either way: the
     * check says so (not checked, exit 1), rather than FAILED on a right answer or ok on no evidence.
     */
    @Test
    void aToleranceBelowRoundingCannotBeConfirmed() {
        CheckReport report = Checker.check("sum(exp(W*x + b))", List.of("x"), lets(), 1, Layout.MIXED, 3, 1, 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.UNCHECKED);
        assertThat(report.lines()).singleElement().asString()
                .doesNotContain("FAILED").doesNotEndWith("ok")
                .contains("could not check at any of the 3 points", "above the tolerance 0", "raise it");
    }

    /** A wrong answer among several variables fails the report, and only its own line says FAILED. */
    @Test
    void failsOnOneOfSeveralVariables() {
        Expression f = MatCalc.parse("sin(x'*A*y)");
        List<DerivativeResult> partials = Service.derivatives(f, List.of("x", "A", "y"), 1, Layout.MIXED);
        assertThat(partials.get(1).toText()).isEqualTo("cos(x'*A*y)*x*y'");
        DerivativeResult wrong = withMatrix(f, partials.get(1), "x*y'");        // the chain rule forgotten
        CheckReport report = Checker.check(f, List.of(partials.get(0), wrong, partials.get(2)), 2, 3, 1e-6);
        assertThat(report.passed()).isFalse();
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
        assertThat(report.lines()).hasSize(3);
        assertThat(report.lines().get(0)).endsWith("ok");
        assertThat(report.lines().get(1)).startsWith("d/d(A): x*y'").endsWith("FAILED");
        assertThat(report.lines().get(2)).endsWith("ok");
    }

    /** The Hessian of x'*A*x written as 2*A, right only for a symmetric A, fails for a general one. */
    @Test
    void secondOrderFailsLikewise() {
        Expression f = MatCalc.parse("x'*A*x");
        DerivativeResult hessian = f.derivative(Layout.MIXED, "x", "x");
        assertThat(Checker.check(f, List.of(hessian), 2, 5, 1e-6).passed()).isTrue();
        CheckReport report = Checker.check(f, List.of(withMatrix(f, hessian, "2*A")), 2, 5, 1e-6);
        assertThat(report.verdict()).isEqualTo(CheckReport.Verdict.FAILED);
        assertThat(report.worstError()).isGreaterThan(1e-2);
        assertThat(report.lines()).singleElement().asString().startsWith("d/d(x, x): 2*A").endsWith("FAILED");
    }

    /** {@code result} with its matrix form replaced by {@code text} (parsed with f's variables). */
    static DerivativeResult withMatrix(Expression f, DerivativeResult result, String text) {
        String[] lets = f.variables().stream().map(v -> v.name() + ":" + declaration(v)).toArray(String[]::new);
        return withMatrix(f, result, MatCalc.parse(text, lets).expr());
    }

    static DerivativeResult withMatrix(Expression f, DerivativeResult result, dev.matcalc.expr.Expr matrix) {
        Derivative d = result.derivative();
        return new DerivativeResult(f, new Derivative(d.function(), d.wrt(), d.layout(), d.kind(), matrix, d.base(),
                d.differential(), d.directions()));
    }

    private static String declaration(dev.matcalc.expr.Var v) {
        var s = v.shape();
        if (s.isScalar()) return "scalar";
        if (s.cols().isOne()) return "vector(" + s.rows() + ")";
        return (v.kind() == dev.matcalc.expr.Var.Kind.SYMMETRIC ? "symmetric(" + s.rows() : "matrix(" + s.rows() + "," + s.cols()) + ")";
    }

    @Test
    void aMixedDerivativeNeedsAsManyVariablesAsItsOrder() {
        assertThatThrownBy(() -> Checker.check("x'*A*y", List.of("x", "y", "A"), Map.of(), 2, Layout.MIXED, 1, 1, 1e-6))
                .isInstanceOf(SourceError.class).hasMessageContaining("order 2");
    }
}
