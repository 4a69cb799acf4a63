package dev.matcalc.compile;

import dev.ludovic.netlib.blas.JavaBLAS;
import dev.matcalc.MatCalc;
import dev.matcalc.api.CompiledDerivative;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan takes the paths it promises (chain order, syrk, row scaling), with the right numbers; HVP = H·v. */
class PlanPathsTest {
    @AfterEach
    void reset() {
        Dense.force(null);
        Dense.use(null);
    }

    private static Map<String, DMatrixRMaj> point(Expression f, Map<String, Integer> dims, long seed) {
        return RandomPoints.draw(f.expr(), new SplittableRandom(seed), dims, Map.of()).values();
    }

    private static void agrees(DerivativeResult d, Map<String, DMatrixRMaj> at, CompiledDerivative c) {
        Tensor expected = d.evaluate(at);
        assertThat(c.evaluate(at).derivative().relativeError(expected)).as("%s", c.steps()).isLessThan(1e-10);
    }

    @Test
    void chainIsOrderedByCostAndNeverFormsTheMatrixProduct() {
        Expression f = MatCalc.parse("x'*A*B*y");
        DerivativeResult d = f.derivative("x");
        CompiledDerivative c = d.compile();
        Map<String, DMatrixRMaj> at = point(f, Map.of("n", 60), 1);
        agrees(d, at, c);
        List<String> products = c.steps().stream().filter(s -> s.startsWith("multiply")).toList();
        assertThat(products).isNotEmpty().allSatisfy(s -> assertThat(s).matches("multiply (1×\\d+|\\d+×1)"));
    }

    @Test
    void logisticHessianIsASyrkOfScaledRowsWithNoDenseDiagonal() {
        Expression f = MatCalc.parse("sum(log(1+exp(-y.*(X*w))))");
        DerivativeResult h = f.derivative("w", "w");
        for (Boolean blas : new Boolean[] {true, false}) {
            Dense.force(blas);
            CompiledDerivative c = h.compile();
            agrees(h, point(f, Map.of("n", 40, "m", 20), 2), c);
            assertThat(c.steps()).anyMatch(s -> s.startsWith("syrk of diag-scaled rows"))
                    .noneMatch(s -> s.startsWith("diag (dense)"));
        }
    }

    @Test
    void signedWeightsTakeTheHalfProductAndGramiansTakeSyrk() {
        Dense.force(true); // the BLAS routines at test sizes
        Expression f = MatCalc.parse("sum(sin(X*w))"); // Hessian -X'*diag(sin(X*w))*X: weights of both signs
        DerivativeResult h = f.derivative("w", "w");
        CompiledDerivative c = h.compile();
        agrees(h, point(f, Map.of("n", 70, "m", 50), 3), c);
        Expression g = MatCalc.parse("norm2(X*w - y)^2"); // 2*X'*X
        DerivativeResult hg = g.derivative("w", "w");
        CompiledDerivative cg = hg.compile();
        agrees(hg, point(g, Map.of("n", 45, "m", 33), 4), cg);
        assertThat(cg.steps()).anyMatch(s -> s.startsWith("syrk"));
        Expression k = MatCalc.parse("tr(X'*S*X)", "S:symmetric(n)"); // a symmetric declaration in a gradient
        DerivativeResult hk = k.derivative("X");
        agrees(hk, point(k, Map.of("n", 37, "m", 41), 5), hk.compile());
    }

    @Test
    void halfProductAndSyrkMatchFullProducts() {
        Random rnd = new Random(9);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(130, 70, -1, 1, rnd), b = RandomMatrices_DDRM.rectangle(130, 70, -1, 1, rnd);
        DMatrixRMaj s = CommonOps_DDRM.multTransA(a, a, null);
        CommonOps_DDRM.multTransA(a, CommonOps_DDRM.add(a, 0, b, null), null);
        Dense.force(true);
        DMatrixRMaj half = new DMatrixRMaj(70, 70), syrk = new DMatrixRMaj(70, 70), outer = new DMatrixRMaj(130, 130);
        Dense.symmetricProduct(true, false, 1, a, a, half);
        Dense.gramian(1, a, syrk);
        Dense.outerGramian(2, a, outer);
        assertThat(max(diff(half, s))).isLessThan(1e-12);
        assertThat(max(diff(syrk, s))).isLessThan(1e-12);
        DMatrixRMaj expectedOuter = CommonOps_DDRM.multTransB(2, a, a, null);
        assertThat(max(diff(outer, expectedOuter))).isLessThan(1e-12);
    }

    @Test
    void pureJavaBlasGivesTheSameNumbers() {
        Expression f = MatCalc.parse("sum(log(1+exp(-y.*(X*w))))");
        DerivativeResult h = f.derivative("w", "w");
        Map<String, DMatrixRMaj> at = point(f, Map.of("n", 90, "m", 60), 6);
        Dense.force(true);
        Tensor nativeOrDefault = h.compile().evaluate(at).derivative();
        Dense.use(JavaBLAS.getInstance());
        assertThat(Dense.describe()).contains(JavaBLAS.getInstance().getClass().getSimpleName());
        Tensor java = h.compile().evaluate(at).derivative();
        assertThat(java.relativeError(nativeOrDefault)).isLessThan(1e-12);
        assertThat(java.relativeError(h.evaluate(at))).isLessThan(1e-10);
    }

    @Test
    void hessianVectorProductsEqualTheHessianTimesTheDirection() {
        for (String[] problem : new String[][] {
                {"x'*A*x", "x"}, {"sum(log(1+exp(-y.*(X*w))))", "w"}, {"norm2(T-U*V')^2", "U"},
                {"sum((W2*tanh(W1*X) - Y).^2)", "W1"}}) {
            Expression f = MatCalc.parse(problem[0]);
            DerivativeResult h = f.derivative(problem[1], problem[1]);
            Map<String, DMatrixRMaj> at = point(f, Map.of(), 7);
            CompiledDerivative c = h.compile();
            Tensor hessian = c.evaluate(at).derivative();
            DMatrixRMaj x = at.get(problem[1]);
            DMatrixRMaj v = RandomMatrices_DDRM.rectangle(x.numRows, x.numCols, -1, 1, new Random(8));
            int n = v.getNumElements();
            double[] expected = new double[n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) expected[i] += hessian.data()[i * n + j] * v.data[j];
            Tensor hv = c.hvp(at, v);
            assertThat(hv.size()).isEqualTo(n);
            for (int i = 0; i < n; i++)
                assertThat(hv.data()[i]).as(problem[0]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(expected[i]))));
        }
    }

    private static DMatrixRMaj diff(DMatrixRMaj a, DMatrixRMaj b) {
        return CommonOps_DDRM.subtract(a, b, null);
    }

    private static double max(DMatrixRMaj m) {
        return CommonOps_DDRM.elementMaxAbs(m);
    }
}
