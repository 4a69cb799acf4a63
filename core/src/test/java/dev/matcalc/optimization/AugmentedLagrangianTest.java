package dev.matcalc.optimization;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.matcalc.optimization.PenaltyProblem.affine;
import static dev.matcalc.optimization.PenaltyProblem.squaredDistance;
import static org.assertj.core.api.Assertions.*;

class AugmentedLagrangianTest {
    private static final Options OPTIONS = Options.defaults();

    /** Euclidean projection onto the simplex {x ≥ 0, Σx = 1}: x = max(c − τ, 0) with τ from the sorted c (Held, Wolfe &amp; Crowder 1974). */
    private static double[] simplexProjection(double[] c, double[] tauOut) {
        double[] sorted = c.clone();
        Arrays.sort(sorted);
        double sum = 0, tau = 0;
        for (int k = sorted.length - 1; k >= 0; k--) {
            sum += sorted[k];
            double t = (sum - 1) / (sorted.length - k);
            if (sorted[k] - t > 0) tau = t;
        }
        tauOut[0] = tau;
        double[] x = new double[c.length];
        for (int i = 0; i < c.length; i++) x[i] = Math.max(c[i] - tau, 0);
        return x;
    }

    private static double[] randomC(SplittableRandom random, int n) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) c[i] = TestProblems.gaussian(random);
        return c;
    }

    @RepeatedTest(4)
    void projectionOntoTheSimplexWithBounds(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        int n = 20;
        double[] c = randomC(random, n), ones = new double[n], tau = new double[1];
        Arrays.fill(ones, 1);
        double[] expected = simplexProjection(c, tau);
        PenaltyProblem p = new PenaltyProblem(squaredDistance(c, 0), List.of(), List.of(affine(ones, -1)));
        ConstrainedResult r = AugmentedLagrangian.solve(p, new double[n], Bounds.nonNegative(n), OPTIONS);
        assertThat(r.result().status()).as(r.result().toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.result().x()).containsExactly(expected, within(1e-5));
        for (int i = 0; i < n; i++) {
            if (expected[i] == 0) assertThat(r.result().x()[i]).as("zero %d is exact", i).isEqualTo(0.0);
        }
        assertThat(r.result().violation()).isLessThanOrEqualTo(1e-6);
        assertThat(r.equalityMultipliers()[0]).as("μ = 2τ").isCloseTo(2 * tau[0], within(1e-4));
        assertThat(r.result().method()).startsWith("augmented Lagrangian (");
    }

    @Test
    void projectionOntoTheSimplexWithInequalities() {
        SplittableRandom random = new SplittableRandom(9);
        int n = 12;
        double[] c = randomC(random, n), ones = new double[n], tau = new double[1];
        Arrays.fill(ones, 1);
        double[] expected = simplexProjection(c, tau);
        List<DifferentiableFunction> nonNegative = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = -1;
            nonNegative.add(affine(e, 0));            // −x_i ≤ 0
        }
        PenaltyProblem p = new PenaltyProblem(squaredDistance(c, 0), nonNegative, List.of(affine(ones, -1)));
        ConstrainedResult r = AugmentedLagrangian.solve(p, new double[n], Bounds.none(n), OPTIONS);
        assertThat(r.result().status()).as(r.result().toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.result().x()).containsExactly(expected, within(1e-5));
        for (int i = 0; i < n; i++) {
            double lambda = r.inequalityMultipliers()[i];
            assertThat(lambda).isGreaterThanOrEqualTo(0);
            // KKT: λ_i = 2τ − 2c_i where x_i = 0, and 0 where x_i > 0
            assertThat(lambda).as("λ_%d", i).isCloseTo(expected[i] > 0 ? 0 : 2 * (tau[0] - c[i]), within(1e-4));
        }
    }

    @Test
    void linearObjectiveOnTheUnitBall() {
        double[] c = {3, -1, 2, 0.5};
        DifferentiableFunction ballConstraint = new DifferentiableFunction() {   // ‖x‖² − 1 ≤ 0
            public int dimension() {
                return 4;
            }

            public double valueAndGradient(double[] x, double[] g) {
                for (int i = 0; i < 4; i++) g[i] = 2 * x[i];
                return Box.dot(x, x) - 1;
            }
        };
        PenaltyProblem p = new PenaltyProblem(affine(c, 0), List.of(ballConstraint), List.of());
        ConstrainedResult r = AugmentedLagrangian.solve(p, new double[4], Bounds.none(4), OPTIONS);
        double norm = Math.sqrt(Box.dot(c, c));
        assertThat(r.result().status()).as(r.result().toString()).isEqualTo(Status.OPTIMAL);
        for (int i = 0; i < 4; i++) assertThat(r.result().x()[i]).isCloseTo(-c[i] / norm, within(1e-5));
        // a violation v ≤ 1e-6 of ‖x‖² ≤ 1 can lower c'x by up to ‖c‖·v/2
        assertThat(r.result().objective()).isCloseTo(-norm, within(norm * r.result().violation() / 2 + 1e-6));
        assertThat(r.inequalityMultipliers()[0]).as("λ = ‖c‖/2").isCloseTo(norm / 2, within(1e-4));
    }

    @Test
    void inactiveConstraintLeavesTheUnconstrainedMinimizer() {
        double[] c = {0.3, -0.2};
        PenaltyProblem p = new PenaltyProblem(squaredDistance(c, 1), List.of(affine(new double[]{1, 1}, -5)), List.of());
        ConstrainedResult r = AugmentedLagrangian.solve(p, new double[]{4, 4}, Bounds.none(2), OPTIONS);
        assertThat(r.result().status()).as(r.result().toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.result().x()).containsExactly(c, within(1e-6));
        assertThat(r.inequalityMultipliers()[0]).isZero();
        assertThat(r.result().violation()).isZero();
    }

    @Test
    void contradictoryInequalitiesAreInfeasible() {
        // x₀ + x₁ ≤ 1 and x₀ + x₁ ≥ 3
        PenaltyProblem p = new PenaltyProblem(squaredDistance(new double[]{0, 0}, 0),
                List.of(affine(new double[]{1, 1}, -1), affine(new double[]{-1, -1}, 3)), List.of());
        Result r = AugmentedLagrangian.minimize(p, new double[2], Bounds.none(2), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.violation()).isCloseTo(1.0, within(1e-3));
        assertThat(r.x()[0] + r.x()[1]).as("the least violating point").isCloseTo(2.0, within(1e-3));
        assertThat(r.message()).contains("no feasible point");
    }

    @Test
    void equalityOutsideTheBoxIsInfeasible() {
        int n = 3;
        double[] ones = {1, 1, 1};
        PenaltyProblem p = new PenaltyProblem(squaredDistance(new double[n], 0), List.of(), List.of(affine(ones, -1)));
        Result r = AugmentedLagrangian.minimize(p, new double[]{2.5, 2.5, 2.5}, Bounds.box(n, 2, 3), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.violation()).isCloseTo(5.0, within(1e-6));
        assertThat(r.x()).containsExactly(2, 2, 2);
    }

    @Test
    void objectiveUnboundedOnTheFeasibleSet() {
        // min −x₀ s.t. x₀ − x₁ = 0
        PenaltyProblem p = new PenaltyProblem(affine(new double[]{-1, 0}, 0), List.of(), List.of(affine(new double[]{1, -1}, 0)));
        Result r = AugmentedLagrangian.minimize(p, new double[2], Bounds.none(2), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNBOUNDED);
    }

    @Test
    void listenerNumbersInnerIterationsAcrossOuterIterations() {
        List<Iteration> seen = new ArrayList<>();
        double[] c = {3, -1};
        PenaltyProblem p = new PenaltyProblem(squaredDistance(c, 0), List.of(), List.of(affine(new double[]{1, 1}, -1)));
        ConstrainedResult r = AugmentedLagrangian.solve(p, new double[2], Bounds.nonNegative(2), OPTIONS.withListener(seen::add));
        assertThat(r.outerIterations()).isGreaterThan(1);
        assertThat(seen).hasSize(r.result().iterations());
        for (int k = 0; k < seen.size(); k++) assertThat(seen.get(k).iteration()).isEqualTo(k + 1);
        assertThat(r.result().x()).containsExactly(new double[]{1, 0}, within(1e-6));
    }
}
