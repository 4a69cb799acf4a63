package dev.matcalc.optimization;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.matcalc.optimization.TestProblems.*;
import static org.assertj.core.api.Assertions.*;

/**
 * The polish's cost against its budget: what it spends is reported whether or not its point is
 * kept, and where the Hessian columns of the free coordinates alone exceed the budget it is not
 * tried and evaluates nothing.
 */
class ActiveSetPolishTest {
    /** A function that counts its gradients and Hessian-vector products. */
    private static final class Counted implements DifferentiableFunction {
        final DifferentiableFunction f;
        int gradients, products;

        Counted(DifferentiableFunction f) {
            this.f = f;
        }

        public int dimension() {
            return f.dimension();
        }

        public double valueAndGradient(double[] x, double[] g) {
            gradients++;
            return f.valueAndGradient(x, g);
        }

        public boolean hasHessianVectorProduct() {
            return f.hasHessianVectorProduct();
        }

        public void hessianVectorProduct(double[] x, double[] v, double[] out) {
            products++;
            f.hessianVectorProduct(x, v, out);
        }
    }

    /** A well-conditioned quadratic in n = 6, L-BFGS-B's answer at 1e-6 (not yet at rounding). */
    private static final int N = 6;

    private static DifferentiableFunction wellConditioned() {
        SplittableRandom random = new SplittableRandom(5);
        double[] eigenvalues = new double[N];
        for (int i = 0; i < N; i++) eigenvalues[i] = 1 + i;
        double[] b = new double[N];
        for (int i = 0; i < N; i++) b[i] = gaussian(random);
        return quadratic(randomSpd(eigenvalues, random), b, true);
    }

    private static Result solved(DifferentiableFunction f) {
        Result r = LbfgsB.minimize(f, new double[N], Bounds.none(N), Options.defaults().withMethod(Method.LBFGSB));
        assertThat(r.status()).isEqualTo(Status.OPTIMAL);
        assertThat(r.optimality()).as("the first-order answer leaves digits to polish").isGreaterThan(1e-12);
        return r;
    }

    private static ActiveSetPolish.Attempt polish(DifferentiableFunction f, Result r, int budget) {
        return ActiveSetPolish.polish(f, null, Bounds.none(N), r.x(), new double[0], new double[0], r.optimality(),
                r.violation(), 1e-6, budget);
    }

    @Test
    void withinItsBudgetAQuadraticIsSolvedToRoundingAndTheSpendIsReported() {
        Counted f = new Counted(wellConditioned());
        Result r = solved(f);
        f.gradients = 0;
        ActiveSetPolish.Attempt a = polish(f, r, 200);
        assertThat(a.polished()).isNotNull();
        assertThat(a.polished().optimality()).isLessThan(1e-12);
        assertThat(a.evaluations()).isEqualTo(f.gradients).isEqualTo(a.polished().evaluations());
        assertThat(a.hessianVectorProducts()).as("one column per free coordinate").isEqualTo(f.products).isEqualTo(N);
    }

    @Test
    void aBudgetBelowTheHessianColumnsIsNotTriedAndEvaluatesNothing() {
        Counted f = new Counted(wellConditioned());
        Result r = solved(f);
        f.gradients = 0;
        ActiveSetPolish.Attempt a = polish(f, r, N + 1);
        assertThat(a.polished()).isNull();
        assertThat(a.evaluations()).isZero();
        assertThat(f.gradients).isZero();
        assertThat(f.products).isZero();
    }

    @Test
    void anAttemptGivenUpForItsBudgetStillReportsWhatItSpent() {
        // N columns and two gradients fit, the Newton step's check of its point does not
        Counted f = new Counted(wellConditioned());
        Result r = solved(f);
        f.gradients = 0;
        ActiveSetPolish.Attempt a = polish(f, r, N + 2);
        assertThat(a.polished()).isNull();
        assertThat(f.gradients).isPositive();
        assertThat(a.evaluations()).isEqualTo(f.gradients);
        assertThat(a.hessianVectorProducts()).isEqualTo(f.products).isEqualTo(N);
    }

    @Test
    void coordinatesOnTheirBoundsDoNotCountAgainstTheBudget() {
        // min ½‖x − a‖² on x ≥ 0 with a < 0 but for one entry: one free coordinate, one column
        double[][] identity = new double[N][N];
        for (int i = 0; i < N; i++) identity[i][i] = 1;
        double[] a = {-1, -2, 3, -1, -0.5, -4};
        Counted f = new Counted(quadratic(identity, a, true));
        double[] lower = new double[N], upper = new double[N];
        java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
        Bounds box = new Bounds(lower, upper);
        Result r = LbfgsB.minimize(f, new double[N], box, Options.defaults().withMethod(Method.LBFGSB));
        f.gradients = 0;
        ActiveSetPolish.Attempt at = ActiveSetPolish.polish(f, null, box, r.x(), new double[0], new double[0],
                r.optimality(), r.violation(), 1e-6, 3);
        assertThat(f.products).isLessThanOrEqualTo(1);
        assertThat(at.evaluations()).isEqualTo(f.gradients).isPositive();
    }
}
