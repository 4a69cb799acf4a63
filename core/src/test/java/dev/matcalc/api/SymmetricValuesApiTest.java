package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A symmetric variable's value must be symmetric at every way into the library (issue 14): the
 * reference evaluation, the differential, the compiled plans (first call and reuse) and the service
 * behind the CLI, the REPL and the web API. The front ends' own tests check their messages and exit
 * codes; {@code check}'s random points are symmetric, so it passes.
 */
class SymmetricValuesApiTest {
    private static final String REFUSED = "A is declared symmetric(n) but its value is not symmetric: A[2,1] = 3 but A[1,2] = 2";
    private static final Map<String, Object> SKEWED = Map.of("x", new double[] {1, 2}, "A", new double[][] {{1, 2}, {3, 4}});
    private static final Map<String, Object> SYMMETRIC = Map.of("x", new double[] {1, 2}, "A", new double[][] {{1, 2}, {2, 4}});

    private static void refused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(SourceError.class).hasMessageStartingWith(REFUSED);
    }

    @Test
    void symmetricVariableRejectsNonSymmetricValue_issue14() {
        Expression f = MatCalc.parse("x'*A*x", "A:symmetric(n)");
        DerivativeResult gradient = f.derivative("x"), hessian = f.derivative("x", "x"), byA = f.derivative("A");
        refused(() -> f.evaluate(SKEWED));
        refused(() -> gradient.evaluate(SKEWED));          // was [14, 20]; (A + A')x is [12, 21]
        refused(() -> gradient.evaluateDifferential(SKEWED));
        refused(() -> hessian.evaluate(SKEWED));           // was [[2, 4], [6, 8]], not even symmetric
        refused(() -> byA.evaluate(SKEWED));
        // EJML matrices are checked as arrays are
        refused(() -> gradient.evaluate(Map.of("x", new double[] {1, 2}, "A", new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}))));
        refused(() -> Service.derive(new Request("x'*A*x", List.of("x"), Map.of("A", "symmetric(n)"), 1, Layout.NUMERATOR,
                null, false, Map.of("x", List.of(1, 2), "A", List.of(List.of(1, 2), List.of(3, 4))))));

        assertThat(gradient.evaluate(SYMMETRIC).data()).containsExactly(10, 20);
        assertThat(hessian.evaluate(SYMMETRIC).data()).containsExactly(2, 4, 4, 8);
    }

    @Test
    void theCompiledEvaluatorRefusesItOnTheFirstCallAndWhenItReusesItsPlan() {
        Expression f = MatCalc.parse("x'*A*x", "A:symmetric(n)");
        CompiledDerivative gradient = f.derivative("x").compile(), hessian = f.derivative("x", "x").compile();
        refused(() -> gradient.evaluate(SKEWED));
        assertThat(gradient.evaluate(SYMMETRIC).derivative().data()).containsExactly(10, 20);
        refused(() -> gradient.evaluate(SKEWED));          // the plan for these sizes exists: no evaluator on the way
        refused(() -> gradient.derivativeAt(SKEWED));
        refused(() -> gradient.derivativeAt(SKEWED, new double[2]));
        refused(() -> hessian.hvp(SKEWED, new double[] {1, 0}));
        // a tensor (no matrix form), read off its differential
        CompiledDerivative tensor = MatCalc.parse("A*X*A", "A:symmetric(n)", "X:matrix(n,n)").derivative("X").compile();
        refused(() -> tensor.evaluate(Map.of("X", new double[][] {{1, 0}, {0, 1}}, "A", new double[][] {{1, 2}, {3, 4}})));
    }

    @Test
    void valuesSymmetricUpToRoundingAreAccepted() {
        double[][] rounded = {{1, 0.1 + 0.2}, {0.3, 4}};    // 0.1 + 0.2 is 0.30000000000000004
        Map<String, Object> at = Map.of("x", new double[] {1, 2}, "A", rounded);
        assertThat(MatCalc.parse("x'*A*x", "A:symmetric(n)").derivative("x").compile().evaluate(at).value().data()[0])
                .isCloseTo(18.2, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void checkDrawsSymmetricPointsForSymmetricVariables() {
        for (int order = 1; order <= 2; order++) {
            CheckReport report = Checker.check("x'*A*x + sum(abs(c*A)) + logdet(A)", List.of("A"),
                    Map.of("A", "symmetric(n)"), order, Layout.MIXED, 3, 7, 1e-6);
            assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
        }
    }
}
