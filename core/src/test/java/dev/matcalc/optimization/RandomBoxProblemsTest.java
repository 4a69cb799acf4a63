package dev.matcalc.optimization;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Seeded random box-constrained problems (every kind of bound, fixed coordinates, starts outside
 * the box) through both bound-constrained solvers, checked by the KKT conditions. A failure names
 * its seed; replay with -Dmatcalc.solver.seed=S -Dmatcalc.solver.cases=1.
 */
class RandomBoxProblemsTest {
    private static final long SEED = Long.getLong("matcalc.solver.seed", 20261202L);
    private static final int CASES = Integer.getInteger("matcalc.solver.cases", 150);

    record Problem(DifferentiableFunction f, double[] x0, Bounds box) {
    }

    /** ½x'Ax − b'x, A with spectrum up to 10⁴, bounds of every kind, a start anywhere. */
    static Problem boxQuadratic(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(30);
        double condition = Math.pow(10, 4 * random.nextDouble());
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) eig[i] = n == 1 ? 1 : Math.pow(condition, (double) i / (n - 1));
        double[][] a = TestProblems.randomSpd(eig, random);
        double[] b = new double[n], l = new double[n], u = new double[n], x0 = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 10 * TestProblems.gaussian(random);
            double lo = TestProblems.gaussian(random), width = 2 * random.nextDouble();
            switch (random.nextInt(5)) {
                case 0 -> { l[i] = Double.NEGATIVE_INFINITY; u[i] = Double.POSITIVE_INFINITY; }
                case 1 -> { l[i] = lo; u[i] = Double.POSITIVE_INFINITY; }
                case 2 -> { l[i] = Double.NEGATIVE_INFINITY; u[i] = lo; }
                case 3 -> { l[i] = lo; u[i] = lo + width; }
                default -> { l[i] = lo; u[i] = random.nextInt(3) == 0 ? lo : lo + width; }
            }
            x0[i] = 3 * TestProblems.gaussian(random);
        }
        return new Problem(TestProblems.quadratic(a, b, true), x0, new Bounds(l, u));
    }

    /** Rosenbrock in 2–20 dimensions on a random box around (1, …, 1) or away from it: a nonconvex problem. */
    static Problem boxRosenbrock(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2 + random.nextInt(19);
        double[] l = new double[n], u = new double[n], x0 = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = -2 + 2.5 * random.nextDouble();
            u[i] = l[i] + 0.2 + 2 * random.nextDouble();
            x0[i] = l[i] + (u[i] - l[i]) * random.nextDouble();
        }
        return new Problem(TestProblems.rosenbrock(n, true), x0, new Bounds(l, u));
    }

    @Test
    void randomBoxQuadraticsMeetKktWithBothSolvers() {
        double worst = 0;
        for (int c = 0; c < CASES; c++) {
            long seed = SEED + c;
            Problem p = boxQuadratic(seed);
            Result quasiNewton = LbfgsB.minimize(p.f(), p.x0(), p.box(), Options.defaults());
            Result newton = NewtonCg.minimize(p.f(), p.x0(), p.box(), Options.defaults());
            worst = Math.max(worst, Math.max(checkKkt(seed, p, quasiNewton), checkKkt(seed, p, newton)));
            assertThat(newton.objective()).as("seed %d: same optimum", seed)
                    .isCloseTo(quasiNewton.objective(), within(1e-6 * Math.max(1, Math.abs(quasiNewton.objective()))));
        }
        System.out.printf("random box QPs: %d cases, worst projected gradient / max(1, |f|) %.2e%n", CASES, worst);
    }

    @Test
    void randomBoxRosenbrocksMeetFirstOrderConditionsWithBothSolvers() {
        double worst = 0;
        for (int c = 0; c < CASES; c++) {
            long seed = SEED + 100_000 + c;
            Problem p = boxRosenbrock(seed);
            worst = Math.max(worst, checkKkt(seed, p, LbfgsB.minimize(p.f(), p.x0(), p.box(), Options.defaults())));
            worst = Math.max(worst, checkKkt(seed, p, NewtonCg.minimize(p.f(), p.x0(), p.box(), Options.defaults())));
        }
        System.out.printf("random box Rosenbrocks: %d cases, worst projected gradient / max(1, |f|) %.2e%n", CASES, worst);
    }

    /** OPTIMAL and KKT at tolerance; returns the relative projected gradient. */
    private static double checkKkt(long seed, Problem p, Result r) {
        assertThat(r.status()).as("seed %d, %s: %s", seed, r.method(), r).isEqualTo(Status.OPTIMAL);
        double scale = Math.max(1, Math.abs(r.objective()));
        try {
            Kkt.assertKkt(p.f(), r.x(), p.box(), 2e-6 * scale, Double.POSITIVE_INFINITY);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ", " + r.method() + ": " + e.getMessage(), e);
        }
        double[] g = new double[r.x().length];
        p.f().valueAndGradient(r.x(), g);
        return Box.projectedGradientNorm(r.x(), g, p.box().lower(), p.box().upper()) / scale;
    }
}
