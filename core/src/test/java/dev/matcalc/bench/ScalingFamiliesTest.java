package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.CheckReport;
import dev.matcalc.api.Checker;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Nodes;
import dev.matcalc.numeric.FiniteDifferences;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's scaling families: answers grow linearly with the depth k (not exponentially, as a
 * tree-based derivative does), and the deep (k = 64) answers are right numerically. Sizes, not
 * timings: {@code bench/scaling.sh} measures the time.
 */
class ScalingFamiliesTest {
    private static final int DEEP = 64;

    /** Doubling k at most multiplies the answer's size (nodes and text) by 2.5, from 8 to 64. */
    @ParameterizedTest
    @EnumSource(ScalingFamilies.class)
    void answerSizeIsLinearInK(ScalingFamilies family) {
        for (int k = 8; k < DEEP; k *= 2) {
            int[] small = sizes(family, k);
            int[] large = sizes(family, 2 * k);
            for (int i = 0; i < small.length; i++)
                assertThat((double) large[i]).as("%s, size %d at k=%d vs k=%d", family, i, 2 * k, k)
                        .isGreaterThan(small[i])
                        .isLessThanOrEqualTo(2.5 * small[i]);
        }
    }

    /** Gradient nodes, gradient text length, and the Hessian's where the family has one. */
    private static int[] sizes(ScalingFamilies family, int k) {
        Expression e = parse(family, k);
        DerivativeResult g = e.derivative(Layout.MIXED, family.wrt());
        if (!family.hessian()) return new int[]{Nodes.dagSize(g.expr()), g.toText().length()};
        DerivativeResult h = e.derivative(Layout.MIXED, family.wrt(), family.wrt());
        return new int[]{Nodes.dagSize(g.expr()), g.toText().length(), Nodes.dagSize(h.expr()), h.toText().length()};
    }

    /** Polynomials of degree 2 in x: finite differences are exact up to rounding, at any depth. */
    @ParameterizedTest
    @EnumSource(value = ScalingFamilies.class, names = {"QUADRATIC_FORMS", "CHAIN"})
    void deepGradientsAndHessiansMatchFiniteDifferences(ScalingFamilies family) {
        for (int order = 1; order <= 2; order++) {
            CheckReport report = Checker.check(family.source(DEEP), List.of(family.wrt()), lets(family), order,
                    Layout.MIXED, 3, 64L + order, 1e-6);
            assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
        }
    }

