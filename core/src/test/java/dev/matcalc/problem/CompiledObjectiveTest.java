package dev.matcalc.problem;

import dev.matcalc.optimization.DifferentiableFunction;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The compiled objective's value, gradient (by every variable, packed) and Hessian-vector product
 * against central finite differences at random points, for the models the issue names.
 */
class CompiledObjectiveTest {
    private static final SplittableRandom DATA = new SplittableRandom(11);
    private static final DMatrixRMaj X = gaussian(DATA, 6, 3), Y = gaussian(DATA, 6, 1), T = gaussian(DATA, 4, 3);
    private static final DMatrixRMaj LABELS = new DMatrixRMaj(6, 1, true, 1, -1, 1, 1, -1, -1);
    private static final DMatrixRMaj C = spd(DATA, 3);

    private static CompiledProblem compile(String objective, List<String> over, String... lets) {
        return CompiledProblem.compile(minimize(objective, over, List.of(),
                data("X", X, "y", Y, "labels", LABELS, "T", T, "C", C, "lam", scalar(0.3))).withDeclarations(lets(lets)));
    }

    /** A random point near the start (inside the domain: the start is, and the steps are small). */
    private static double[] near(CompiledProblem p, SplittableRandom rng, double scale) {
        double[] x = p.start();
        for (int i = 0; i < x.length; i++) x[i] += scale * rng.nextGaussian();
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ridge        | 0.5*norm2(X*w - y)^2 + 0.5*lam*w'*w                 | w",
            "logistic     | sum(log(1 + exp(-labels.*(X*w + b)))) + lam*norm2(w)^2 | w b",
            "factorization| norm2(T - U*V')^2 + 0.1*norm2(U)^2                | U V",
            "mle          | -logdet(S) + tr(S*C)                                  | S",
            "mixed        | x'*S*x - logdet(S) + sum(exp(S*x))                    | S x",
            "inverse      | tr(inv(S)*C) + tr(S)                                  | S",
    })
    void gradientAndHessianVectorProductMatchFiniteDifferences(String model) {
        String[] parts = model.split("\\|");
        CompiledProblem p = compile(parts[1].strip(), List.of(parts[2].strip().split(" ")), "S", "symmetric", "x", "vector(3)",
                "U", "matrix(4,2)");
        DifferentiableFunction f = p.problem().objective();
        SplittableRandom rng = new SplittableRandom(parts[0].hashCode());
        for (int trial = 0; trial < 4; trial++) {
            double[] x = near(p, rng, 0.2);
            assertGradient(f, x, 2e-6);
            assertHessianVectorProduct(f, x, randomVector(rng, x.length, 1), 1e-5);
        }
    }

    /** The MLE -logdet(S) + tr(S*C) is minimized at S = inv(C), where its packed gradient vanishes. */
    @Test
    void mleGradientVanishesAtTheInverse() {
        CompiledProblem p = compile("-logdet(S) + tr(S*C)", List.of("S"), "S", "symmetric");
        DMatrixRMaj inverse = new DMatrixRMaj(3, 3);
        org.ejml.dense.row.CommonOps_DDRM.invert(C, inverse);
        double[] x = p.packing().pack(Map.of("S", inverse)), g = new double[x.length];
        double value = p.problem().objective().valueAndGradient(x, g);
        for (double v : g) assertThat(v).isCloseTo(0, within(1e-10));
        assertThat(value).isCloseTo(Math.log(org.ejml.dense.row.CommonOps_DDRM.det(C)) + 3, within(1e-10));
    }

    @Test
    void maximizingMinimizesTheNegative() {
        CompiledProblem max = CompiledProblem.compile(Problem.of("sum(log(x)) - 0.5*x'*x", Sense.MAX, List.of("x"), List.of())
                .withDeclarations(lets("x", "vector(3)")));
        double[] x = {0.5, 1, 2}, g = new double[3];
        double value = max.problem().objective().valueAndGradient(x, g);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += Math.log(x[i]) - 0.5 * x[i] * x[i];
            assertThat(g[i]).isCloseTo(-(1 / x[i] - x[i]), within(1e-14));
        }
        assertThat(value).isCloseTo(-expected, within(1e-14));
        assertThat(max.objectiveValue(x)).isCloseTo(expected, within(1e-14));
        assertThat(max.startSentence()).isEqualTo("Starting from x = ones (x is under log).");
    }

    /** Outside the domain: +Inf and a NaN gradient, never an exception (and the next point inside is fine again). */
    @Test
    void outsideTheDomainIsInfinite() {
        for (String f : List.of("-logdet(S) + tr(S*C)", "tr(inv(S)*C)", "sum(log(diag(S))) + tr(S*C)")) {
            CompiledProblem p = compile(f, List.of("S"), "S", "symmetric");
            DifferentiableFunction obj = p.problem().objective();
            double[] singular = new double[6], g = new double[6];          // S = 0
            assertThat(obj.valueAndGradient(singular, g)).as(f).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Arrays.stream(g).allMatch(Double::isNaN)).isTrue();
            double[] negative = p.packing().pack(Map.of("S", identity(-1)));   // invertible, but not in logdet's or log's domain
            if (!f.contains("inv")) assertThat(obj.valueAndGradient(negative, g)).as(f).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(obj.valueAndGradient(p.start(), g)).as(f).isFinite();
            assertThat(Arrays.stream(g).noneMatch(Double::isNaN)).isTrue();
            double[] out = new double[6];
            obj.hessianVectorProduct(singular, p.start(), out);          // no exception either
        }
    }

    private static DMatrixRMaj identity(double scale) {
        DMatrixRMaj m = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 3; i++) m.set(i, i, scale);
        return m;
    }

    /** The function value and gradient are those of the expression, evaluated by the reference evaluator. */
    @Test
    void valueIsTheExpressionsValue() {
        CompiledProblem p = compile("0.5*norm2(X*w - y)^2", List.of("w"));
        double[] w = {0.3, -1, 2}, g = new double[3];
        double value = p.problem().objective().valueAndGradient(w, g);
        double expected = 0;
        double[] residual = new double[6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) residual[i] += X.get(i, j) * w[j];
            residual[i] -= Y.get(i);
            expected += 0.5 * residual[i] * residual[i];
        }
        assertThat(value).isCloseTo(expected, within(1e-12));
        for (int j = 0; j < 3; j++) {
            double gj = 0;
            for (int i = 0; i < 6; i++) gj += X.get(i, j) * residual[i];
            assertThat(g[j]).isCloseTo(gj, within(1e-12));
        }
        assertThat(Arrays.stream(g).allMatch(Double::isFinite)).isTrue();
    }
}
