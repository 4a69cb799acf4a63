package dev.matcalc.problem;

import dev.matcalc.MatCalc;
import dev.matcalc.data.DataValue;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.optimization.Status;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * At the default tolerance (1e-6, relative projected gradient) the answers of small problems are
 * polished on their active set ({@link dev.matcalc.optimization.ActiveSetPolish}): active bounds
 * hold exactly, active constraints to rounding, and the values match closed forms to 1e-10, where
 * the first-order solve alone is off by about 1e-7.
 */
class PolishedAccuracyTest {
    private static double[] vector(Solution s, String name) {
        return s.solution().get(name).data();
    }

    /** The Euclidean projection onto the probability simplex (Held, Wolfe &amp; Crowder; Duchi et al. 2008). */
    private static double[] simplexProjection(double[] a) {
        double[] u = a.clone();
        Arrays.sort(u);
        double sum = 0, tau = 0;
        for (int k = 1; k <= u.length; k++) {
            sum += u[u.length - k];
            double t = (sum - 1) / k;
            if (u[u.length - k] > t) tau = t;
        }
        double[] x = new double[a.length];
        for (int i = 0; i < a.length; i++) x[i] = Math.max(a[i] - tau, 0);
        return x;
    }

    @Test
    void projectingOneTwoOntoTheSimplexGivesZeroOneExactly() {
        Solution s = MatCalc.minimize("norm2(x - a)^2").over("x").data("a", new double[] {1, 2})
                .subjectTo("sum(x) == 1").subjectTo("x >= 0").solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] x = vector(s, "x");
        assertThat(x[0]).as("an active bound holds exactly").isEqualTo(0.0);
        assertThat(x[1]).isCloseTo(1.0, within(1e-15));
        assertThat(s.violation()).isLessThanOrEqualTo(1e-15);
        assertThat(s.objective()).isCloseTo(2.0, within(1e-14));
        assertThat(s.message()).contains("polished on the active set");
    }

    @Test
    void randomSimplexProjectionsMatchTheClosedForm() {
        Random r = new Random(7);
        for (int trial = 0; trial < 10; trial++) {
            double[] a = new double[3 + trial];
            for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
            Solution s = MatCalc.minimize("norm2(x - a)^2").over("x").data("a", a)
                    .subjectTo("sum(x) == 1").subjectTo("x >= 0").solve();
            assertThat(s.status()).as("trial %d", trial).isEqualTo(Status.OPTIMAL);
            double[] x = vector(s, "x"), expected = simplexProjection(a);
            for (int i = 0; i < a.length; i++) {
                assertThat(x[i]).as("trial %d, entry %d", trial, i).isCloseTo(expected[i], within(1e-12));
                if (expected[i] == 0) assertThat(x[i]).as("trial %d, entry %d on its bound", trial, i).isEqualTo(0.0);
            }
            assertThat(Math.abs(Arrays.stream(x).sum() - 1)).isLessThan(1e-14);
        }
    }

    @Test
    void aCoordinateNearItsBoundButNotOnItIsReleased() {
        // x = max(a, 0) = [3e-6, 0, 2]: the first entry is within 10·tol of its bound, starts on the
        // working set, and is released when its multiplier comes out negative (-6e-6)
        Solution s = MatCalc.minimize("norm2(x - a)^2").over("x").data("a", new double[] {3e-6, -1, 2})
                .subjectTo("x >= 0").solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(vector(s, "x")).containsExactly(new double[] {3e-6, 0, 2}, within(1e-15));
        assertThat(vector(s, "x")[1]).isEqualTo(0.0);
    }

    @Test
    void projectionOntoAHalfspaceIsExactAtTheConstraint() {
        // min ‖x − a‖² s.t. c'x ≤ d with c'a > d: x = a − (c'a − d)/‖c‖²·c
        double[] a = {1, 2, 3}, c = {1, -1, 2};
        double d = 1, ca = 1 - 2 + 6, cc = 6;
        Solution s = MatCalc.minimize("norm2(x - a)^2").over("x").data("a", a).data("c", c).data("d", d)
                .subjectTo("c'*x <= d").solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] x = vector(s, "x");
        for (int i = 0; i < 3; i++) assertThat(x[i]).isCloseTo(a[i] - (ca - d) / cc * c[i], within(1e-12));
        assertThat(s.violation()).isLessThanOrEqualTo(1e-14);
    }

    @Test
    void aLinearObjectiveOnTheBallIsOnTheSphereToRounding() {
        // min c'x s.t. x'x ≤ 1: x = −c/‖c‖ (a nonlinear active constraint: several Newton steps)
        double[] c = {3, -4, 12};
        Solution s = MatCalc.minimize("c'*x").over("x").data("c", c).subjectTo("x'*x <= 1").solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] x = vector(s, "x");
        for (int i = 0; i < 3; i++) assertThat(x[i]).isCloseTo(-c[i] / 13, within(1e-12));
        assertThat(s.objective()).isCloseTo(-13, within(1e-12));
    }

    @Test
    void aQuadraticProgramWithInequalitiesAndBoundsMeetsItsKktConditions() {
        // min ½x'Qx + q'x s.t. A x ≤ b, x ≥ −0.2: KKT checked here with multipliers from the active set
        Random r = new Random(3);
        int n = 6, m = 3;
        double[][] g = new double[n][n], a = new double[m][n];
        for (double[] row : g) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        DMatrixRMaj gm = new DMatrixRMaj(g), q = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(gm, gm, q);
        for (int i = 0; i < n; i++) q.add(i, i, 1);
        double[] lin = new double[n], b = new double[m];
        for (int i = 0; i < n; i++) lin[i] = r.nextGaussian();
        for (int i = 0; i < m; i++) b[i] = 0.3 * r.nextDouble();
        Solution s = MatCalc.minimize("0.5*x'*Q*x + q'*x").over("x").data("Q", q).data("q", lin).data("A", a).data("b", b)
                .subjectTo("A*x <= b").subjectTo("x >= -0.2").solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] x = vector(s, "x");
        // gradient of the objective; multipliers of the active rows by least squares on the free coordinates
        double[] grad = new double[n];
        for (int i = 0; i < n; i++) {
            grad[i] = lin[i];
            for (int j = 0; j < n; j++) grad[i] += q.get(i, j) * x[j];
        }
        java.util.List<Integer> active = new java.util.ArrayList<>(), free = new java.util.ArrayList<>();
        for (int k = 0; k < m; k++) {
            double ax = 0;
            for (int j = 0; j < n; j++) ax += a[k][j] * x[j];
            assertThat(ax).as("row %d feasible", k).isLessThanOrEqualTo(b[k] + 1e-14);
            if (ax > b[k] - 1e-9) {
                active.add(k);
                assertThat(ax).as("active row %d holds to rounding", k).isCloseTo(b[k], within(1e-13));
            }
        }
        for (int j = 0; j < n; j++) {
            assertThat(x[j]).isGreaterThanOrEqualTo(-0.2);
            if (x[j] > -0.2) free.add(j);
            else assertThat(x[j]).as("a bound holds exactly").isEqualTo(-0.2);
        }
        DMatrixRMaj jt = new DMatrixRMaj(free.size(), active.size()), rhs = new DMatrixRMaj(free.size(), 1), nu = new DMatrixRMaj(active.size(), 1);
        for (int f = 0; f < free.size(); f++) {
            rhs.set(f, -grad[free.get(f)]);
            for (int k = 0; k < active.size(); k++) jt.set(f, k, a[active.get(k)][free.get(f)]);
        }
        assertThat(CommonOps_DDRM.solve(jt, rhs, nu)).isTrue();
        for (int k = 0; k < active.size(); k++) assertThat(nu.get(k)).as("multiplier %d", k).isGreaterThan(-1e-10);
        for (int f = 0; f < free.size(); f++) {
            double stationarity = grad[free.get(f)];
            for (int k = 0; k < active.size(); k++) stationarity += nu.get(k) * a[active.get(k)][free.get(f)];
            assertThat(stationarity).as("stationary in free coordinate %d", free.get(f)).isCloseTo(0, within(1e-10));
        }
        assertThat(active.size() + n - free.size()).as("the example has something active").isPositive();
    }

    @Test
    void theMaximumLikelihoodPrecisionIsTheInverseToRounding() {
        Random r = new Random(11);
        double[][] b = new double[4][4];
        for (double[] row : b) for (int j = 0; j < 4; j++) row[j] = r.nextGaussian();
        DMatrixRMaj bm = new DMatrixRMaj(b), c = new DMatrixRMaj(4, 4), inverse = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransB(bm, bm, c);
        for (int i = 0; i < 4; i++) c.add(i, i, 0.5);
        CommonOps_DDRM.invert(c, inverse);
        Solution s = MatCalc.maximize("logdet(S) - tr(S*C)").over("S").let("S:symmetric(n)").data("C", c).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        Tensor got = s.solution().get("S");
        for (int i = 0; i < 16; i++) assertThat(got.data()[i]).isCloseTo(inverse.data[i], within(1e-12));
    }

    @Test
    void nonNegativeLeastSquaresHasExactZerosAndAStationaryRest() {
        double[][] a = {{1, 0, 2}, {0, 1, 1}, {1, 1, 0}, {2, 0, 1}};
        Solution s = MatCalc.minimize("norm2(A*x - b)^2").over("x").data("A", a).data("b", new double[] {3, -1, 2, 4})
                .subjectTo("x >= 0").solve();
        assertThat(vector(s, "x")).containsExactly(new double[] {2.1, 0, 0.1}, within(1e-14));
        assertThat(vector(s, "x")[1]).isEqualTo(0.0);
    }

    @Test
    void logisticRegressionWithL2IsStationaryToRounding() {
        Random r = new Random(5);
        int m = 40, n = 3;
        double[][] x = new double[m][n];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) x[i][j] = r.nextGaussian();
            y[i] = x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + 0.5 * r.nextGaussian() > 0 ? 1 : -1;
        }
        Solution s = MatCalc.minimize("sum(log(1 + exp(-y.*(X*w)))) + 0.5*norm2(w)^2").over("w").data("X", x).data("y", y).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] w = vector(s, "w"), grad = w.clone();
        for (int i = 0; i < m; i++) {
            double margin = 0;
            for (int j = 0; j < n; j++) margin += x[i][j] * w[j];
            double sig = 1 / (1 + Math.exp(y[i] * margin));
            for (int j = 0; j < n; j++) grad[j] -= y[i] * x[i][j] * sig;
        }
        for (double gj : grad) assertThat(gj).isCloseTo(0, within(1e-12));
    }

    @Test
    void aLengthOneVectorOfDataStaysAVector() {
        Problem p = Problem.of("norm2(x - a)^2", Sense.MIN, java.util.List.of("x"), java.util.List.of())
                .withDataValues(Map.of("a", DataValue.vector(3)));
        Solution s = ProblemSolver.solve(p, ProblemSolver.options(null, null, null));
        assertThat(s.solution().get("x").shape()).containsExactly(1);
        assertThat(s.solution().get("x").data()).containsExactly(3.0);
        // a bare 1×1 matrix is a scalar: x - a is then a vector minus a scalar, and x's size is unknown
        Problem bare = Problem.of("norm2(x - a)^2", Sense.MIN, java.util.List.of("x"), java.util.List.of())
                .withData(Map.of("a", new DMatrixRMaj(1, 1, true, 3)));
        assertThat(ProblemSolver.solve(bare.withDataValues(Map.of("a", DataValue.vector(3))), ProblemSolver.options(null, null, null))
                .solution().get("x").shape()).containsExactly(1);
        // a solution's tensor fed back as a start keeps its kind too
        Solution again = MatCalc.minimize("(x'*x - 2)^2").over("x").start("x", s.solution().get("x")).solve();
        assertThat(again.solution().get("x").shape()).containsExactly(1);
        assertThat(again.solution().get("x").data()[0]).isCloseTo(Math.sqrt(2), within(1e-12));
        // a declared vector(1) variable is reported as a vector, and norm2(x)^2 of one entry is smooth
        Solution declared = MatCalc.minimize("sum(x) + norm2(x)^2").over("x").let("x:vector(1)").solve();
        assertThat(declared.solution().get("x").shape()).containsExactly(1);
        assertThat(declared.solution().get("x").data()[0]).isCloseTo(-0.5, within(1e-12));
    }
}
