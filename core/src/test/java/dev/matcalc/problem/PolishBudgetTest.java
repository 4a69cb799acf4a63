package dev.matcalc.problem;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Optimization;
import dev.matcalc.optimization.Options;
import dev.matcalc.optimization.Result;
import dev.matcalc.optimization.Solvers;
import dev.matcalc.optimization.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the polish may spend without general constraints: on large data at most half the solve's
 * own work (so a solve of a large least-squares problem is L-BFGS-B's alone, evaluation for
 * evaluation), on small data up to {@value ProblemSolver#POLISH_FLOOR} (small problems still come
 * out to rounding: {@link PolishedAccuracyTest}).
 */
class PolishBudgetTest {
    private static Result work(int evaluations, int products) {
        return new Result(Status.OPTIMAL, new double[1], 0, evaluations, evaluations, 0, 0, "L-BFGS-B", "", products);
    }

    @Test
    void theFloorShrinksWithTheDataAnEvaluationReads() {
        assertThat(ProblemSolver.polishBudget(work(20, 0), 1_000)).isEqualTo(ProblemSolver.POLISH_FLOOR);
        assertThat(ProblemSolver.polishBudget(work(20, 0), 1_000_000)).isEqualTo(20);
        assertThat(ProblemSolver.polishBudget(work(20, 0), 10_000_000)).as("half the solve's work").isEqualTo(10);
        assertThat(ProblemSolver.polishBudget(work(300, 100), 10_000_000)).isEqualTo(200);
        assertThat(ProblemSolver.polishBudget(work(10_000, 0), 1_000)).as("a long solve may be polished more").isEqualTo(5_000);
    }

    @Test
    void aLargeLeastSquaresSolveIsLbfgsbsAloneEvaluationForEvaluation() {
        // 3000×300: 900,000 numbers read per evaluation; 300 free coordinates are more columns than the budget
        double[][] a = MinimizeLibraryTest.randomMatrix(3000, 300, 41);
        double[] b = MinimizeLibraryTest.randomVector(3000, 42);
        Optimization o = MatCalc.minimize("norm2(A*x - b)^2").over("x").data("A", a).data("b", b);
        CompiledProblem compiled = CompiledProblem.compile(o.problem());
        Options options = o.options();
        Solution s = ProblemSolver.solve(compiled, options);
        Result alone = Solvers.minimize(compiled.problem().objective(), compiled.start(), compiled.bounds(), options);
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(s.message()).doesNotContain("polished");
        assertThat(s.evaluations()).isEqualTo(alone.evaluations());
        assertThat(s.solution().get("x").data()).containsExactly(alone.x());
        assertThat(s.optimality()).isLessThanOrEqualTo(options.tolerance() * Math.max(1, Math.abs(s.objective())));
    }

    @Test
    void theSameProblemOnSmallDataIsPolishedToRounding() {
        double[][] a = MinimizeLibraryTest.randomMatrix(30, 4, 41);
        double[] b = MinimizeLibraryTest.randomVector(30, 42);
        Solution s = MatCalc.minimize("norm2(A*x - b)^2").over("x").data("A", a).data("b", b).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(s.message()).contains("polished by Newton's method");
        // the normal equations A'(Ax − b) = 0 hold to rounding
        double[] x = s.solution().get("x").data();
        for (int j = 0; j < 4; j++) {
            double g = 0;
            for (int i = 0; i < 30; i++) {
                double r = -b[i];
                for (int k = 0; k < 4; k++) r += a[i][k] * x[k];
                g += a[i][j] * r;
            }
            assertThat(Math.abs(g)).as("normal equation %d", j).isLessThan(1e-12);
        }
    }
}
