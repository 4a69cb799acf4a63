package dev.matcalc.hardening;

import dev.matcalc.MatCalc;
import dev.matcalc.api.CheckReport;
import dev.matcalc.api.Checker;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per disagreement the hardening oracles found (docs/hardening.md lists them with the
 * seed that found each). The resource-limit and numeric-domain findings have their tests in
 * {@link LimitsTest} and {@link NumericDomainTest}.
 */
class HardeningRegressionTest {
    /**
     * Found by the second-derivative check (seeds 20261272, 20261580, ...): f linear in c has the
     * constant first derivative d/dc = 0 (a zero vector); finite differences of it could not size
     * that zero ("the size n is not known"), so `check --order 2` failed on a correct answer.
     */
    @Test
    void secondDerivativeOfAFunctionLinearInAVariableIsChecked() {
        CheckReport report = Checker.check("3 + (a + 1.5)*(x + a*vector(1)) + c", List.of("c"),
                Map.of("x", "vector(n)"), 2, Layout.NUMERATOR, 3, 1, 1e-6);
        assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
    }

    /**
     * Found by the long run (seeds 20268418, 20344079, 20354294): typing folds (2 - 2)*b to a zero
     * vector and b disappears, so nothing tells the size m of softmax(0): evaluating it is a clear
     * error, never a guessed number (a documented limitation).
     */
    @Test
    void aConstantWhoseSizeVariableFoldedAwayIsAClearError() {
        Expression f = MatCalc.parse("sum(softmax((2 - 2)*b)) + tr(A*A)", "b:vector(m)", "A:matrix(n,n)");
        Map<String, Object> at = Map.of("b", new double[]{1, 2, 3}, "A", new DMatrixRMaj(2, 2));
        assertThatThrownBy(() -> f.evaluate(at)).isInstanceOf(SourceError.class).hasMessageContaining("is not known");
    }

    /**
     * Found by the adversarial inputs: a doubling chain of 60 definitions (t1 = sin(t0)*t0, ...)
     * hung the service, hashing and rendering a tree of 2^60 nodes. Fixed on main by named
     * subexpressions (Ref); this keeps it fixed.
     */
    @Test
    void aDoublingChainOfDefinitionsIsAnsweredQuickly() {
        long start = System.nanoTime();
        assertThat(MatCalc.parse(LimitsTest.doubling(60), "x:vector(n)").derivative(Layout.NUMERATOR, "x").toText()).isNotBlank();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }
}
