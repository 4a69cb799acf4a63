package dev.matcalc.compile;

import dev.matcalc.MatCalc;
import dev.matcalc.api.CompiledDerivative;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.numeric.RandomPoints;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * X·w, element-wise steps and X'·r fused into one pass over X's rows ({@link RowFusion}) give the
 * numbers of the interpreter, for block counts that do and do not divide the rows, one core's share
 * or several, on the SIMD path and on BLAS calls; groups that are not row-independent stay unfused.
 */
class RowFusionTest {
    private static final String FUSED = "one pass over the rows";

    @AfterEach
    void reset() {
        RowFusion.minEntries(RowFusion.MIN_ENTRIES);
        RowFusion.lanes(true);
        Dense.force(null);
    }

    /** The gradient (and value) of {@code source} by {@code wrt}, compiled and checked against the interpreter. */
    private static CompiledDerivative agrees(String source, String wrt, Map<String, Integer> dims, long seed) {
        Expression f = MatCalc.parse(source);
        DerivativeResult d = f.derivative(wrt);
        CompiledDerivative c = d.compile();
        Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), new SplittableRandom(seed), dims, Map.of()).values();
        for (int run = 0; run < 2; run++) { // a second run reuses every buffer, the cores' shares included
            CompiledDerivative.Evaluation e = c.evaluate(at);
            assertThat(e.derivative().relativeError(d.evaluate(at))).as("%s\n%s", source, c.steps()).isLessThan(1e-12);
            assertThat(e.value().relativeError(f.evaluate(at))).as("%s value", source).isLessThan(1e-12);
        }
        return c;
    }

    @Test
    void lossesOfLinearModelsAreFusedAndAgree() {
        RowFusion.minEntries(1);
        lossesAgree();
    }

    @Test
    void theBlasPathAgreesToo() {
        RowFusion.minEntries(1);
        RowFusion.lanes(false);
        lossesAgree();
    }

    /** Each loss at each size fused (on the path chosen) and against the interpreter. */
    private static void lossesAgree() {
        List<String> losses = List.of("sum(log(1 + exp(-y.*(X*w)))) + 0.5*norm2(w)^2",
                "norm2(X*w - y)^2 + 2*norm2(w)^2", "sum(exp(X*w)) - y'*X*w", "sum(tanh(X*w).^2) + sum(sigmoid(X*w + y))");
        // rows: one block, many blocks with a remainder, fewer rows than cores; columns beyond a block
        // (of either path); rows not a multiple of 4 and columns not of the SIMD width (tails)
        List<Map<String, Integer>> sizes = List.of(Map.of("n", 37, "m", 5), Map.of("n", 4099, "m", 3),
                Map.of("n", 1, "m", 9000), Map.of("n", 3, "m", 20_000), Map.of("n", 3, "m", 40_000),
                Map.of("n", 600, "m", 70), Map.of("n", 1203, "m", 1001),
                // the narrow kernels (a row of at most 8 vectors): a whole number of vectors or not,
                // exactly one vector, exactly eight, an odd number of rows; every row's read of whole
                // vectors past the matrix's end
                Map.of("n", 301, "m", 50), Map.of("n", 99, "m", 8), Map.of("n", 40, "m", 16), Map.of("n", 513, "m", 64),
                Map.of("n", 77, "m", 63), Map.of("n", 3, "m", 9), Map.of("n", 2, "m", 20), Map.of("n", 5, "m", 33));
        for (String loss : losses)
            for (Map<String, Integer> dims : sizes) {
                CompiledDerivative c = agrees(loss, "w", dims, loss.length() + dims.get("n"));
                if (dims.get("n") > 1) assertThat(c.steps()).as("%s %s", loss, dims).anyMatch(s -> s.startsWith(FUSED));
            }
    }

    @Test
    void theFusedPassGivesTheSameBitsInterpretedAndCompiled() {
        // the lanes are summed in a fixed order, so that a solve gives the same answer before the JIT
        // has compiled the kernels and after (thousands of runs: the kernels' loops get compiled)
        RowFusion.minEntries(1);
        for (Map<String, Integer> dims : List.of(Map.of("n", 203, "m", 50), Map.of("n", 61, "m", 300))) {
            Expression f = MatCalc.parse("sum(log(1 + exp(-y.*(X*w))))");
            CompiledDerivative c = f.derivative("w").compile();
            Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), new SplittableRandom(11), dims, Map.of()).values();
            double[] first = c.evaluate(at).derivative().data().clone();
            assertThat(c.steps()).anyMatch(s -> s.startsWith(FUSED));
            for (int run = 0; run < 4000; run++)
                assertThat(c.evaluate(at).derivative().data()).as("%s run %d", dims, run).containsExactly(first);
        }
    }

    @Test
    void theFusedPassTakesThePureJavaBlasToo() {
        RowFusion.minEntries(1);
        RowFusion.lanes(false);
        Dense.force(true);
        CompiledDerivative c = agrees("sum(log(1 + exp(-y.*(X*w))))", "w", Map.of("n", 301, "m", 40), 3);
        assertThat(c.steps()).anyMatch(s -> s.startsWith(FUSED));
    }

    @Test
    void aStepThatReadsEveryRowKeepsTheProductsApart() {
        RowFusion.minEntries(1);
        // the gradient of log(sum(exp(X*w))) divides by the sum over all rows: rows are not independent
        CompiledDerivative c = agrees("log(sum(exp(X*w)))", "w", Map.of("n", 50, "m", 7), 4);
        assertThat(c.steps()).noneMatch(s -> s.startsWith(FUSED));
    }

    @Test
    void smallMatricesStayUnfused() {
        CompiledDerivative c = agrees("sum(log(1 + exp(-y.*(X*w))))", "w", Map.of("n", 200, "m", 20), 5);
        assertThat(c.steps()).noneMatch(s -> s.startsWith(FUSED));
    }

    @Test
    void aSparkBlockIsFusedByDefault() {
        // a table's block (4,096 rows × 50, 1.6 MB) is past a core's L2: fused, X is read once
        CompiledDerivative c = agrees("mean(log(1 + exp(-y.*(X*w))))", "w", Map.of("n", dev.matcalc.problem.rows.RowBlock.DEFAULT_ROWS, "m", 50), 7);
        assertThat(c.steps()).anyMatch(s -> s.startsWith(FUSED));
    }

    @Test
    void largeOnesAreFusedByDefault() {
        CompiledDerivative c = agrees("sum(log(1 + exp(-y.*(X*w))))", "w", Map.of("n", 3000, "m", 100), 6);
        assertThat(c.steps()).anyMatch(s -> s.startsWith(FUSED));
    }
}
