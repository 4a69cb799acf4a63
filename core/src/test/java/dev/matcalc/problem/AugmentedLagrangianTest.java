package dev.matcalc.problem;

import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.render.Render;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The augmented Lagrangian, built once as an expression with λ, μ, ρ as parameters: its value is
 * the PHR formula of f, g and h; its gradient and Hessian-vector product match finite differences
 * for given multipliers; functions for different multipliers can be used side by side.
 */
class AugmentedLagrangianTest {
    private static final SplittableRandom DATA = new SplittableRandom(7);
    private static final DMatrixRMaj X = gaussian(DATA, 5, 3), Y = gaussian(DATA, 5, 1), A = gaussian(DATA, 2, 3);
    private static final DMatrixRMaj B = column(0.5, -0.2), C = spd(DATA, 3), D = gaussian(DATA, 3, 1);

    private static CompiledProblem regression() {
        return CompiledProblem.compile(minimize("0.5*norm2(X*w - y)^2", List.of("w"),
                List.of("A*w <= b", "sum(w) == 1", "norm2(w)^2 <= 4", "w >= -1"), data("X", X, "y", Y, "A", A, "b", B)));
    }

    private static CompiledProblem covariance() {
        return CompiledProblem.compile(minimize("-logdet(S) + tr(S*C) + x'*x", List.of("S", "x"),
                List.of("det(S) >= 0.5", "S*x == d", "x'*S*x <= 2", "S*S <= 3"), data("C", C, "d", D))
                .withDeclarations(lets("S", "symmetric")));
    }

    @Test
    void sizesAndNames() {
        AugmentedLagrangian al = regression().problem();
        assertThat(al.dimension()).isEqualTo(3);
        assertThat(al.inequalities()).isEqualTo(2 + 1);           // w >= -1 is a bound, not here
        assertThat(al.equalities()).isEqualTo(1);
        assertThat(al.describeInequality(1)).isEqualTo("constraint 1 (A*w <= b), entry 2");
        assertThat(al.describeInequality(2)).isEqualTo("constraint 3 (norm2(w)^2 <= 4)");
        assertThat(al.describeEquality(0)).isEqualTo("constraint 2 (sum(w) == 1)");
        AugmentedLagrangian cov = covariance().problem();
        assertThat(cov.inequalities()).isEqualTo(1 + 1 + 9);
        assertThat(cov.equalities()).isEqualTo(3);
        assertThat(cov.describeInequality(2 + 5)).isEqualTo("constraint 4 (S*S <= 3), entry [2,3]");
    }

    @Test
    void theLagrangianIsOneExpressionWithTheMultipliersAsParameters() {
        AugmentedLagrangian al = regression().problem();
        String text = Render.text(al.expression());
        assertThat(text).contains("relu(", "λ1", "λ2", "μ1", "ρ");
        assertThat(text).doesNotContain("λ3");
        al.lagrangian(new double[3], new double[1], 10);
        assertThat(al.expression()).isSameAs(al.expression());
        assertThat(Render.text(al.expression())).isEqualTo(text);
    }

    @Test
    void valueIsThePhrFormula() {
        for (CompiledProblem p : List.of(regression(), covariance())) {
            AugmentedLagrangian al = p.problem();
            SplittableRandom rng = new SplittableRandom(5);
            for (int trial = 0; trial < 5; trial++) {
                double[] x = near(p, rng), lambda = nonnegative(rng, al.inequalities()), mu = randomVector(rng, al.equalities(), 1);
                double rho = 0.5 + 10 * rng.nextDouble();
                double[] g = new double[al.inequalities()], h = new double[al.equalities()], grad = new double[x.length];
                al.constraints(x, g, h);
                double expected = al.objective().valueAndGradient(x, grad), penalty = 0;
                for (int i = 0; i < g.length; i++) penalty += Math.pow(Math.max(0, g[i] + lambda[i] / rho), 2);
                for (int j = 0; j < h.length; j++) penalty += Math.pow(h[j] + mu[j] / rho, 2);
                expected += rho / 2 * penalty;
                assertThat(expected).isFinite();
                assertThat(al.lagrangian(lambda, mu, rho).valueAndGradient(x, grad)).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @Test
    void constraintValuesAreTheNormalForms() {
        AugmentedLagrangian al = regression().problem();
        double[] w = {0.2, -0.4, 1.5}, g = new double[3], h = new double[1];
        al.constraints(w, g, h);
        for (int i = 0; i < 2; i++) {
            double aw = 0;
            for (int j = 0; j < 3; j++) aw += A.get(i, j) * w[j];
            assertThat(g[i]).isCloseTo(aw - B.get(i), within(1e-14));
        }
        assertThat(g[2]).isCloseTo(0.04 + 0.16 + 2.25 - 4, within(1e-14));
        assertThat(h[0]).isCloseTo(0.2 - 0.4 + 1.5 - 1, within(1e-14));
    }

    @Test
    void gradientAndHessianVectorProductMatchFiniteDifferences() {
        for (CompiledProblem p : List.of(regression(), covariance())) {
            AugmentedLagrangian al = p.problem();
            SplittableRandom rng = new SplittableRandom(9);
            for (int trial = 0; trial < 6; trial++) {
                double[] x = near(p, rng);
                DifferentiableFunction l = al.lagrangian(nonnegative(rng, al.inequalities()),
                        randomVector(rng, al.equalities(), 2), 0.5 + 20 * rng.nextDouble());
                assertGradient(l, x, 1e-6);
                assertHessianVectorProduct(l, x, randomVector(rng, x.length, 1), 1e-5);
            }
        }
    }

    /** Each function keeps its own multipliers though they share one compiled Lagrangian. */
    @Test
    void functionsForDifferentMultipliersCoexist() {
        CompiledProblem p = regression();
        AugmentedLagrangian al = p.problem();
        double[] x = {0.3, 0.3, 0.4}, g = new double[3];
        DifferentiableFunction first = al.lagrangian(new double[] {1, 2, 3}, new double[] {4}, 2);
        double before = first.valueAndGradient(x, g);
        DifferentiableFunction second = al.lagrangian(new double[] {0, 0, 0}, new double[] {0}, 100);
        double other = second.valueAndGradient(x, g);
        assertThat(first.valueAndGradient(x, g)).isEqualTo(before);
        assertThat(other).isNotEqualTo(before);
        assertThat(second.valueAndGradient(x, g)).isEqualTo(other);
    }

    @Test
    void badMultipliersAreRefused() {
        AugmentedLagrangian al = regression().problem();
        assertThatThrownBy(() -> al.lagrangian(new double[2], new double[1], 1)).hasMessageContaining("λ has 2 entries");
        assertThatThrownBy(() -> al.lagrangian(new double[3], new double[0], 1)).hasMessageContaining("μ has 0 entries");
        assertThatThrownBy(() -> al.lagrangian(new double[3], new double[1], 0)).hasMessageContaining("ρ must be positive");
    }

    private static double[] near(CompiledProblem p, SplittableRandom rng) {
        double[] x = p.start();
        for (int i = 0; i < x.length; i++) x[i] += 0.1 * rng.nextGaussian();   // S stays positive definite
        return x;
    }

    private static double[] nonnegative(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextDouble() < 0.3 ? 0 : 2 * rng.nextDouble();
        return v;
    }
}
