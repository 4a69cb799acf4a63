package dev.matcalc.compile;

import dev.matcalc.MatCalc;
import dev.matcalc.api.CompiledDerivative;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan's matrix-vector paths: products ending in a vector distributed over a sum factor (no n×n
 * sum formed), row-vector products shared with their column, sums with transposed terms read tile by
 * tile, results handed to the caller. Numbers are the reference evaluator's on both product paths.
 */
class VectorProductPathsTest {
    @AfterEach
    void reset() {
        Dense.force(null);
    }

    private static Map<String, DMatrixRMaj> point(Expression f, Map<String, Integer> dims, long seed) {
        return RandomPoints.draw(f.expr(), new SplittableRandom(seed), dims, Map.of()).values();
    }

    private static CompiledDerivative agrees(DerivativeResult d, Map<String, DMatrixRMaj> at) {
        CompiledDerivative c = d.compile();
        Tensor expected = d.evaluate(at);
        assertThat(c.evaluate(at).derivative().relativeError(expected)).as("%s", c.steps()).isLessThan(1e-10);
        return c;
    }

    /** Whether a step makes an n×n matrix (both sides larger than one). */
    private static boolean square(String step) {
        return step.matches(".* (\\d+)×(\\d+).*") && !step.matches(".* (1×\\d+|\\d+×1)( .*)?");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void gradientOfAQuadraticFormIsTwoMatrixVectorProductsWithoutTheSum(boolean blas) {
        Dense.force(blas);
        Expression f = MatCalc.parse("x'*A*x");
        CompiledDerivative c = agrees(f.derivative("x"), point(f, Map.of("n", 70), 1));
        List<String> computed = c.steps().stream().filter(s -> !s.startsWith("input")).toList();
        assertThat(computed).noneMatch(VectorProductPathsTest::square);
        // A*x serves the value and one gradient term; A'*x is the other: two matrix-vector products
        assertThat(computed.stream().filter(s -> s.matches("multiply \\d{2,}×1"))).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x'*(A*B + C)*y|x", "x'*(A + B)'*y|y", "(A - B')*y|y", "x'*(A + A' + 2*C)|x", "x'*(A*B - 3*C)'*y|y",
            "x'*(A + B)*(C + D)*y|x", "x'*(A + B + C)*(A - D)*(B + C')*y|y|too many products: the sums are formed"})
    void productsEndingInAVectorDistributeOverSums(String problem) {
        String source = problem.split("\\|")[0], wrt = problem.split("\\|")[1];
        for (Boolean blas : new Boolean[] {true, false}) {
            Dense.force(blas);
            Expression f = MatCalc.parse(source);
            CompiledDerivative c = agrees(f.derivative(wrt), point(f, Map.of("n", 53), 2));
            if (f.expr().isScalar() && problem.split("\\|").length == 2) // the gradient is a vector: made of matrix-vector products only
                assertThat(c.steps().stream().filter(s -> !s.startsWith("input"))).noneMatch(VectorProductPathsTest::square);
            Map<String, DMatrixRMaj> at = point(f, Map.of("n", 53), 3);
            // the value too (a non-scalar value checked entry by entry)
            DMatrixRMaj expected = Evaluator.evaluate(f.expr(), at);
            double[] value = c.evaluate(at).value().data();
            for (int i = 0; i < value.length; i++)
                assertThat(value[i]).isCloseTo(expected.data[i], org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @Test
    void sumsWithTransposedTermsMatchTheEvaluatorAtEveryTileEdge() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int[] size : new int[][] {{1, 1}, {3, 5}, {64, 64}, {130, 70}, {600, 520}}) {
            int m = size[0], n = size[1];
            Expression square = MatCalc.parse("A + A' + 2*S", "A:matrix(n,n)", "S:symmetric(n)");
            Expression rect = MatCalc.parse("A' + B + 3", "A:matrix(n,m)", "B:matrix(m,n)");
            Expression lopsided = MatCalc.parse("A + A + A'", "A:matrix(n,n)"); // not symmetric
            Expression pair = MatCalc.parse("A + A'", "A:matrix(n,n)"); // the x'Ax Hessian: its own loop in cache
            Map<String, DMatrixRMaj> at = Map.of("A", random(n, n, rnd), "S", symmetric(n, rnd));
            boolean matrices = m > 1 && n > 1; // a vector's transpose is a view: no tiled sum to check
            check(square.expr(), at, matrices);
            check(lopsided.expr(), at, matrices);
            check(pair.expr(), at, matrices);
            check(rect.expr(), Map.of("A", random(n, m, rnd), "B", random(m, n, rnd)), matrices);
        }
    }

    private static void check(Expr e, Map<String, DMatrixRMaj> at, boolean tiled) {
        Plan plan = Plan.compile(List.of(e), new Evaluator(at)).setAll(at).run();
        if (tiled) assertThat(plan.describe()).anyMatch(s -> s.startsWith("add with transposes")).noneMatch(s -> s.startsWith("transpose"));
        DMatrixRMaj expected = Evaluator.evaluate(e, at);
        assertThat(CommonOps_DDRM.elementMaxAbs(CommonOps_DDRM.subtract(plan.result(0), expected, null)))
                .as("%s", plan.describe()).isLessThan(1e-12);
    }

    @Test
    void quadraticFormHessianIsTheTiledSymmetricSum() {
        Expression f = MatCalc.parse("x'*A*x");
        CompiledDerivative c = agrees(f.derivative("x", "x"), point(f, Map.of("n", 150), 5));
        assertThat(c.steps()).anyMatch(s -> s.startsWith("add with transposes (half, mirrored)"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void subtermsNeededTransposedAreMadeOnceInOneOrientation(boolean blas) {
        Dense.force(blas);
        // the gradient is X*((1 - t0.^2).*(2*(t0*W2' - Y')*W2)) with t0 = tanh(X'*W1'): every matrix
        // in it is the transpose of one the value computes (tanh(W1*X), W2*tanh(W1*X) - Y)
        Expression f = MatCalc.parse("sum((W2*tanh(W1*X) - Y).^2)");
        CompiledDerivative c = agrees(f.derivative("W1"), point(f, Map.of(), 8));
        long wide = c.steps().stream().filter(s -> s.matches("(multiply|add, accumulating a product) (\\d+)×(\\d+)")).filter(s -> {
            String[] rc = s.substring(s.lastIndexOf(' ') + 1).split("×");
            return Integer.parseInt(rc[0]) > 1 && Integer.parseInt(rc[1]) > 1;
        }).count();
        assertThat(c.steps()).as("no copy into a transpose").noneMatch(s -> s.startsWith("transpose "));
        assertThat(c.steps().stream().filter(s -> s.startsWith("tanh"))).as("tanh(W1*X) once").hasSize(1);
        // W1*X, W2*t, W2'*(…) and (…)*X': the value's products serve the gradient too
        assertThat(wide).as("%s", c.steps()).isEqualTo(4);
    }

    @Test
    void aVectorUsedBothWaysRoundIsOneStepAndAView() {
        // the gradient of (X*b + c)'*D*(X*b + c) by X reads X*b + c as a column and as a row
        Expression f = MatCalc.parse("(X*b + c)'*D*(X*b + c)", "b:vector(n)", "c:vector(m)");
        CompiledDerivative c = agrees(f.derivative("X"), point(f, Map.of(), 11));
        assertThat(c.steps().stream().filter(s -> s.matches("add \\d+×1|add 1×\\d+"))).as("%s", c.steps()).hasSize(1);
        // with scalars b and c, X*b + c is a matrix read both ways round: made once, copied once
        Expression g = MatCalc.parse("(X*b + c)'*D*(X*b + c)");
        CompiledDerivative d = agrees(g.derivative("X"), point(g, Map.of(), 12));
        assertThat(d.steps().stream().filter(s -> s.matches("add \\d+×\\d+"))).as("%s", d.steps()).hasSize(1);
    }

    @Test
    void aSumAndItsTransposeAreOneStep() {
        Expression f = MatCalc.parse("norm2(T-U*V')^2"); // the gradient -2*V'*(T' - V*U') holds (T - U*V')'
        CompiledDerivative c = agrees(f.derivative("U"), point(f, Map.of("n", 7, "k", 3), 9));
        assertThat(c.steps()).as("%s", c.steps()).noneMatch(s -> s.startsWith("transpose ") || s.startsWith("add with transposes"));
        String[] t = c.steps().stream().filter(s -> s.startsWith("input T ")).findFirst().orElseThrow()
                .substring("input T ".length()).split("×");
        // T - U*V' is T with U*V' added into it by gemm: no product of T's size on its own
        assertThat(c.steps()).as("%s", c.steps()).containsOnlyOnce("add, accumulating a product " + t[0] + "×" + t[1])
                .doesNotContain("multiply " + t[0] + "×" + t[1], "multiply " + t[1] + "×" + t[0]);
    }

    @Test
    void resultsStayTheCallersAfterTheNextCall() {
        Expression f = MatCalc.parse("x'*A*x");
        DerivativeResult h = f.derivative("x", "x");
        CompiledDerivative c = h.compile();
        Map<String, DMatrixRMaj> first = point(f, Map.of("n", 40), 6), second = point(f, Map.of("n", 40), 7);
        Tensor kept = c.evaluate(first).derivative();
        double[] copy = kept.data().clone();
        Tensor next = c.evaluate(second).derivative();
        assertThat(kept.data()).containsExactly(copy);
        assertThat(next.relativeError(h.evaluate(second))).isLessThan(1e-12);
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rnd.nextDouble(-1, 1);
        return m;
    }

    private static DMatrixRMaj symmetric(int n, SplittableRandom rnd) {
        DMatrixRMaj a = random(n, n, rnd);
        return CommonOps_DDRM.add(a, CommonOps_DDRM.transpose(a, null), null);
    }
}
