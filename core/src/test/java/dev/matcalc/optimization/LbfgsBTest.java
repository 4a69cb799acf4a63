package dev.matcalc.optimization;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.matcalc.optimization.TestProblems.*;
import static org.assertj.core.api.Assertions.*;

class LbfgsBTest {
    private static final Options OPTIONS = Options.defaults().withMethod(Method.LBFGSB);

    @Test
    void rosenbrockInTwoDimensions() {
        Result r = LbfgsB.minimize(rosenbrock(2, false), new double[]{-1.2, 1}, Bounds.none(2), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.x()).containsExactly(new double[]{1, 1}, within(1e-5));
        assertThat(r.objective()).isLessThan(1e-10);
        assertThat(r.iterations()).isBetween(20, 60);
        assertThat(r.method()).isEqualTo("L-BFGS-B");
    }

    @Test
    void rosenbrockInOneHundredDimensions() {
        double[] x0 = new double[100];
        for (int i = 0; i < 100; i++) x0[i] = i % 2 == 0 ? -1.2 : 1;
        Result r = LbfgsB.minimize(rosenbrock(100, false), x0, Bounds.none(100), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        double[] ones = new double[100];
        Arrays.fill(ones, 1);
        assertThat(r.x()).containsExactly(ones, within(1e-5));
        assertThat(r.optimality()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void boxQuadraticProgramMeetsKktWithActiveCoordinatesExactlyOnTheirBounds() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 5; trial++) {
            int n = 40;
            double[] eig = new double[n];
            for (int i = 0; i < n; i++) eig[i] = Math.pow(10, 3.0 * i / (n - 1));
            double[][] a = randomSpd(eig, random);
            double[] b = new double[n];
            for (int i = 0; i < n; i++) b[i] = 20 * gaussian(random);
            Bounds box = Bounds.box(n, -1, 1);
            DifferentiableFunction f = quadratic(a, b, false);
            Result r = LbfgsB.minimize(f, new double[n], box, OPTIONS);
            assertThat(r.status()).as("trial %d: %s", trial, r).isEqualTo(Status.OPTIMAL);
            int atBound = Kkt.assertKkt(f, r.x(), box, 1e-5 * Math.max(1, Math.abs(r.objective())), 1e-3);
            assertThat(atBound).as("trial %d has active bounds", trial).isBetween(5, n - 5);
        }
    }

    @Test
    void projectedSubspaceStepThatWouldStallIsTruncated() {
        // the reference code's projection gives a descent direction nearly orthogonal to the
        // gradient here and stalls at f = 144.24 (SciPy with its defaults too); the minimum is 69.3468
        RandomBoxProblemsTest.Problem p = RandomBoxProblemsTest.boxQuadratic(970);
        Result r = LbfgsB.minimize(p.f(), p.x0(), p.box(), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.objective()).isCloseTo(69.34678746098, within(1e-8));
        assertThat(r.iterations()).isLessThan(20);
        Kkt.assertKkt(p.f(), r.x(), p.box(), 1e-6 * r.objective(), Double.POSITIVE_INFINITY);
    }

    @Test
    void nonNegativeLeastSquaresHasExactZeros() {
        SplittableRandom random = new SplittableRandom(5);
        int m = 60, n = 40;
        double[][] a = new double[m][n];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) a[i][j] = gaussian(random);
            b[i] = gaussian(random);
        }
        DifferentiableFunction f = leastSquares(a, b, 0);
        Bounds nonNegative = Bounds.nonNegative(n);
        double[] x0 = new double[n];
        Arrays.fill(x0, 1);
        Result r = LbfgsB.minimize(f, x0, nonNegative, OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        int zeros = Kkt.assertKkt(f, r.x(), nonNegative, 1e-5 * Math.max(1, r.objective()), 1e-4);
        assertThat(zeros).isGreaterThan(5);
        assertThat(Arrays.stream(r.x()).filter(v -> v == 0.0).count()).isEqualTo(zeros);
    }

