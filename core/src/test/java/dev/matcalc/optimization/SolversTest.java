package dev.matcalc.optimization;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.matcalc.optimization.TestProblems.*;
import static org.assertj.core.api.Assertions.*;

class SolversTest {
    private static DifferentiableFunction illConditioned(boolean hessian) {
        return illConditioned(hessian, 1e6);
    }

    private static DifferentiableFunction illConditioned(boolean hessian, double condition) {
        SplittableRandom random = new SplittableRandom(31);
        int n = 100;
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) eig[i] = Math.pow(condition, (double) i / (n - 1));
        double[][] a = randomSpd(eig, random);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) b[i] = gaussian(random);
        return quadratic(a, b, hessian);
    }

    @Test
    void autoWithoutHessianRunsLbfgsb() {
        Result r = Solvers.minimize(illConditioned(false, 1e3), new double[100], Bounds.none(100), Options.defaults());
        assertThat(r.method()).isEqualTo("L-BFGS-B");
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(r.hessianVectorProducts()).isZero();
    }

    @Test
    void autoHandsAnIllConditionedProblemToNewtonCg() {
        DifferentiableFunction f = illConditioned(true);
        Result auto = Solvers.minimize(f, new double[100], Bounds.none(100), Options.defaults());
        Result lbfgs = Solvers.minimize(f, new double[100], Bounds.none(100), Options.defaults().withMethod(Method.LBFGSB).withMaxIterations(1000));
        assertThat(auto.method()).isEqualTo("L-BFGS-B, then Newton-CG");
        assertThat(auto.message()).contains("Newton-CG took over at iteration").contains("slow progress");
        assertThat(auto.status()).as(auto.toString()).isEqualTo(Status.OPTIMAL);
        assertThat(auto.iterations()).as("AUTO %s vs L-BFGS-B %s", auto, lbfgs).isLessThan(lbfgs.iterations() / 4);
        assertThat(lbfgs.optimality()).as("L-BFGS-B alone is still far from the tolerance").isGreaterThan(10 * auto.optimality());
        assertThat(auto.objective()).isLessThanOrEqualTo(lbfgs.objective());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "condition {0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1e4, 1e5})
    void autoDoesLessWorkThanLbfgsbOnIllConditionedQuadratics(double condition) {
        DifferentiableFunction f = illConditioned(true, condition);
        Result auto = Solvers.minimize(f, new double[100], Bounds.none(100), Options.defaults());
        Result lbfgs = Solvers.minimize(f, new double[100], Bounds.none(100), Options.defaults().withMethod(Method.LBFGSB));
        assertThat(auto.status()).isEqualTo(Status.OPTIMAL);
        assertThat(lbfgs.status()).isEqualTo(Status.OPTIMAL);
        assertThat(auto.iterations()).as("%s vs %s", auto, lbfgs).isLessThanOrEqualTo(50).isLessThan(lbfgs.iterations() / 10);
        assertThat(auto.evaluations() + auto.hessianVectorProducts()).as("work: evaluations + products").isLessThan(lbfgs.evaluations());
    }

    @Test
    void autoOnRosenbrockHalvesTheIterations() {
        double[] x0 = new double[100];
        for (int i = 0; i < 100; i++) x0[i] = i % 2 == 0 ? -1.2 : 1;
        Result auto = Solvers.minimize(rosenbrock(100, true), x0, Bounds.none(100), Options.defaults());
        Result lbfgs = Solvers.minimize(rosenbrock(100, true), x0, Bounds.none(100), Options.defaults().withMethod(Method.LBFGSB));
        assertThat(auto.status()).isEqualTo(Status.OPTIMAL);
        assertThat(auto.method()).isEqualTo("L-BFGS-B, then Newton-CG");
        assertThat(auto.iterations()).as("%s vs %s", auto, lbfgs).isLessThan(lbfgs.iterations() * 2 / 3);
        // the price, stated in Solvers' documentation: about 4× the work of L-BFGS-B alone
        assertThat(auto.evaluations() + auto.hessianVectorProducts()).isBetween(2 * lbfgs.evaluations(), 6 * lbfgs.evaluations());
    }

    @Test
    void autoKeepsLbfgsbWhereItProgressesWell() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 50;
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) eig[i] = 1 + i / 10.0;
        DifferentiableFunction f = quadratic(randomSpd(eig, random), new double[n], true);
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) x0[i] = gaussian(random);
        Result r = Solvers.minimize(f, x0, Bounds.none(n), Options.defaults());
        assertThat(r.method()).isEqualTo("L-BFGS-B");
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.hessianVectorProducts()).isZero();
    }

    @Test
    void namedMethodsRunAsNamed() {
        DifferentiableFunction f = rosenbrock(2, true);
        assertThat(Solvers.minimize(f, new double[]{-1.2, 1}, Bounds.none(2), Options.defaults().withMethod(Method.NEWTON_CG)).method()).isEqualTo("Newton-CG");
        assertThat(Solvers.minimize(f, new double[]{-1.2, 1}, Bounds.none(2), Options.defaults().withMethod(Method.LBFGSB)).method()).isEqualTo("L-BFGS-B");
    }

    @Test
    void autoCountsIterationsAcrossTheSwitchForTheListener() {
        java.util.List<Iteration> seen = new java.util.ArrayList<>();
        Result r = Solvers.minimize(illConditioned(true), new double[100], Bounds.none(100), Options.defaults().withListener(seen::add));
        assertThat(seen).hasSize(r.iterations());
        for (int k = 0; k < seen.size(); k++) assertThat(seen.get(k).iteration()).isEqualTo(k + 1);
    }

    @Test
    void optionsKeepTheOriginalFiveArgumentForm() {
        Options o = new Options(1e-8, 50, 5, Method.LBFGSB, null);
        assertThat(o.decreaseTolerance()).isEqualTo(Options.defaults().decreaseTolerance());
        assertThat(o.constraintTolerance()).isEqualTo(Options.defaults().constraintTolerance());
        assertThat(Options.defaults()).isEqualTo(new Options(1e-6, 10_000, 10, Method.AUTO, null));
    }
}
