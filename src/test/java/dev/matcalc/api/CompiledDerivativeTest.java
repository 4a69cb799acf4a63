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
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled evaluator against the reference ({@link DerivativeResult#evaluate}) on the golden
 * corpus and on random expressions, gradients and Hessians, with every product routed through BLAS
 * (so the half-and-mirror and syrk paths run at tiny sizes), through EJML only, and by size.
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
