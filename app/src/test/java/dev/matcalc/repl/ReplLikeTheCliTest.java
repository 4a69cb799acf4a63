package dev.matcalc.repl;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REPL does what the CLI does: code formats, the variables' shapes, the vec and index forms
 * of tensors, confirmations of settings, history and clear as commands, completion by context.
 * Driven through {@code matcalc repl} with piped input, and its completion directly.
 */
class ReplLikeTheCliTest {
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

    private static String ok(String... lines) {
        Piped p = piped(lines);
        assertThat(p.exitCode()).as(p.out()).isZero();
        assertThat(p.out()).doesNotContain("error:");
        return p.out();
    }

    @Test
    void formatNumpyPytorchJaxAndJavaPrintTheCliCode() {
        String numpy = ok("let A: symmetric(n)", "format numpy", "x'*A*x wrt x");
        assertThat(numpy).contains("format numpy: answers are code computing f and its derivatives")
                .contains("def fAndG(x, A):").contains("gradient = 2.0 * (A @ x)").doesNotContain("checkGradient");
        assertThat(ok("format pytorch", "sum(exp(x))")).contains("import torch").contains("def fAndG(x):");
        assertThat(ok("format jax", "sum(exp(x))")).contains("import jax.numpy as jnp");
        assertThat(ok("format java", "sum(exp(x))")).contains("public static").contains("DMatrixRMaj");
    }

    @Test
    void eachAnswerEndsWithTheVariablesShapes() {
        String out = ok("let A: symmetric(n)", "x'*A*x wrt x");
        assertThat(out).contains("variables: x vector(n) (inferred), A symmetric(n) (declared)\n");
    }

    @Test
    void tensorsShowTheirVecAndIndexFormsAsTheCliDoes() {
        String out = ok("A*X*B wrt X");
        assertThat(out).contains("  = A·dX·B")
                .contains("  vec form: Bᵀ ⊗ A   (d vec(F)/d vec(X)', vec stacking columns")
                .contains("  index form: T[i,j,k,l] = A[i,k]·B[l,j]   (repeated indices summed)");
        assertThat(ok("format text", "A*X*B wrt X")).contains("  vec form: kron(B', A)");
        assertThat(ok("order 2", "norm2(T - U*V')^2 wrt U")).contains("d(∂f/∂U)").contains("index form: T[i,j,k,l] = 2·δ(i,k)");
    }

    @Test
    void settingsAreConfirmed() {
        assertThat(ok("layout mixed", "order 2", "steps on", "steps off", "format text")).isEqualTo("""
                layout mixed
                order 2: Hessians and second derivatives
                steps on: derivations are shown step by step
                steps off
                format text
                """);
    }

    @Test
    void historyAndClearAreCommandsNotVariables() {
        String out = ok("sum(x)", "layout mixed", "history", "clear", "history 1");
        assertThat(out).contains("    1  sum(x)\n    2  layout mixed\n    3  history\n")
                .contains("    5  history 1\n").doesNotContain("w.r.t. history").doesNotContain("w.r.t. clear");
        assertThat(piped("history two").out()).contains("error: history takes a number of lines to show, got 'two'");
    }

    @Test
    void onATerminalHistoryAndClearUseIt() {
        StringWriter out = new StringWriter();
        Repl repl = new Repl(new PrintWriter(out));
        List<String> cleared = new ArrayList<>();
        repl.onTerminal(() -> List.of("from an earlier run", "history"), () -> cleared.add("cleared"));
        repl.execute("history");
        repl.execute("clear");
        assertThat(out.toString()).isEqualTo("    1  from an earlier run\n    2  history\n");
        assertThat(cleared).containsExactly("cleared");
    }

    @Test
    void shapesWithBlockDimensionsAreParenthesized() {
        String stacked = ok("let b: scalar", "relu(w'*x + b) wrt w wrt b");
        assertThat(stacked).contains("stacked gradient w.r.t. (w, b), numerator layout: 1×(n+1)");
        assertThat(piped("x'*[x; y] wrt x").out()).contains("[x; y] ((n+m)×1)");
    }

    @Test
    void completionFollowsTheContext() {
        Repl repl = new Repl(new PrintWriter(new StringWriter()));
        assertThat(repl.complete("layout ")).containsExactly("numerator", "denominator", "mixed");
        assertThat(repl.complete("layout m")).containsExactly("mixed");
        assertThat(repl.complete("format ")).containsExactly("text", "pretty", "latex", "json", "numpy", "pytorch", "jax", "java");
        assertThat(repl.complete("format py")).containsExactly("pytorch");
        assertThat(repl.complete("order ")).containsExactly("1", "2", "3", "4");
        assertThat(repl.complete("steps ")).containsExactly("on", "off");
        assertThat(repl.complete("let A: ")).containsExactly("scalar", "vector(", "matrix(", "symmetric(", "none");
        assertThat(repl.complete("let A: sy")).containsExactly("symmetric(");
        assertThat(repl.complete("hi")).containsExactly("history");
        assertThat(repl.complete("")).contains("layout", "format", "history", "clear", "sum", "logdet").doesNotContain("numerator");
        assertThat(repl.complete("sum(lo")).containsExactly("log", "logdet", "logsumexp");
        assertThat(repl.complete("sum(x) ")).contains("wrt");
        assertThat(repl.complete("settings ")).isEmpty();
        repl.execute("sum(weights .* x)");
        assertThat(repl.complete("sum(weights .* x) wrt ")).containsExactlyInAnyOrder("weights", "x");
        assertThat(repl.complete("let ")).containsExactlyInAnyOrder("weights", "x");
    }
}
