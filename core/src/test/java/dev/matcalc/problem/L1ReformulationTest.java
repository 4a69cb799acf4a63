package dev.matcalc.problem;

import dev.matcalc.expr.Nodes;
import dev.matcalc.optimization.Bounds;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static dev.matcalc.problem.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * L1 terms made smooth: the rewritten objective equals the original at feasible points where the
 * split is tight (p∘q = 0, t = |v|) and exceeds it elsewhere; non-convex uses are refused; and a
 * plain projected-gradient loop on the rewritten lasso lands on exact zeros.
 */
class L1ReformulationTest {
    private static final SplittableRandom DATA = new SplittableRandom(21);
    private static final DMatrixRMaj X = gaussian(DATA, 30, 5), D = gaussian(DATA, 4, 5), B = gaussian(DATA, 4, 1);
    private static final DMatrixRMaj Y = observations();

    /** y = X*[1, 0, -2, 0, 0] + small noise: a sparse truth. */
    private static DMatrixRMaj observations() {
        DMatrixRMaj y = new DMatrixRMaj(30, 1);
        CommonOps_DDRM.mult(X, column(1, 0, -2, 0, 0), y);
        for (int i = 0; i < 30; i++) y.data[i] += 0.05 * DATA.nextGaussian();
        return y;
    }

    private static CompiledProblem compile(Sense sense, String objective, String... constraints) {
        return CompiledProblem.compile(Problem.of(objective, sense, List.of("w"), List.of(constraints))
                .withData(data("X", X, "y", Y, "D", D, "b", B, "lam", scalar(3))));
    }

    @Test
    void aVariableIsSplitIntoTwoNonnegativeParts() {
        for (String l1 : List.of("norm1(w)", "sum(abs(w))")) {
            CompiledProblem p = compile(Sense.MIN, "0.5*norm2(X*w - y)^2 + lam*" + l1);
            assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w_pos", "w_neg");
            assertThat(p.bounds().lower()).containsOnly(0);
            assertThat(p.generalConstraints()).isEmpty();
            assertThat(p.reformulations()).containsExactly(
                    "norm1(w) → sum(w_pos + w_neg) with w = w_pos - w_neg, w_pos >= 0, w_neg >= 0");
            assertTightAndLoose(p);
            assertThat(p.describe()).isEqualTo("""
                    variables: w_pos (5×1), w_neg (5×1), 10 unknowns
                    min 0.5*norm2(X*(w_pos - w_neg) - y)^2 + lam*sum(w_pos + w_neg)
                      (norm1(w) → sum(w_pos + w_neg) with w = w_pos - w_neg, w_pos >= 0, w_neg >= 0)
                    bound: w_pos >= 0
                    bound: w_neg >= 0
                    """);
        }
    }

    /** At p = relu(w), q = relu(-w) the values agree; adding c to both parts adds 2·lam·sum(c) instead. */
    private static void assertTightAndLoose(CompiledProblem p) {
        SplittableRandom rng = new SplittableRandom(4);
        DifferentiableFunction f = p.problem().objective();
        for (int trial = 0; trial < 5; trial++) {
            double[] w = randomVector(rng, 5, 1), x = new double[10];
            for (int i = 0; i < 5; i++) {
                x[i] = Math.max(w[i], 0);
                x[5 + i] = Math.max(-w[i], 0);
            }
            double original = p.objectiveValue(x);
            assertThat(p.solution(x).get("w").data).containsExactly(w, within(1e-15));
            assertThat(f.valueAndGradient(x, new double[10])).isCloseTo(original, within(1e-9 * Math.abs(original)));
            for (int i = 0; i < 5; i++) {
                x[i] += 0.5;
                x[5 + i] += 0.5;
            }
            assertThat(f.valueAndGradient(x, new double[10])).isCloseTo(original + 2 * 3 * 0.5 * 5, within(1e-9 * Math.abs(original)));
        }
    }

