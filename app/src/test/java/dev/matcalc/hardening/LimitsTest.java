package dev.matcalc.hardening;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.api.Limits;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each limit of {@link Limits} ends in a clear error, quickly, with no large allocation first. */
class LimitsTest {
    @TempDir
    Path dir;

    /** t1 = sin(t0)*t0, t2 = sin(t1)*t1, ...: a short text standing for a tree of about 2^k nodes. */
    static String doubling(int k) {
        StringBuilder sb = new StringBuilder("t0 = x'*x; ");
        for (int i = 1; i <= k; i++) sb.append("t").append(i).append(" = sin(t").append(i - 1).append(")*t").append(i - 1).append("; ");
        return sb.append("t").append(k).toString();
    }

    @Test
    @Timeout(20)
    void aDoublingChainOfDefinitionsDerivesInBoundedTime() {
        // a tree of 2^60 nodes: named subexpressions (Ref) keep derivation and rendering linear
        String text = Service.derive(Request.of(doubling(60), "x")).derivatives().get(0).text();
        assertThat(text.length()).isLessThan(100_000);
    }

    @Test
    @Timeout(20)
    void anExpressionWithTooManyNodesIsTooLarge() {
        String many = "sum(x)+".repeat(12_000) + "sum(x)";
        assertThatThrownBy(() -> MatCalc.parse(many, "x:vector(n)"))
                .isInstanceOfSatisfying(SourceError.class, e -> assertThat(e.span()).isNotNull())
                .hasMessageContaining("expression too large");
    }

    /** A chain of 600 factors by A: the differential's own budget refuses it before it is built. */
    @Test
    @Timeout(30)
    void aDerivativeTooLargeToWriteOutIsRejectedBeforeRendering() {
        // the derivative of a chain of k factors has about k² nodes written out
        Expression f = MatCalc.parse("x'*" + "A*".repeat(600) + "x", "x:vector(n)", "A:matrix(n,n)");
        assertThatThrownBy(() -> f.derivative(Layout.NUMERATOR, "A")).hasMessageContaining("derivative too large");
    }

    @Test
    @Timeout(30)
    void aThousandNestedOperationsDeriveInBoundedTime() {
        // 1,000 nested operations through definitions (the parser's nesting limit stops 1,000 parentheses)
        StringBuilder sb = new StringBuilder("t0 = x; ");
        for (int i = 1; i <= 1000; i++) sb.append("t").append(i).append(" = ").append(i % 2 == 0 ? "sin(t" + (i - 1) + ")" : "A*t" + (i - 1)).append("; ");
        sb.append("sum(t1000)");
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = Service.derive(Request.of(sb.toString(), "x")).derivatives().get(0).text();
        } catch (SourceError e) {
            outcome = e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("1,000 nested operations: %.2f s, %s%n", seconds, outcome.length() > 80 ? outcome.length() + " characters" : outcome);
        assertThat(seconds).isLessThan(20);
        // 1,000 nested parentheses stop at the parser's nesting limit, with a clear message
        assertThatThrownBy(() -> Service.derive(Request.of("(".repeat(1000) + "x" + ")".repeat(1000), "x")))
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void orderAboveTheLimitIsRejectedByTheApiTheServiceAndTheCli() {
        Expression f = MatCalc.parse("x'*x", "x:vector(n)");
        assertThatThrownBy(() -> f.derivative(Layout.NUMERATOR, "x", 5)).hasMessageContaining("order up to 4");
        Cli r = Cli.run("diff", "x'*x", "--wrt", "x", "--order", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output()).contains("derivatives of order up to 4 are supported, got order 5");
        assertThat(Cli.run("check", "x'*x", "--wrt", "x", "--order", "9").output()).contains("order up to 4");
    }

    @Test
    void aValueWithTooManyEntriesIsRejected() {
        Expression f = MatCalc.parse("sum(x)", "x:vector(n)");
        DMatrixRMaj huge = new DMatrixRMaj((int) Limits.MAX_TENSOR_ENTRIES + 1, 1);
        assertThatThrownBy(() -> f.evaluate(Map.of("x", huge))).hasMessageContaining("more than the limit of 10000000");
    }

    @Test
    void aDerivativeTensorTooLargeIsRejectedBeforeItIsAllocated() throws Exception {
        // the Hessian of a function of a 100×100 matrix has 10^8 entries: 800 MB
        String values = Cli.values(dir, "{\"A\": " + java.util.Arrays.deepToString(new int[100][100]) + "}");
        Cli r = Cli.run("diff", "sum(A.^3)", "--wrt", "A", "--order", "2", "--at", values);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output()).contains("the derivative at this point would have 100000000 entries");
    }

    @Test
    void anInputTooLongIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> MatCalc.parse("x+".repeat(Limits.MAX_SOURCE_LENGTH) + "x"))
                .isInstanceOfSatisfying(SourceError.class, e -> assertThat(e.span()).isNotNull())
                .hasMessageContaining("input too long");
    }
}
