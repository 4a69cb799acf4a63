package dev.matcalc.api;

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
     * Central differences of exp carry a truncation error of order h², never exactly zero, so
     * a tolerance of 0 cannot be met: the check must say FAILED rather than round it away.
     */
    @Test
    void failsWhenTheToleranceIsBelowTheDifferencesError() {
        CheckReport report = Checker.check("sum(exp(W*x + b))", List.of("x"), lets(), 1, Layout.MIXED, 3, 1, 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.worstError()).isPositive().isLessThan(1e-6);
        assertThat(report.lines()).singleElement().asString().endsWith("FAILED");
    }

    @Test
    void failsOnOneOfSeveralVariables() {
        CheckReport report = Checker.check("sin(x'*A*y)", List.of(), Map.of(), 1, Layout.NUMERATOR, 2, 3, 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.lines()).hasSize(3);           // x, A, y: every variable when none is named
    }

    @Test
    void secondOrderFailsLikewise() {
        CheckReport report = Checker.check("sum(log(1 + exp(-l.*(X*w))))", List.of("w"),
                Map.of("X", "matrix(m,n)", "l", "vector(m)", "w", "vector(n)"), 2, Layout.MIXED, 2, 5, 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.worstError()).isPositive().isLessThan(1e-6);
    }

    @Test
    void aMixedDerivativeNeedsAsManyVariablesAsItsOrder() {
        assertThatThrownBy(() -> Checker.check("x'*A*y", List.of("x", "y", "A"), Map.of(), 2, Layout.MIXED, 1, 1, 1e-6))
                .isInstanceOf(SourceError.class).hasMessageContaining("order 2");
    }
}