    @Test
    void anAffineArgumentGetsAnEpigraph() {
        CompiledProblem p = compile(Sense.MIN, "0.5*norm2(w)^2 + norm1(D*w - b)");
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w", "t1");
        assertThat(p.generalConstraints()).extracting(TypedConstraint::text).containsExactly("D*w - b <= t1", "-t1 <= D*w - b");
        assertThat(p.boundConstraints()).extracting(TypedConstraint::text).containsExactly("t1 >= 0");
        assertThat(p.reformulations()).containsExactly("norm1(D*w - b) → sum(t1) with -t1 <= D*w - b <= t1");
        SplittableRandom rng = new SplittableRandom(8);
        for (int trial = 0; trial < 5; trial++) {
            double[] w = randomVector(rng, 5, 1), x = new double[9];
            System.arraycopy(w, 0, x, 0, 5);
            DMatrixRMaj r = new DMatrixRMaj(4, 1);
            CommonOps_DDRM.mult(D, new DMatrixRMaj(5, 1, true, w), r);
            for (int i = 0; i < 4; i++) x[5 + i] = Math.abs(r.get(i) - B.get(i));
            double[] g = new double[8];
            p.problem().constraints(x, g, new double[0]);
            for (int i = 0; i < 4; i++) assertThat(Math.max(g[i], g[4 + i])).isCloseTo(0, within(1e-12));   // feasible, tight
            assertThat(p.problem().objective().valueAndGradient(x, new double[9]))
                    .isCloseTo(p.objectiveValue(x), within(1e-12));
        }
        assertThat(p.start()).hasSize(9);
        double[] g = new double[8];
        p.problem().constraints(p.start(), g, new double[0]);           // the start's t is |D*w - b|: feasible
        for (double v : g) assertThat(v).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void splitAndEpigraphTogether() {
        CompiledProblem p = compile(Sense.MIN, "0.5*norm2(X*w - y)^2 + lam*norm1(w) + norm1(D*w - b)", "norm1(w) <= 10");
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w_pos", "w_neg", "t1");
        dev.matcalc.expr.Var w = p.typed().variables().get(0);
        assertThat(Nodes.contains(p.minimizedObjective(), w)).isFalse();
        for (TypedConstraint c : p.generalConstraints()) assertThat(Nodes.contains(c.expr(), w)).as(c.text()).isFalse();
        assertThat(p.generalConstraints()).extracting(TypedConstraint::text).contains("norm1(w) <= 10");
    }

    @Test
    void aMaximizedNegativeNormIsConvex() {
        CompiledProblem p = compile(Sense.MAX, "-0.5*norm2(X*w - y)^2 - lam*norm1(w)");
        assertThat(p.packing().dimension()).isEqualTo(10);
        double[] x = {1, 0, 0, 0.5, 0, 0, 0, 2, 0, 0};
        assertThat(p.problem().objective().valueAndGradient(x, new double[10])).isCloseTo(-p.objectiveValue(x), within(1e-9));
    }

    @Test
    void nonConvexUsesAreRefused() {
        assertThat(error(Sense.MIN, "0.5*norm2(X*w - y)^2 - lam*norm1(w)").getMessage())
                .startsWith("norm1(w) in the objective is not supported there")
                .contains("here it enters with the factor -lam = -3.0");
        assertThat(error(Sense.MAX, "-0.5*norm2(X*w - y)^2 + lam*norm1(w)").getMessage())
                .contains("the maximized objective").contains("-lam = -3.0");
        assertThat(error(Sense.MIN, "log(1 + norm1(w))").getMessage())
                .startsWith("norm1(w) is not supported inside log(1 + norm1(w)) (in the objective)");
        assertThat(error(Sense.MIN, "w'*w", "norm1(w) == 1").getMessage())
                .startsWith("norm1(w) in constraint 1 (norm1(w) == 1) is not supported: an equality");
        assertThat(error(Sense.MIN, "w'*w", "norm1(w) >= 1").getMessage())
                .startsWith("norm1(w) in constraint 1 (norm1(w) >= 1) is not supported there");
        assertThat(error(Sense.MIN, "w'*w + norm1(tanh(w))").getMessage())
                .contains("tanh(w) is not affine in w");
        assertThat(error(Sense.MIN, "w'*w + w'*w*norm1(w)").getMessage())
                .startsWith("norm1(w) is not supported inside");
    }

    private static SourceError error(Sense sense, String objective, String... constraints) {
        return Fixtures.error(Problem.of(objective, sense, List.of("w"), List.of(constraints))
                .withData(data("X", X, "y", Y, "D", D, "b", B, "lam", scalar(3))));
    }

    /**
     * The lasso, rewritten, solved by projected gradient steps onto p, q ≥ 0 (a test-only loop, not a
     * solver): the entries that are zero at the solution come out exactly 0, and the result meets the
     * lasso's optimality conditions |X_j'(Xw - y)| ≤ lam where w_j = 0, X_j'(Xw - y) = -lam·sign(w_j) elsewhere.
     */
    @Test
    void projectedGradientOnTheRewrittenLassoReachesExactZeros() {
        CompiledProblem p = compile(Sense.MIN, "0.5*norm2(X*w - y)^2 + lam*norm1(w)");
        DifferentiableFunction f = p.problem().objective();
        Bounds box = p.bounds();
        double step = 1 / (2 * CommonOps_DDRM.elementSum(squares()));     // 1/L, L ≤ 2·‖X‖_F²
        double[] x = p.start(), g = new double[x.length];
        for (int iteration = 0; iteration < 20_000; iteration++) {
            f.valueAndGradient(x, g);
            for (int i = 0; i < x.length; i++) x[i] = Math.min(box.upper()[i], Math.max(box.lower()[i], x[i] - step * g[i]));
        }
        double[] w = p.solution(x).get("w").data;
        assertThat(w[1]).isEqualTo(0.0);
        assertThat(w[3]).isEqualTo(0.0);
        assertThat(w[4]).isEqualTo(0.0);
        assertThat(w[0]).isGreaterThan(0.5);
        assertThat(w[2]).isLessThan(-1.5);
        DMatrixRMaj residual = new DMatrixRMaj(30, 1), correlation = new DMatrixRMaj(5, 1);
        CommonOps_DDRM.mult(X, new DMatrixRMaj(5, 1, true, w), residual);
        CommonOps_DDRM.subtractEquals(residual, Y);
        CommonOps_DDRM.multTransA(X, residual, correlation);
        for (int j = 0; j < 5; j++) {
            if (w[j] == 0) assertThat(Math.abs(correlation.get(j))).isLessThanOrEqualTo(3 + 1e-9);
            else assertThat(correlation.get(j)).isCloseTo(-3 * Math.signum(w[j]), within(1e-8));
        }
        assertThat(p.startSentence()).isEqualTo("Starting from w = 0.");
    }

    private static DMatrixRMaj squares() {
        DMatrixRMaj s = X.copy();
        CommonOps_DDRM.elementMult(s, X);
        return s;
    }

    @Test
    void constantNormsAreLeftAlone() {
        CompiledProblem p = CompiledProblem.compile(minimize("w'*w + norm1(b) + sum(D*w)", List.of("w"), List.of(), data("b", B, "D", D)));
        assertThat(p.reformulations()).isEmpty();
        assertThat(p.packing().slots()).extracting(s -> s.variable().name()).containsExactly("w");
        assertThat(p.problem().objective().value(p.start())).isCloseTo(
                Math.abs(B.get(0)) + Math.abs(B.get(1)) + Math.abs(B.get(2)) + Math.abs(B.get(3)), within(1e-12));
    }
}
