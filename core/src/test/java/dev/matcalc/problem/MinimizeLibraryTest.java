package dev.matcalc.problem;

import dev.matcalc.MatCalc;
import dev.matcalc.data.DataValue;
import dev.matcalc.optimization.Iteration;
import dev.matcalc.optimization.Status;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library's {@code MatCalc.minimize}/{@code maximize}: answers checked against closed forms and Newton references. */
class MinimizeLibraryTest {
    static double[][] randomMatrix(int m, int n, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[m][n];
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        return a;
    }

    static double[] randomVector(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    static double[] column(double[][] m) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) v[i] = m[i][0];
        return v;
    }

    @Test
    void ridgeMatchesTheClosedForm() {
        double[][] x = randomMatrix(30, 5, 1);
        double[] y = randomVector(30, 2);
        double lam = 0.7;
        List<Iteration> seen = new ArrayList<>();
        Solution s = MatCalc.minimize("(X*w - y)'*(X*w - y) + lam*w'*w").over("w")
                .data("X", x).data("y", y).data("lam", lam).tolerance(1e-10).onIteration(seen::add).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        DMatrixRMaj xm = new DMatrixRMaj(x), ym = new DMatrixRMaj(y.length, 1, true, y);
        DMatrixRMaj a = new DMatrixRMaj(5, 5), b = new DMatrixRMaj(5, 1), w = new DMatrixRMaj(5, 1);
        CommonOps_DDRM.multTransA(xm, xm, a);
        for (int i = 0; i < 5; i++) a.add(i, i, lam);
        CommonOps_DDRM.multTransA(xm, ym, b);
        CommonOps_DDRM.solve(a, b, w);
        double[] got = column(s.matrix("w"));
        for (int i = 0; i < 5; i++) assertThat(got[i]).isCloseTo(w.get(i), org.assertj.core.api.Assertions.within(1e-7));
        assertThat(s.solution().get("w").shape()).containsExactly(5);
        assertThat(seen).hasSize(s.iterations());
        assertThat(s.optimality()).isLessThan(1e-6 * Math.max(1, Math.abs(s.objective())));
        assertThat(s.evaluations()).isGreaterThanOrEqualTo(s.iterations());
        assertThat(s.method()).contains("L-BFGS-B");
        assertThat(s.start()).contains("w = 0");
    }

    @Test
    void logisticRegressionMatchesNewtonsMethod() {
        int m = 60, n = 4;
        double[][] x = randomMatrix(m, n, 3);
        double[] truth = {1, -2, 0.5, 0};
        Random r = new Random(4);
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double z = 0;
            for (int j = 0; j < n; j++) z += x[i][j] * truth[j];
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : -1;
        }
        double lam = 0.1;
        Solution s = MatCalc.minimize("sum(log(1 + exp(-y.*(X*w)))) + lam/2*w'*w").over("w")
                .data("X", x).data("y", y).data("lam", lam).tolerance(1e-10).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        double[] w = new double[n];
        for (int it = 0; it < 50; it++) {          // Newton's method, the reference
            double[] g = new double[n];
            double[][] h = new double[n][n];
            for (int j = 0; j < n; j++) { g[j] = lam * w[j]; h[j][j] = lam; }
            for (int i = 0; i < m; i++) {
                double z = 0;
                for (int j = 0; j < n; j++) z += x[i][j] * w[j];
                double sig = 1 / (1 + Math.exp(y[i] * z));     // sigmoid(-y z)
                for (int j = 0; j < n; j++) {
                    g[j] -= sig * y[i] * x[i][j];
                    for (int k = 0; k < n; k++) h[j][k] += sig * (1 - sig) * x[i][j] * x[i][k];
                }
            }
            DMatrixRMaj step = new DMatrixRMaj(n, 1);
            CommonOps_DDRM.solve(new DMatrixRMaj(h), new DMatrixRMaj(n, 1, true, g), step);
            for (int j = 0; j < n; j++) w[j] -= step.get(j);
        }
        double[] got = column(s.matrix("w"));
        for (int j = 0; j < n; j++) assertThat(got[j]).isCloseTo(w[j], org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void maximizeReportsTheObjectiveAsWritten() {
        // max -(x-3)^2 + 5 over a scalar: x = 3, f = 5
        Solution s = MatCalc.maximize("5 - (x - c)'*(x - c)").over("x").data("c", DataValue.vector(3, -1)).solve();
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(s.objective()).isCloseTo(5, org.assertj.core.api.Assertions.within(1e-10));
        assertThat(column(s.matrix("x"))).containsExactly(new double[] {3, -1}, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aParameterWithoutDataIsAnError() {
        assertThatThrownBy(() -> MatCalc.minimize("norm2(A*x - b)^2").over("x").data("A", new double[][] {{1, 0}, {0, 1}}).solve())
                .isInstanceOf(SourceError.class).hasMessageContaining("no data for the parameter b");
    }
}
