package dev.matcalc.compile;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan reads its inputs where they are: compiling at a large data matrix does not copy it (a copy
 * per plan cost a minimize on 20,000 × 1,000 three 160 MB copies), and its inputs stay unwritten.
 */
class PlanInputsTest {
    @Test
    void compilingReadsTheDataInPlaceAndNeverWritesIt() {
        Random rnd = new Random(3);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(300, 40, -1, 1, rnd), y = RandomMatrices_DDRM.rectangle(300, 1, -1, 1, rnd),
                w = RandomMatrices_DDRM.rectangle(40, 1, -1, 1, rnd);
        DMatrixRMaj aBefore = a.copy(), yBefore = y.copy();
        Map<String, DMatrixRMaj> at = Map.of("A", a, "y", y, "w", w);
        Expr loss = MatCalc.parse("sum(log(1 + exp(-y.*(A*w))))", "A:matrix(n,k)", "y:vector(n)", "w:vector(k)").expr();
        Expr gradient = MatCalc.parse("-A'*(y.*sigmoid(-y.*(A*w)))", "A:matrix(n,k)", "y:vector(n)", "w:vector(k)").expr();
        Evaluator evaluator = new Evaluator(at);
        Plan plan = Plan.compile(List.of(loss, gradient), evaluator);
        assertThat(plan.input("A")).isSameAs(a);
        assertThat(evaluator.valueToRead("A")).isSameAs(a);
        assertThat(evaluator.value("A")).isNotSameAs(a);                   // the public accessor still copies
        assertThat(evaluator.value("A").data).isEqualTo(a.data);
        plan.run();
        for (int run = 0; run < 3; run++) {
            plan.run();
            assertThat(plan.result(0).get(0)).isCloseTo(Evaluator.evaluate(loss, at).get(0), org.assertj.core.api.Assertions.within(1e-9));
            assertThat(CommonOps_DDRM.elementMaxAbs(CommonOps_DDRM.subtract(plan.result(1), Evaluator.evaluate(gradient, at), null))).isLessThan(1e-10);
        }
        assertThat(a.data).isEqualTo(aBefore.data);
        assertThat(y.data).isEqualTo(yBefore.data);
    }
}
