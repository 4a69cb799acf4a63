package dev.matcalc.hardening;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.testing.RandomExpressions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-picked hostile inputs, each through the parser and typer, the service and the CLI: deep
 * nesting far past the limit, inputs of 10 MB, overflowing and huge numbers, unicode look-alikes,
 * control and bidirectional characters. Each must end in a result or a positioned error, quickly.
 */
class AdversarialInputTest {
    private static final long TIMEOUT_MS = 20_000;

    record Case(String name, String source) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> inputs() {
        return List.of(
                new Case("10^5 nested parentheses", "(".repeat(100_000) + "x" + ")".repeat(100_000)),
                new Case("40,000 nested parentheses (under the length limit)", "(".repeat(40_000) + "x" + ")".repeat(40_000)),
                new Case("10^5 unclosed parentheses", "(".repeat(100_000)),
                new Case("10^5 closing parentheses", ")".repeat(100_000)),
                new Case("nested calls", "sin(".repeat(30_000) + "x" + ")".repeat(30_000)),
                new Case("nested brackets", "[".repeat(30_000) + "x" + "]".repeat(30_000)),
                new Case("a chain of 30,000 transposes", "x" + "'".repeat(30_000)),
                new Case("a chain of 30,000 minus signs", "-".repeat(30_000) + "x"),
                new Case("a 10 MB sum", "x+".repeat(5_000_000) + "x"),
                new Case("a 10 MB number", "9".repeat(10_000_000)),
                new Case("a 10 MB name", "x".repeat(10_000_000)),
                new Case("1e999", "1e999"),
                new Case("1e999 times x", "1e999*x"),
                new Case("-1e999 in a sum", "sum(x) - 1e999"),
                new Case("1e-999", "1e-999*x'*x"),
                new Case("a 400-digit number", "9".repeat(400) + "*x'*x"),
                new Case("a huge exponent", "x.^1e308"),
                new Case("an overflowing power", "(x'*x)^1e300"),
                new Case("exponent without digits", "1e+*x"),
                new Case("NaN as a name", "NaN*x"),
                new Case("Infinity as a name", "Infinity*x"),
                new Case("unicode prime", "x′*x"),
                new Case("greek names", "α*x'*x + β"),
                new Case("mathematical italic x", "\uD835\uDC65'*x"),
                new Case("a lone surrogate", "x\uD800*x"),
                new Case("a NUL byte", "x\u0000*x"),
                new Case("a right-to-left override", "x'\u202E*x"),
                new Case("a byte order mark", "\uFEFFx'*x"),
                new Case("an emoji", "x'*😀"),
                new Case("only whitespace", " \t\n\r "),
                new Case("empty", ""),
                new Case("a huge matrix size", "sum(x)"),
                new Case("a definition chain", "t0 = x; " + "t0 = t0 + t0; ".repeat(200) + "sum(t0)"),
                new Case("a doubling DAG", doubling(60)));
    }

    /** t1 = t0*t0, t2 = t1*t1, ...: a small text whose tree is 2^k nodes (a DAG of k). */
    private static String doubling(int k) {
        StringBuilder sb = new StringBuilder("t0 = x'*x; ");
        for (int i = 1; i <= k; i++) sb.append("t").append(i).append(" = sin(t").append(i - 1).append(")*t").append(i - 1).append("; ");
        return sb.append("t").append(k).toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void parserAndTyperGiveAResultOrAPositionedError(Case c) {
        try (Outcomes outcomes = new Outcomes(TIMEOUT_MS)) {
            Outcomes.Outcome o = outcomes.run(() -> MatCalc.parse(c.source(), RandomExpressions.LETS));
            assertThat(o.problem()).as(c.name()).isNull();
            if (o.error() != null) assertThat(o.error().span()).as("position of: %s", o.error().getMessage()).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void serviceGivesAnAnswerOrAnError(Case c) {
        try (Outcomes outcomes = new Outcomes(TIMEOUT_MS)) {
            Outcomes.Outcome o = outcomes.run(() -> Service.derive(Request.of(c.source(), "x")));
            assertThat(o.problem()).as(c.name()).isNull();
            if (o.error() != null) assertThat(o.error().getMessage()).as(c.name()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void cliExitsWithAResultOrAnError(Case c) {
        try (Outcomes outcomes = new Outcomes(TIMEOUT_MS)) {
            String[] problem = new String[1];
            Outcomes.Outcome o = outcomes.run(() -> problem[0] = MalformedInputFuzzTest.cliProblem(
                    new String[]{"diff", c.source(), "--wrt", "x", "--format", "json"}));
            assertThat(o.problem()).as(c.name()).isNull();
            assertThat(problem[0]).as(c.name()).isNull();
        }
    }
}
