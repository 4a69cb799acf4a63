package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.compile.Plan;
import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scalar function and its gradient by several variables compiled into one {@link Plan}, as
 * {@link dev.matcalc.problem.CompiledObjective} evaluates an optimizer's objective (without packing
 * the variables into one vector): the forward pass and every subterm the gradients share are computed
 * once per call. Each gradient is in its variable's shape (mixed layout), like PyTorch's .grad.
 */
final class JointGradient {
    private final Plan plan;
    private final int count;

    JointGradient(AutodiffProblems problem) {
        Expression f = MatCalc.parse(problem.expr(), problem.lets());
        List<Expr> roots = new ArrayList<>();
        roots.add(f.expr());
        for (String w : problem.wrt()) roots.add(f.derivative(Layout.MIXED, w).derivative().matrix());
        count = problem.wrt().size();
        plan = Plan.compile(roots, new Evaluator(problem.values()));
        plan.setAll(problem.values());
    }

    /** Runs the plan at {@code values} (same sizes as compiled): the value, then the gradients, in plan buffers. */
    List<DMatrixRMaj> run(Map<String, DMatrixRMaj> values) {
        plan.setAll(values).run();
        List<DMatrixRMaj> out = new ArrayList<>(count + 1);
        for (int i = 0; i <= count; i++) out.add(plan.result(i));
        return out;
    }

    /** Each step with its average time over {@code runs} runs (for finding what to improve). */
    List<String> profile(int runs) {
        return plan.profile(runs);
    }
}
