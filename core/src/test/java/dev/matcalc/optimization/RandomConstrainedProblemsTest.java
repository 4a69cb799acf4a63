package dev.matcalc.optimization;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Seeded random convex QPs with linear equalities, linear inequalities and bounds, feasible by
 * construction, through the augmented Lagrangian; checked by KKT with the returned multipliers:
 * feasibility, λ ≥ 0, complementarity, and the projected gradient of the Lagrangian
 * f + λ'(Ex − e) + μ'(Cx − d) on the box.
 */
class RandomConstrainedProblemsTest {
    private static final long SEED = Long.getLong("matcalc.solver.seed", 20261202L);
    private static final int CASES = Integer.getInteger("matcalc.solver.cases", 40);

    @Test
    void randomConvexQuadraticProgramsMeetKkt() {
        for (int c = 0; c < CASES; c++) {
            long seed = SEED + 200_000 + c;
            SplittableRandom random = new SplittableRandom(seed);
            int n = 2 + random.nextInt(15), q = random.nextInt(Math.min(3, n)), p = random.nextInt(6);
            double[] eig = new double[n];
            for (int i = 0; i < n; i++) eig[i] = Math.pow(100, random.nextDouble());
            double[][] a = TestProblems.randomSpd(eig, random);
            double[] b = new double[n], feasible = new double[n], l = new double[n], u = new double[n];
            for (int i = 0; i < n; i++) {
                b[i] = 5 * TestProblems.gaussian(random);
                boolean bounded = random.nextBoolean();
                l[i] = bounded ? -1 : Double.NEGATIVE_INFINITY;
                u[i] = bounded ? 1 : Double.POSITIVE_INFINITY;
                feasible[i] = 2 * random.nextDouble() - 1;
            }
            double[][] cRows = new double[q][], eRows = new double[p][];
            double[] d = new double[q], e = new double[p];
            List<DifferentiableFunction> equalities = new ArrayList<>(), inequalities = new ArrayList<>();
            for (int j = 0; j < q; j++) {
                cRows[j] = row(random, n);
                d[j] = Box.dot(cRows[j], feasible);
                equalities.add(PenaltyProblem.affine(cRows[j], -d[j]));
            }
            for (int i = 0; i < p; i++) {
                eRows[i] = row(random, n);
                e[i] = Box.dot(eRows[i], feasible) + (random.nextBoolean() ? 0 : random.nextDouble());
                inequalities.add(PenaltyProblem.affine(eRows[i], -e[i]));
            }
            DifferentiableFunction f = TestProblems.quadratic(a, b, false);
            Bounds box = new Bounds(l, u);
            ConstrainedResult r = AugmentedLagrangian.solve(new PenaltyProblem(f, inequalities, equalities), new double[n], box, Options.defaults());
            Result result = r.result();
            String where = "seed " + seed + ": " + result;
            assertThat(result.status()).as(where).isEqualTo(Status.OPTIMAL);
            double[] x = result.x(), grad = new double[n];
            double scale = Math.max(1, Math.abs(result.objective()));
            f.valueAndGradient(x, grad);
            for (int j = 0; j < q; j++) {
                assertThat(Math.abs(Box.dot(cRows[j], x) - d[j])).as(where).isLessThanOrEqualTo(1e-6);
                for (int k = 0; k < n; k++) grad[k] += r.equalityMultipliers()[j] * cRows[j][k];
            }
            for (int i = 0; i < p; i++) {
                double gi = Box.dot(eRows[i], x) - e[i], lambda = r.inequalityMultipliers()[i];
                assertThat(gi).as(where).isLessThanOrEqualTo(1e-6);
                assertThat(lambda).as(where).isGreaterThanOrEqualTo(0);
                assertThat(Math.abs(Math.min(-gi, lambda))).as("complementarity, " + where).isLessThanOrEqualTo(1e-6);
                for (int k = 0; k < n; k++) grad[k] += lambda * eRows[i][k];
            }
            // ∇L_ρ at the old multipliers is the Lagrangian's gradient at the updated ones: the inner optimality
            double stationarity = Box.projectedGradientNorm(x, grad, l, u);
            assertThat(stationarity).as("Lagrangian stationarity = inner optimality, " + where).isCloseTo(result.optimality(), within(1e-9 * scale));
            assertThat(stationarity).as("Lagrangian stationarity, " + where).isLessThanOrEqualTo(1e-5 * scale);
        }
    }

    private static double[] row(SplittableRandom random, int n) {
        double[] r = new double[n];
        for (int k = 0; k < n; k++) r[k] = TestProblems.gaussian(random);
        return r;
    }
}
