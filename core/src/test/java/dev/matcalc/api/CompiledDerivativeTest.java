package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.compile.Dense;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.testing.RandomExpressions;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled evaluator against the reference ({@link DerivativeResult#evaluate}) on the golden
 * corpus and on random expressions, gradients and Hessians, with every product routed through BLAS
 * (so the half-and-mirror and syrk paths run at tiny sizes), through EJML only, and by size.
 * Tensors filled from Kronecker terms against the per-direction fill, the reference and finite
 * differences.
 */
class CompiledDerivativeTest {
    private static final double TOLERANCE = 1e-9;

    @AfterEach
    void bySize() {
        Dense.force(null);
    }

    private static void route(String how) {
        Dense.force(switch (how) {
            case "blas" -> Boolean.TRUE;
            case "ejml" -> Boolean.FALSE;
            default -> null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"blas", "ejml", "size"})
    void goldenCorpusGradientsAndHessians(String how) throws Exception {
        route(how);
        SplittableRandom rng = new SplittableRandom(5);
        int compared = 0;
        for (GoldenDerivativesTest.Case c : GoldenDerivativesTest.cases()) {
            Expression f = MatCalc.parse(c.expr(), c.lets().entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue()).toArray(String[]::new));
            for (String wrt : c.wrt()) {
                compared += agree(c.name(), f, List.of(wrt), c.layout(), rng);
                compared += agree(c.name() + " (order 2)", f, List.of(wrt, wrt), c.layout(), rng);
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void randomExpressions() {
        int compared = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            SplittableRandom rng = new SplittableRandom(7000 + i);
            String source = new RandomExpressions(rng).next(4);
            Expression f = MatCalc.parse(source, RandomExpressions.LETS);
            List<Var> vars = List.copyOf(dev.matcalc.expr.Nodes.variables(f.expr()));
            if (vars.isEmpty()) continue;
            String wrt = vars.get(rng.nextInt(vars.size())).name();
            Layout layout = Layout.values()[rng.nextInt(3)];
            try {
                compared += agree(source, f, List.of(wrt), layout, rng);
                if (f.expr().isScalar()) compared += agree(source, f, List.of(wrt, wrt), layout, rng);
            } catch (AssertionError | RuntimeException e) {
                failures.add("seed " + (7000 + i) + ": " + source + " by " + wrt + ": " + e + " at " + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getStackTrace(), 3)));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(compared).isGreaterThan(200);
    }

    @Test
    void theDerivativeAloneSkipsTheValueAndWritesIntoTheCallersArray() {
        Expression f = MatCalc.parse("x'*A*x");
        CompiledDerivative c = f.derivative("x", "x").compile();
        Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), new SplittableRandom(3), Map.of("n", 6), Map.of()).values();
        double[] into = new double[36];
        c.derivativeAt(at, into);
        DMatrixRMaj a = at.get("A");
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) assertThat(into[i * 6 + j]).isEqualTo(a.get(i, j) + a.get(j, i));
        Tensor fresh = c.derivativeAt(at);
        assertThat(fresh.data()).isNotSameAs(into).containsExactly(into);
        c.derivativeAt(at, new double[36]);
        assertThat(fresh.data()).as("a fresh result is the caller's: later calls leave it").containsExactly(into);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.derivativeAt(at, new double[35]))
                .hasMessageContaining("36 entries");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.derivativeAt(at, null)).hasMessageContaining("into");
    }

    /**
     * Derivatives with no matrix form whose differential is a sum of Kronecker terms: the tensor is
     * filled from the terms (asserted, so a silent fallback fails), and agrees with the per-direction
     * fill, the reference and central differences of the derivative one order below. The sizes are
     * distinct, so that a mix-up of two axes shows.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "norm2(T-U*V')^2 | U U",     // 2·dU·V'·V: an identity on the left
            "A*X*B | X",
            "X'*A | X",                  // commuted
            "A*X*B + C*X'*D | X",        // two terms, one commuted
            "tr(X'*A*X) | X X",          // (A+A')·dX: an identity on the right
            "3*X | X",                   // identities on both sides
            "x*y' | x",                  // a vector direction
            "X*x | X",                   // a vector function
            "y'*X' | X",                 // a row function, commuted
            "x*x' | x",                  // a vector direction, two terms, one commuted
            "sum(y)*A*X*B + X*C | X",    // a coefficient that depends on the point
    })
    void tensorsFilledFromKroneckerTerms(String source, String wrt) {
        Expression f = MatCalc.parse(source);
        String[] by = wrt.split(" ");
        DerivativeResult d = f.derivative(by);
        assertThat(d.derivative().hasMatrixForm()).as(source).isFalse();
        Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), new SplittableRandom(11),
                Map.of("n", 5, "m", 4, "k", 3, "p", 2), Map.of()).values();

        CompiledDerivative fast = d.compile(), perDirection = d.compile();
        perDirection.kroneckerAllowed = false;
        Tensor slow = perDirection.evaluate(at).derivative();
        assertThat(perDirection.lastFilledFromKronecker).isFalse();
        Tensor reference = d.evaluate(at);
        Tensor differences = centralDifferences(f, by, at);
        for (int run = 0; run < 2; run++) { // the second run reuses the plan
            Tensor got = fast.evaluate(at).derivative();
            assertThat(fast.lastFilledFromKronecker).as("%s filled from its Kronecker terms", source).isTrue();
            assertThat(got.shape()).as(source).isEqualTo(slow.shape()).isEqualTo(differences.shape());
            assertThat(got.relativeError(slow)).as(source).isLessThan(TOLERANCE);
            assertThat(got.relativeError(reference)).as(source).isLessThan(TOLERANCE);
            assertThat(got.relativeError(differences)).as(source).isLessThan(1e-6);
        }
    }

    /** Where the differential has no Kronecker form (an element-wise product with dX), the per-direction fill runs. */
    @Test
    void otherTensorsAreReadOffDirectionByDirection() {
        Expression f = MatCalc.parse("sin(X).*A");
        DerivativeResult d = f.derivative("X");
        Map<String, DMatrixRMaj> at = RandomPoints.draw(f.expr(), new SplittableRandom(3)).values();
        CompiledDerivative compiled = d.compile();
        Tensor got = compiled.evaluate(at).derivative();
        assertThat(compiled.lastFilledFromKronecker).isFalse();
        assertThat(got.relativeError(d.evaluate(at))).isLessThan(TOLERANCE);
    }

    /**
     * ∂g/∂x by central differences, g the derivative of f one order below wrt (f itself at order
     * one), axes shape(g) + shape(x). The functions are at most quadratic, so the step can be large.
     */
    private static Tensor centralDifferences(Expression f, String[] wrt, Map<String, DMatrixRMaj> at) {
        String x = wrt[wrt.length - 1];
        CompiledDerivative lower = wrt.length == 1 ? null : f.derivative(Arrays.copyOf(wrt, wrt.length - 1)).compile();
        java.util.function.Function<Map<String, DMatrixRMaj>, Tensor> g = point ->
                lower == null ? f.evaluate(point) : lower.evaluate(point).derivative();
        DMatrixRMaj x0 = at.get(x);
        int nx = x0.getNumElements();
        Tensor g0 = g.apply(at);
        double[] t = new double[g0.size() * nx];
        for (int k = 0; k < nx; k++) {
            double h = 1e-3 * Math.max(1, Math.abs(x0.data[k]));
            Map<String, DMatrixRMaj> plus = new LinkedHashMap<>(at), minus = new LinkedHashMap<>(at);
            DMatrixRMaj xp = x0.copy(), xm = x0.copy();
            xp.data[k] += h;
            xm.data[k] -= h;
            plus.put(x, xp);
            minus.put(x, xm);
            double[] gp = g.apply(plus).data(), gm = g.apply(minus).data();
            for (int i = 0; i < g0.size(); i++) t[i * nx + k] = (gp[i] - gm[i]) / (xp.data[k] - xm.data[k]);
        }
        int[] xAxes = Points.axes(f.variable(x).shape(), x0.numRows, x0.numCols);
        int[] axes = Arrays.copyOf(g0.shape(), g0.rank() + xAxes.length);
        System.arraycopy(xAxes, 0, axes, g0.rank(), xAxes.length);
        return new Tensor(axes, t);
    }

    @Test
    void aTensorTooLargeForOneArrayIsAClearErrorNotACrash() {
        // the matrix-factorization Hessian by U at n = 1000, k = 100 has 10^10 entries; H·v is the way
        CompiledDerivative c = MatCalc.parse("norm2(T-U*V')^2").derivative("U", "U").compile();
        Map<String, DMatrixRMaj> at = Map.of("T", new DMatrixRMaj(1000, 1000), "U", new DMatrixRMaj(1000, 100),
                "V", new DMatrixRMaj(1000, 100));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.evaluate(at)).isInstanceOf(SourceError.class)
                .hasMessageContaining("10000000000 entries").hasMessageContaining("hvp");
        assertThat(c.hvp(at, new DMatrixRMaj(1000, 100)).shape()).containsExactly(1000, 100);
    }

    /** 1 when compared, 0 when the reference declines (unsupported derivative, no numbers at a singular point). */
    static int agree(String name, Expression f, List<String> wrt, Layout layout, SplittableRandom rng) {
        DerivativeResult d;
        Map<String, DMatrixRMaj> at;
        Tensor expected, value;
        try {
            d = f.derivative(layout, wrt.toArray(String[]::new));
            at = RandomPoints.draw(f.expr(), rng.split()).values();
            expected = d.evaluate(at);
            value = f.evaluate(at);
        } catch (SourceError e) { // UnsupportedDerivative included
            return 0;
        }
        CompiledDerivative compiled = d.compile();
        for (int run = 0; run < 2; run++) { // the second run reuses the plan and its buffers
            CompiledDerivative.Evaluation got = compiled.evaluate(at);
            assertThat(got.derivative().shape()).as(name).isEqualTo(expected.shape());
            assertThat(got.derivative().relativeError(expected)).as("%s by %s: %s", name, wrt, compiled.steps())
                    .isLessThan(TOLERANCE);
            assertThat(got.value().relativeError(value)).as(name).isLessThan(TOLERANCE);
            // the derivative alone, fresh and into the caller's array (the plan without f's own steps)
            Tensor alone = compiled.derivativeAt(at);
            assertThat(alone.shape()).as(name).isEqualTo(expected.shape());
            assertThat(alone.relativeError(expected)).as("%s by %s alone", name, wrt).isLessThan(TOLERANCE);
            double[] into = new double[expected.data().length];
            java.util.Arrays.fill(into, Double.NaN); // every entry must be written
            assertThat(compiled.derivativeAt(at, into)).isSameAs(into);
            assertThat(new Tensor(expected.shape(), into).relativeError(expected)).as("%s by %s into", name, wrt)
                    .isLessThan(TOLERANCE);
        }
        return 1;
    }
}
