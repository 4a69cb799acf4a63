package dev.matcalc.codegen;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Answer;
import dev.matcalc.api.Expression;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import dev.matcalc.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated text itself, and the ways to ask for it: {@code --format} and {@code Request.formats}. */
class CodeFormatsTest {

    private static String cli(int expectedExit, String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).as("exit code of %s", List.of(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void diffPrintsAModuleWithEveryDerivativeAsked() {
        String py = cli(Main.OK, "diff", "x'*A*x", "--wrt", "x", "--wrt", "A", "--format", "numpy");
        assertThat(py).contains("def fAndG(x, A):", "import numpy as np", "return value, (gradient_x, gradient_A)",
                "assert tuple(A.shape) == (n, n)", "n = x.shape[0]");
        assertThat(cli(Main.OK, "diff", "x'*A*x", "--wrt", "x", "--format", "pytorch")).contains("import torch", "device=device");
        assertThat(cli(Main.OK, "diff", "x'*A*x", "--wrt", "x", "--format", "jax")).contains("jax_enable_x64", "jnp.");
        assertThat(cli(Main.OK, "diff", "x'*A*x", "--wrt", "x", "--format", "java"))
                .contains("public static Result fAndG(Map<String, DMatrixRMaj> values)", "CommonOps_DDRM");
    }

    @Test
    void javaRefusesATensorAndUnknownFormatsAreBadInput() {
        assertThat(cli(Main.BAD_INPUT, "diff", "inv(X)", "--wrt", "X", "--format", "java")).contains("needs a matrix form");
        assertThat(cli(Main.BAD_INPUT, "diff", "x'*x", "--format", "fortran")).contains("numpy, pytorch, jax or java");
        assertThat(cli(Main.OK, "diff", "inv(X)", "--wrt", "X", "--format", "numpy")).contains("_fromDifferential(");
    }

    @Test
    void answerPartsCarryCodeOnlyWhenAsked() {
        Request withCode = new Request("x'*A*x", List.of("x"), Map.of(), 1, Layout.NUMERATOR, List.of("text", "numpy", "java"), false, null);
        Answer.Part part = Service.derive(withCode).derivatives().get(0);
        assertThat(part.code()).containsOnlyKeys("numpy", "java");
        assertThat(part.code().get("numpy")).contains("def fAndG(x, A):");
        assertThat(Service.derive(Request.of("x'*A*x", "x")).derivatives().get(0).code()).isNull();
    }

    /** Shared subterms (X*w in the logistic loss and its gradient) are computed once, then reused. */
    @Test
    void sharedSubtermsAreComputedOnce() {
        Expression f = MatCalc.parse("sum(log(1+exp(-y.*(X*w))))");
        String py = CodeGen.generate(f, List.of(f.derivative("w")), Target.NUMPY);
        Matcher m = Pattern.compile("(t\\d+) = X @ w\\n").matcher(py);
        assertThat(m.find()).as(py).isTrue();
        assertThat(py.split("X @ w", -1)).as("X @ w written once").hasSize(2);
        // computed in its stable form (issue 14), documented as written
        assertThat(py).contains("value = np.sum(softplus(-y * " + m.group(1) + "))", "f = sum(log(1 + exp(-y.*(X*w))))");
    }

    /**
     * The layout does not matter: whatever the layout, the gradient by x is a 1-d array, the Jacobian
     * [m, n], computed from the mixed layout's matrix form, which is in that convention (no transpose).
     */
    @Test
    void layoutsAreUndoneToOneConvention() {
        Expression f = MatCalc.parse("x'*A*x");
        for (Layout layout : Layout.values())
            assertThat(CodeGen.generate(f, List.of(f.derivative(layout, "x")), Target.NUMPY)).contains("gradient = (A + A.T) @ x\n");
        Expression g = MatCalc.parse("sin(A*x)");
        String numerator = CodeGen.generate(g, List.of(g.derivative(Layout.NUMERATOR, "x")), Target.NUMPY);
        String denominator = CodeGen.generate(g, List.of(g.derivative(Layout.DENOMINATOR, "x")), Target.NUMPY);
        assertThat(numerator).contains("t0 = A @ x\n", "jacobian = np.diag(np.cos(t0)) @ A\n").doesNotContain(".T\n");
        assertThat(denominator).isEqualTo(numerator);
    }
}
