package dev.matcalc.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --name}, {@code --no-check}, {@code --class}, {@code --package} and {@code --order 2} through the command line. */
class CodeOptionsCliTest {
    @Test
    void optionsShapeTheGeneratedCode() {
        Cli py = Cli.run("diff", "norm2(T - U*V')^2", "--wrt", "U", "--format", "numpy", "--name", "loss", "--no-check");
        assertThat(py.exitCode()).as(py.err()).isZero();
        assertThat(py.out()).contains("def loss(T, U, V):").doesNotContain("checkGradient");
        // Java code names IllegalArgumentException, which Cli.run takes for a stack trace: captured here without that check
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            code = Main.run("diff", "x'*A*x", "--wrt", "x", "--format", "java", "--class", "Quadratic", "--package", "com.example.model");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("package com.example.model;").contains("public final class Quadratic {")
                .contains("public static Result fAndG(DMatrixRMaj x, DMatrixRMaj A)").contains("public static double checkGradient(long seed)");
        Cli newton = Cli.run("diff", "sum(exp(x))", "--wrt", "x", "--order", "2", "--format", "pytorch");
        assertThat(newton.out()).contains("return value, (gradient, hessian)");
    }

    @Test
    void badOptionValuesAreClearErrors() {
        Cli name = Cli.run("diff", "x'*x", "--wrt", "x", "--format", "numpy", "--name", "my-loss");
        assertThat(name.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(name.err()).isEqualTo("matcalc: --name must be an identifier (letters, digits, _), got 'my-loss'\n");
        Cli pkg = Cli.run("diff", "x'*x", "--wrt", "x", "--format", "java", "--package", "com..example");
        assertThat(pkg.err()).contains("--package must be a Java package name");
    }
}