    /**
     * The nested inverse at k = 64, against finite differences of the expression, at X = I + small
     * and small A_j: then every inverse stays near an orthogonal-like matrix, so the gradient is
     * neither vanishing nor huge (with arbitrary A_j it could be 4^-64 or so, below what
     * differences can resolve). The step is larger than the default: 64 nested inverses make the
     * function's rounding noise larger, and that, not the O(h²) term, dominates (1e-5 at h = 6e-6,
     * 6e-7 at h = 1e-4).
     */
    @Test
    void deepNestedInverseGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 3;
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
        DMatrixRMaj x = random(n, 0.1, rng);
        CommonOps_DDRM.addEquals(x, CommonOps_DDRM.identity(n));
        values.put("X", x);
        for (int j = 1; j <= DEEP; j++) values.put("A" + j, random(n, 0.1, rng));
        Expression e = parse(ScalingFamilies.NESTED_INVERSE, DEEP);
        DerivativeResult gradient = e.derivative(Layout.MIXED, "X");
        Tensor symbolic = gradient.evaluate(values);
        Tensor reference = FiniteDifferences.derivative(e.expr(), e.variable("X"), values, 1e-4);
        assertThat(reference.maxAbs()).isGreaterThan(1e-2);
        assertThat(symbolic.maxAbsDiff(reference) / reference.maxAbs()).isLessThan(1e-5);
        assertThat(symbolic.maxAbsDiff(gradient.evaluateDifferential(values)) / reference.maxAbs()).isLessThan(1e-12);
    }

    /**
     * tr(Y_k) is homogeneous of degree 2^k in X, so no random point keeps its values within doubles
     * at k = 64 (`check` says so; its dual numbers check it at k = 8, to the default tolerance, where
     * central differences needed 1e-4); the reference is the adjoint recursion written by hand,
     * G_k = I, G_{j-1} = A_j*Y_{j-1}*G_j' + A_j'*Y_{j-1}*G_j. At orthogonal X and A_j every Y_j is
     * orthogonal in exact arithmetic, but rounding errors double at each level, so k = 24 is as deep
     * as a generic orthogonal point goes; at k = 64 the point is signed permutations, where every
     * product is exact (and the gradient's entries reach about 2^64).
     */
    @Test
    void deepNestedDefinitionsGradientMatchesTheAdjointRecursion() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k : new int[]{24, DEEP}) {
            boolean exact = k == DEEP;
            int n = 3;
            Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
            values.put("X", exact ? signedPermutation(n, rng) : orthogonal(n, rng));
            for (int j = 1; j <= k; j++) values.put("A" + j, exact ? signedPermutation(n, rng) : orthogonal(n, rng));
            Tensor symbolic = parse(ScalingFamilies.NESTED_DEFINITIONS, k).derivative(Layout.MIXED, "X").evaluate(values);
            Tensor reference = adjointGradient(values, k);
            assertThat(reference.maxAbs()).as("k=%d", k).isGreaterThan(1);
            assertThat(symbolic.maxAbsDiff(reference) / reference.maxAbs()).as("k=%d", k)
                    .isLessThan(exact ? 1e-12 : 1e-6);                  // 2^24 ulps of rounding at k = 24
        }
        CheckReport shallow = Checker.check(ScalingFamilies.NESTED_DEFINITIONS.source(8), List.of("X"),
                lets(ScalingFamilies.NESTED_DEFINITIONS), 1, Layout.MIXED, 3, 8, 1e-6);
        assertThat(shallow.passed()).as(String.join("\n", shallow.lines())).isTrue();
    }

    /** The gradient of tr(Y_k) by reverse accumulation over the levels, in plain EJML. */
    private static Tensor adjointGradient(Map<String, DMatrixRMaj> values, int k) {
        DMatrixRMaj[] y = new DMatrixRMaj[k + 1];
        y[0] = values.get("X");
        for (int j = 1; j <= k; j++) y[j] = product(transposed(y[j - 1]), values.get("A" + j), y[j - 1]);
        DMatrixRMaj g = CommonOps_DDRM.identity(y[0].numRows);
        for (int j = k; j >= 1; j--) {
            DMatrixRMaj a = values.get("A" + j);
            g = sum(product(a, y[j - 1], transposed(g)), product(transposed(a), y[j - 1], g));
        }
        return new Tensor(new int[]{g.numRows, g.numCols}, g.getData());
    }

    private static Expression parse(ScalingFamilies family, int k) {
        return MatCalc.parse(family.source(k), family.lets().toArray(String[]::new));
    }

    private static Map<String, String> lets(ScalingFamilies family) {
        Map<String, String> lets = new LinkedHashMap<>();
        for (String let : family.lets()) lets.put(let.substring(0, let.indexOf(':')), let.substring(let.indexOf(':') + 1));
        return lets;
    }

    private static DMatrixRMaj random(int n, double scale, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < m.data.length; i++) m.data[i] = scale * (2 * rng.nextDouble() - 1);
        return m;
    }

    private static DMatrixRMaj orthogonal(int n, SplittableRandom rng) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        qr.decompose(random(n, 1, rng));
        return qr.getQ(null, false);
    }

    private static DMatrixRMaj signedPermutation(int n, SplittableRandom rng) {
        List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
        java.util.Collections.shuffle(order, new java.util.Random(rng.nextLong()));
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) m.set(i, order.get(i), rng.nextBoolean() ? 1 : -1);
        return m;
    }

    private static DMatrixRMaj product(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        DMatrixRMaj ab = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, ab);
        DMatrixRMaj abc = new DMatrixRMaj(a.numRows, c.numCols);
        CommonOps_DDRM.mult(ab, c, abc);
        return abc;
    }

    private static DMatrixRMaj transposed(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    private static DMatrixRMaj sum(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj s = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.add(a, b, s);
        return s;
    }
}