    @Test
    void lassoThroughSplitVariablesGivesExactZeros() {
        // min ½‖A(p − q) − b‖² + α·Σ(p + q), p, q ≥ 0: the bound-constrained form of the lasso
        SplittableRandom random = new SplittableRandom(8);
        int m = 50, n = 30;
        double alpha = 8;
        double[][] a = new double[m][2 * n];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = gaussian(random);
                a[i][n + j] = -a[i][j];
            }
            b[i] = 3 * gaussian(random);
        }
        DifferentiableFunction f = leastSquares(a, b, alpha);
        Result r = LbfgsB.minimize(f, new double[2 * n], Bounds.nonNegative(2 * n), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        Kkt.assertKkt(f, r.x(), Bounds.nonNegative(2 * n), 1e-5 * Math.max(1, r.objective()), 1e-4);
        double[] g = new double[2 * n];
        f.valueAndGradient(r.x(), g);
        int zeros = 0;
        for (int j = 0; j < n; j++) {
            double w = r.x()[j] - r.x()[n + j], correlation = g[j] - alpha;   // A'(Aw − b), column j
            assertThat(Math.min(r.x()[j], r.x()[n + j])).as("p_j and q_j are never both positive").isEqualTo(0.0);
            if (w == 0) {
                zeros++;
                assertThat(Math.abs(correlation)).as("lasso KKT |a_j'r| ≤ α at a zero").isLessThanOrEqualTo(alpha + 1e-5);
            } else {
                assertThat(correlation).as("lasso KKT a_j'r = −α·sign(w_j)").isCloseTo(-alpha * Math.signum(w), within(1e-5 * Math.max(1, r.objective())));
            }
        }
        assertThat(zeros).isBetween(3, n - 3);
    }

    @Test
    void functionWithADomainIsSolvedFromInsideAfterBackingOff() {
        double[] c = {0.5, 1, 2, 4, 8};
        int[] outside = {0};
        DifferentiableFunction negLog = negativeLog(c);
        DifferentiableFunction counting = new DifferentiableFunction() {
            public int dimension() {
                return c.length;
            }

            public double valueAndGradient(double[] x, double[] g) {
                double f = negLog.valueAndGradient(x, g);
                if (Double.isNaN(f)) outside[0]++;
                return f;
            }
        };
        double[] x0 = new double[c.length];
        Arrays.fill(x0, 5);
        Result r = LbfgsB.minimize(counting, x0, Bounds.none(c.length), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        double tol = 1e-6 * Math.max(1, Math.abs(r.objective()));
        for (int i = 0; i < c.length; i++) {
            assertThat(c[i] - 1 / r.x()[i]).as("gradient %d", i).isCloseTo(0, within(tol));
            assertThat(r.x()[i]).isCloseTo(1 / c[i], within(tol / (c[i] * c[i]) * 1.01));
        }
        assertThat(outside[0]).as("the line search had to back off").isPositive();
    }

    @Test
    void optimumBelowTheResolutionOfFIsReachedThroughTheGradient() {
        // f = (10⁵ + ½x'Ax − b'x) − 10⁵: f is rounded to multiples of 1.5e-11, far coarser than its
        // last decreases, while the gradient stays exact; both solvers must still meet the gradient test
        SplittableRandom random = new SplittableRandom(3);
        int n = 30;
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) eig[i] = Math.pow(1e4, (double) i / (n - 1));
        double[][] a = randomSpd(eig, random);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = gaussian(random);
        DifferentiableFunction exact = quadratic(a, b, true), noLinear = quadratic(a, new double[n], true);
        DifferentiableFunction coarse = new DifferentiableFunction() {
            public int dimension() {
                return n;
            }

            public double valueAndGradient(double[] x, double[] g) {
                double f = noLinear.valueAndGradient(x, g);
                for (int i = 0; i < n; i++) {
                    f -= b[i] * x[i];
                    g[i] -= b[i];
                }
                return (1e5 + f) - 1e5;
            }

            public boolean hasHessianVectorProduct() {
                return true;
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                noLinear.hessianVectorProduct(x, v, out);
            }
        };
        for (Method method : new Method[]{Method.LBFGSB, Method.NEWTON_CG}) {
            Result r = Solvers.minimize(coarse, new double[n], Bounds.none(n), Options.defaults().withMethod(method));
            Result reference = Solvers.minimize(exact, new double[n], Bounds.none(n), Options.defaults().withMethod(method));
            assertThat(r.status()).as("%s: %s", method, r).isEqualTo(Status.OPTIMAL);
            assertThat(r.optimality()).as(r.toString()).isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(r.objective())));
            assertThat(r.iterations()).as("%s with exact f: %s", r, reference).isLessThanOrEqualTo(reference.iterations() * 3 / 2);
        }
    }

    @Test
    void linearObjectiveWithoutBoundsIsUnbounded() {
        Result r = LbfgsB.minimize(linear(new double[]{1, -2, 0.5}), new double[3], Bounds.none(3), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNBOUNDED);
        assertThat(r.evaluations()).isLessThan(200);
    }

    @Test
    void concaveQuadraticIsUnbounded() {
        double[][] a = {{-1, 0}, {0, 2}};
        Result r = LbfgsB.minimize(quadratic(a, new double[]{1, 1}, false), new double[]{0.1, 0}, Bounds.none(2), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNBOUNDED);
    }

    @Test
    void unboundedAlongTheOneUnboundedCoordinate() {
        Bounds b = new Bounds(new double[]{0, Double.NEGATIVE_INFINITY}, new double[]{1, Double.POSITIVE_INFINITY});
        Result r = LbfgsB.minimize(linear(new double[]{1, -1}), new double[]{0.5, 0}, b, OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.UNBOUNDED);
        assertThat(r.x()[0]).isEqualTo(0.0);
    }

    @Test
    void linearObjectiveOnABoxEndsExactlyAtTheCorner() {
        Result r = LbfgsB.minimize(linear(new double[]{1, -2, 0.5}), new double[3], Bounds.box(3, -1, 1), OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.x()).containsExactly(-1, 1, -1);
        assertThat(r.optimality()).isZero();
    }

    @Test
    void fixedCoordinatesAndAStartOutsideTheBoxAreHonoured() {
        Bounds b = new Bounds(new double[]{0.25, -2}, new double[]{0.25, 0.5});
        Result r = LbfgsB.minimize(rosenbrock(2, false), new double[]{3, 7}, b, OPTIONS);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.x()[0]).isEqualTo(0.25);
        assertThat(r.x()[1]).isCloseTo(0.0625, within(1e-7));
    }

    @Test
    void startOutsideTheDomainFails() {
        Result r = LbfgsB.minimize(negativeLog(new double[]{1}), new double[]{-1}, Bounds.none(1), OPTIONS);
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message()).contains("not finite at the starting point");
    }

    @Test
    void emptyBoxIsInfeasible() {
        Bounds b = new Bounds(new double[]{0, 3}, new double[]{1, 2});
        Result r = LbfgsB.minimize(rosenbrock(2, false), new double[2], b, OPTIONS);
        assertThat(r.status()).isEqualTo(Status.INFEASIBLE);
        assertThat(r.message()).contains("coordinate 1");
        assertThat(r.violation()).isEqualTo(1.0);
    }

    @Test
    void iterationLimitStopsWithTheLastIterate() {
        Result r = LbfgsB.minimize(rosenbrock(2, false), new double[]{-1.2, 1}, Bounds.none(2), OPTIONS.withMaxIterations(5));
        assertThat(r.status()).isEqualTo(Status.ITERATION_LIMIT);
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.objective()).isLessThan(24.2);
    }

    @Test
    void listenerSeesEveryIterationWithFallingObjective() {
        List<Iteration> seen = new ArrayList<>();
        Result r = LbfgsB.minimize(rosenbrock(2, false), new double[]{-1.2, 1}, Bounds.none(2), OPTIONS.withListener(seen::add));
        assertThat(seen).hasSize(r.iterations());
        for (int k = 0; k < seen.size(); k++) {
            assertThat(seen.get(k).iteration()).isEqualTo(k + 1);
            if (k > 0) {
                assertThat(seen.get(k).objective()).isLessThan(seen.get(k - 1).objective());
                assertThat(seen.get(k).evaluations()).isGreaterThan(seen.get(k - 1).evaluations());
                assertThat(seen.get(k).nanos()).isGreaterThanOrEqualTo(seen.get(k - 1).nanos());
            }
        }
        assertThat(seen.get(seen.size() - 1).objective()).isEqualTo(r.objective());
        assertThat(seen.get(seen.size() - 1).optimality()).isEqualTo(r.optimality());
    }

    @Test
    void interruptionStopsTheSolve() {
        Thread.currentThread().interrupt();
        try {
            Result r = LbfgsB.minimize(rosenbrock(2, false), new double[]{-1.2, 1}, Bounds.none(2), OPTIONS);
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.message()).isEqualTo("interrupted");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    void badArgumentsAreNamed() {
        DifferentiableFunction f = rosenbrock(2, false);
        assertThatThrownBy(() -> LbfgsB.minimize(f, new double[3], Bounds.none(2), OPTIONS)).hasMessageContaining("3 entries").hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> LbfgsB.minimize(f, new double[]{0, Double.NaN}, Bounds.none(2), OPTIONS)).hasMessageContaining("coordinate 1");
        assertThatThrownBy(() -> new Bounds(new double[]{Double.NaN}, new double[]{1})).hasMessageContaining("lower bound of coordinate 0");
        assertThatThrownBy(() -> OPTIONS.withMemory(0)).hasMessageContaining("memory");
    }
}
