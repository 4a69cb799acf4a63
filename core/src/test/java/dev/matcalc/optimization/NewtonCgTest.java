package dev.matcalc.optimization;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.matcalc.optimization.TestProblems.*;
import static org.assertj.core.api.Assertions.*;

class NewtonCgTest {
    private static final Options OPTIONS = Options.defaults().withMethod(Method.NEWTON_CG);

    private static double[] logSpaced(int n, double condition) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = Math.pow(condition, (double) i / (n - 1));
        return e;
    }

    @Test
    void illConditionedQuadraticTakesFarFewerIterationsThanLbfgsb() {
        SplittableRandom random = new SplittableRandom(21);
        int n = 100;
        double[][] a = randomSpd(logSpaced(n, 1e6), random);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = gaussian(random);
        DifferentiableFunction f = quadratic(a, b, true);
        Result newton = NewtonCg.minimize(f, new double[n], Bounds.none(n), OPTIONS);
        Result lbfgs = LbfgsB.minimize(f, new double[n], Bounds.none(n), OPTIONS.withMaxIterations(1000));
        assertThat(newton.status()).as(newton.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(newton.optimality()).isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(newton.objective())));
        assertThat(newton.iterations()).as("Newton-CG %s vs L-BFGS-B %s", newton, lbfgs).isLessThanOrEqualTo(lbfgs.iterations() / 10);
        assertThat(newton.hessianVectorProducts()).isPositive();
        assertThat(newton.objective()).isLessThanOrEqualTo(lbfgs.objective());
        assertThat(newton.method()).isEqualTo("Newton-CG");
    }

    @Test
    void rosenbrockInOneHundredDimensions() {
        double[] x0 = new double[100];
        for (int i = 0; i < 100; i++) x0[i] = i % 2 == 0 ? -1.2 : 1;
        Result r = NewtonCg.minimize(rosenbrock(100, true), x0, Bounds.none(100), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        double[] ones = new double[100];
        Arrays.fill(ones, 1);
        assertThat(r.x()).containsExactly(ones, within(1e-6));
    }

    @Test
    void finiteDifferenceProductsWithoutAHessian() {
        Result r = NewtonCg.minimize(rosenbrock(2, false), new double[]{-1.2, 1}, Bounds.none(2), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.x()).containsExactly(new double[]{1, 1}, within(1e-5));
        assertThat(r.evaluations()).as("each product costs one evaluation").isGreaterThan(r.hessianVectorProducts());
    }

    @Test
    void boxQuadraticProgramMeetsKkt() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 5; trial++) {
            int n = 40;
            double[][] a = randomSpd(logSpaced(n, 1e3), random);
            double[] b = new double[n];
            for (int i = 0; i < n; i++) b[i] = 20 * gaussian(random);
            Bounds box = Bounds.box(n, -1, 1);
            DifferentiableFunction f = quadratic(a, b, true);
            Result r = NewtonCg.minimize(f, new double[n], box, OPTIONS);
            assertThat(r.status()).as("trial %d: %s", trial, r).isEqualTo(Status.OPTIMAL);
            int atBound = Kkt.assertKkt(f, r.x(), box, 1e-5 * Math.max(1, Math.abs(r.objective())), 1e-3);
            assertThat(atBound).isBetween(5, n - 5);
            Result lbfgs = LbfgsB.minimize(f, new double[n], box, OPTIONS);
            assertThat(r.objective()).isCloseTo(lbfgs.objective(), within(1e-8 * Math.abs(lbfgs.objective())));
        }
    }

    @Test
    void nonNegativeLeastSquaresHasExactZeros() {
        SplittableRandom random = new SplittableRandom(6);
        int m = 60, n = 40;
        double[][] a = new double[m][n];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) a[i][j] = gaussian(random);
            b[i] = gaussian(random);
        }
        DifferentiableFunction f = leastSquares(a, b, 0);
        double[] x0 = new double[n];
        Arrays.fill(x0, 1);
        Result r = NewtonCg.minimize(f, x0, Bounds.nonNegative(n), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        int zeros = Kkt.assertKkt(f, r.x(), Bounds.nonNegative(n), 1e-5 * Math.max(1, r.objective()), 1e-4);
        assertThat(zeros).isGreaterThan(5);
    }

    @Test
    void functionWithADomainIsSolvedFromInside() {
        double[] c = {0.5, 1, 2, 4, 8};
        double[] x0 = new double[c.length];
        Arrays.fill(x0, 5);
        Result r = NewtonCg.minimize(negativeLog(c), x0, Bounds.none(c.length), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        double tol = 1e-6 * Math.max(1, Math.abs(r.objective()));
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i] - 1 / r.x()[i]).as("gradient %d", i).isCloseTo(0, within(tol));
            assertThat(r.x()[i]).isCloseTo(1 / c[i], within(tol / (c[i] * c[i]) * 1.01));
        }
    }

    @Test
    void indefiniteQuadraticIsUnbounded() {
        double[][] a = {{2, 0, 0}, {0, -1, 0}, {0, 0, 3}};
        Result r = NewtonCg.minimize(quadratic(a, new double[]{1, 1, 1}, true), new double[3], Bounds.none(3), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNBOUNDED);
    }

    @Test
    void indefiniteQuadraticOnABoxEndsAtAKktPoint() {
        double[][] a = {{2, 0.5}, {0.5, -1}};
        DifferentiableFunction f = quadratic(a, new double[]{1, 0.3}, true);
        Bounds box = Bounds.box(2, -2, 2);
        Result r = NewtonCg.minimize(f, new double[]{0.1, 0.1}, box, OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        Kkt.assertKkt(f, r.x(), box, 1e-6 * Math.max(1, Math.abs(r.objective())), 1e-3);
        assertThat(Math.abs(r.x()[1])).isEqualTo(2.0);
    }
}
