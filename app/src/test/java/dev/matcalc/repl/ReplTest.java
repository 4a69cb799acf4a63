package dev.matcalc.repl;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The REPL driven through its input: commands, answers, errors, completion, history. */
class ReplTest {
    static String session(String... lines) throws Exception {
        StringWriter out = new StringWriter();
        Repl.run(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), new PrintWriter(out));
        return out.toString();
    }

    @Test
    void letDiffAndFormats() throws Exception {
        String out = session("let A: symmetric(n)", "diff x'*A*x wrt x", "format text", "x'*A*x wrt x",
                "format latex", "layout mixed", "x'*A*x wrt x", "format json", "sum(x)");
        assertThat(out).contains("A: symmetric(n)")
                .contains("= 2xᵀA")                 // pretty, numerator layout
                .contains("  2*x'*A")                // text
                .contains("  2 A x")                 // latex, mixed layout: a column
                .contains("\"derivatives\"");
    }

    @Test
    void aBareExpressionNeedsASingleVariableOrSaysWhichToChoose() throws Exception {
        assertThat(session("sum(exp(x))")).contains("= exp(x)ᵀ");
        assertThat(session("x'*A*y")).contains("error: the expression has variables x, A, y: say which, e.g. diff x'*A*y wrt x");
        assertThat(session("x'*A*y wrt x wrt y", "format text")).contains("w.r.t. x").contains("w.r.t. y");
    }

    @Test
    void badInputIsReportedWithACaretNeverAStackTrace() throws Exception {
        String out = session("A*x +", "foo bar", "let A matrix", "format html", "order 0", "layout up", "at [1", "diff", "x");
        assertThat(out).contains("error: 1:6: expected an expression after '+'\n  A*x +\n       ^")
                .contains("error: 1:5: unexpected 'bar'")
                .contains("expected let NAME: SHAPE")
                .contains("format takes one of text, pretty, latex, json, numpy, pytorch, jax, java, got 'html'")
                .contains("order takes a whole number from 1 to 4, got '0'")
                .contains("unknown layout 'up'")
                .contains("at: invalid JSON")
                .contains("expected diff EXPR wrt VAR")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).as("the session goes on after errors").contains("w.r.t. x");
    }

    @Test
    void stepsOrderAndPoint() throws Exception {
        String out = session("steps on", "order 2", "sum(exp(x))", "order 1", "sum(exp(x))", "steps off",
                "at {\"x\": [1, 2]}", "sum(x.^2)");
        assertThat(out).contains("Hessian").contains("= diag(exp(x))");
        assertThat(out).contains("(steps are shown for first derivatives)");
        assertThat(out).contains("1. Intermediate variables").contains("3. Chain rule:");
        assertThat(out).contains("at the point, shape [2]: [2.0,4.0]").contains("value at the point: 5.0");
    }

    @Test
    void quitEndsTheSessionAndLaterLinesAreNotRun() throws Exception {
        StringWriter out = new StringWriter();
        Repl repl = new Repl(new PrintWriter(out));
        assertThat(repl.execute("help")).isTrue();
        assertThat(repl.execute("quit")).isFalse();
        assertThat(session("quit", "sum(x)")).doesNotContain("gradient");
        assertThat(out.toString()).contains("diff EXPR wrt x");
    }

    @Test
    void completionOffersFunctionsCommandsAndVariablesSeen() {
        Repl repl = new Repl(new PrintWriter(new StringWriter()));
        assertThat(repl.complete("")).contains("logdet", "softmax", "sigmoid", "eye", "vector", "matrix", "diff", "steps")
                .doesNotContain("weights");
        repl.execute("sum(weights .* x)");
        assertThat(repl.complete("")).contains("weights", "x");
        assertThat(repl.complete("sum(w")).containsExactly("weights");
    }

    @Test
    void theTerminalSessionKeepsHistoryAcrossRuns(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("state/matcalc/history");
        String first = terminalSession(history, "let A: symmetric(n)\ndiff x'*A*x wrt x\n");
        assertThat(first).contains("2xᵀA");
        assertThat(Files.readString(history)).contains("let A: symmetric(n)").contains("diff x'*A*x wrt x");
        terminalSession(history, "sum(exp(x))\nquit\n");
        assertThat(Files.readAllLines(history)).hasSize(4).last().asString().endsWith("quit");
    }

    private static String terminalSession(Path history, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).type("dumb")
                .streams(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out)
                .encoding(StandardCharsets.UTF_8).build()) {
            TerminalRepl.run(terminal, history);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void completionWordIsTheIdentifierBeforeTheCursor() {
        var parsed = new TerminalRepl.ExpressionParser().parse("diff x'*log", 11, null);
        assertThat(parsed.word()).isEqualTo("log");
        assertThat(parsed.wordCursor()).isEqualTo(3);
    }

    /** Issue 14: the REPL's point goes through the library's check, and the session goes on. */
    @Test
    void symmetricVariableRejectsNonSymmetricValue_issue14() throws Exception {
        String out = session("let A: symmetric(n)", "format text", "at {\"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}", "x'*A*x wrt x",
                "at {\"x\": [1, 2], \"A\": [[1, 2], [2, 4]]}", "x'*A*x wrt x");
        assertThat(out).contains("error: A is declared symmetric(n) but its value is not symmetric: A[2,1] = 3 but A[1,2] = 2")
                .contains("[10.0,20.0]").doesNotContain("[14.0,20.0]").doesNotContain("Exception");
    }

    /** {@code matcalc repl} run as {@code echo ... | matcalc repl} is: through the command line, stdin a pipe. */
    private record Piped(int exitCode, String out) { }

    private static Piped piped(String... lines) {
        java.io.InputStream oldIn = System.in;
        java.io.PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            int code = dev.matcalc.cli.Main.run("repl");
            return new Piped(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
        }
    }

    @Test
    void replExitStatus_pipedInputWithAFailedLineExitsTwo_issue14() {
        Piped failed = piped("x+* y");
        assertThat(failed.out()).contains("error: 1:3: expected an expression after '+'");
        assertThat(failed.exitCode()).isEqualTo(dev.matcalc.cli.Main.BAD_INPUT);
        // the session goes on after the error, and still says at the end that a line failed
        Piped later = piped("x+* y", "sum(exp(x))", "quit");
        assertThat(later.out()).contains("= exp(x)ᵀ");
        assertThat(later.exitCode()).isEqualTo(dev.matcalc.cli.Main.BAD_INPUT);
        assertThat(piped("format html").exitCode()).as("a bad command fails too").isEqualTo(dev.matcalc.cli.Main.BAD_INPUT);

        Piped ok = piped("# a comment", "", "let A: symmetric(n)", "diff x'*A*x wrt x", "quit");
        assertThat(ok.out()).contains("= 2xᵀA");
        assertThat(ok.exitCode()).isEqualTo(dev.matcalc.cli.Main.OK);
    }

    @Test
    void replOutcome_countsFailedLines_issue14() throws Exception {
        Repl.Outcome outcome = Repl.run(new BufferedReader(new StringReader("sum(x)\nfoo bar\norder 9\nsum(x)\n")),
                new PrintWriter(new StringWriter()));
        assertThat(outcome).isEqualTo(new Repl.Outcome(2, 0));
    }

    @Test
    void constantRule_inTheRepl_issue14() throws Exception {
        assertThat(session("let x: scalar", "format text", "99 wrt x"))
                .contains("x does not occur in the expression: the derivative by x is zero").contains("  0");
        assertThat(session("99 wrt x")).contains("error: 'x' does not occur in the expression");
    }
}
