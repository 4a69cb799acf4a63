package dev.matcalc.optimization;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The generalized Cauchy point and the subspace step against their definitions, with the model
 * matrix B formed densely from the compact representation (itself checked in CompactLbfgsTest).
 */
class CauchyPointTest {
    private record Instance(int n, double[] x, double[] g, double[] l, double[] u, CompactLbfgs memory, double[][] b) {
        /** m(z) = g'(z − x) + ½(z − x)'B(z − x). */
        double model(double[] z) {
            double[] dz = new double[n], bdz = new double[n];
            for (int i = 0; i < n; i++) dz[i] = z[i] - x[i];
            TestProblems.multiply(b, dz, bdz);
            return Box.dot(g, dz) + 0.5 * Box.dot(dz, bdz);
        }

        double[] path(double t) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) z[i] = Box.clamp(x[i] - t * g[i], l[i], u[i]);
            return z;
        }
    }

    private static Instance instance(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 4 + random.nextInt(10), m = 1 + random.nextInt(5);
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) eig[i] = 0.2 + 5 * random.nextDouble();
        double[][] a = TestProblems.randomSpd(eig, random);
        CompactLbfgs memory = new CompactLbfgs(n, m);
        int pairs = random.nextInt(m + 2);
        for (int p = 0; p < pairs; p++) {
            double[] s = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) s[i] = TestProblems.gaussian(random);
            TestProblems.multiply(a, s, y);
            memory.add(s, y);
        }
        double[] x = new double[n], g = new double[n], l = new double[n], u = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = random.nextInt(4) == 0 ? Double.NEGATIVE_INFINITY : -random.nextDouble();
            u[i] = random.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : random.nextDouble();
            int where = random.nextInt(5);
            x[i] = where == 0 && l[i] > Double.NEGATIVE_INFINITY ? l[i] : where == 1 && u[i] < Double.POSITIVE_INFINITY ? u[i] : 0;
            g[i] = 2 * TestProblems.gaussian(random);
        }
        double[][] b = new double[n][n];
        double[] v = new double[2 * m], mv = new double[2 * m];
        for (int j = 0; j < n; j++) {
            memory.wRow(j, v);
            memory.multiplyM(v, mv);
            for (int i = 0; i < n; i++) b[i][j] = (i == j ? memory.theta() : 0) - memory.wRowTimes(i, mv);
        }
        return new Instance(n, x, g, l, u, memory, b);
    }

    @RepeatedTest(40)
    void cauchyPointIsTheFirstLocalMinimizerAlongTheProjectedPath(RepetitionInfo info) {
        Instance p = instance(info.getCurrentRepetition());
        CauchyPoint cp = new CauchyPoint(p.n, p.memory.m);
        cp.compute(p.x, p.g, p.l, p.u, p.memory);
        // x^c lies on the path: find its t from a coordinate that moved
        double t = 0;
        for (int i = 0; i < p.n; i++) {
            if (p.g[i] != 0 && cp.xc[i] != p.x[i] && cp.xc[i] > p.l[i] && cp.xc[i] < p.u[i]) t = Math.max(t, (p.x[i] - cp.xc[i]) / p.g[i]);
        }
        if (t == 0) {   // every moving coordinate hit its bound: t is the last breakpoint reached
            for (int i = 0; i < p.n; i++) {
                if (cp.xc[i] != p.x[i]) t = Math.max(t, (p.x[i] - cp.xc[i]) / p.g[i]);
            }
        }
        double[] onPath = p.path(t);
        for (int i = 0; i < p.n; i++) assertThat(cp.xc[i]).as("seed %d: x^c on the path at coordinate %d", info.getCurrentRepetition(), i).isCloseTo(onPath[i], within(1e-9));
        // the model decreases along the path up to t and not right after it
        double previous = 0;
        for (int k = 1; k <= 200; k++) {
            double value = p.model(p.path(t * k / 200));
            assertThat(value).as("seed %d: model non-increasing on [0, t]", info.getCurrentRepetition()).isLessThanOrEqualTo(previous + 1e-9);
            previous = value;
        }
        double after = p.model(p.path(t + 1e-6 * Math.max(1, t)));
        assertThat(after).as("seed %d: x^c is a local minimizer along the path", info.getCurrentRepetition()).isGreaterThanOrEqualTo(p.model(cp.xc) - 1e-9);
        // coordinates the path has pushed onto a bound hold it exactly, and c = W'(x^c − x)
        for (int i = 0; i < p.n; i++) {
            if (!cp.free[i]) assertThat(cp.xc[i] == p.l[i] || cp.xc[i] == p.u[i]).as("seed %d: fixed coordinate %d on a bound", info.getCurrentRepetition(), i).isTrue();
        }
        double[] dz = new double[p.n], c = new double[2 * p.memory.m];
        for (int i = 0; i < p.n; i++) dz[i] = cp.xc[i] - p.x[i];
        p.memory.wTransposeTimes(dz, c);
        for (int j = 0; j < 2 * p.memory.size(); j++) assertThat(cp.c[j]).isCloseTo(c[j], within(1e-9 * (1 + Math.abs(c[j]))));
    }

    @RepeatedTest(40)
    void subspaceStepMinimizesTheModelOverTheFreeCoordinates(RepetitionInfo info) {
        Instance p = instance(1000 + info.getCurrentRepetition());
        CauchyPoint cp = new CauchyPoint(p.n, p.memory.m);
        cp.compute(p.x, p.g, p.l, p.u, p.memory);
        SubspaceMinimization sm = new SubspaceMinimization(p.n, p.memory.m);
        assertThat(sm.compute(p.x, p.g, p.l, p.u, cp, p.memory)).isTrue();
        // unconstrained minimizer over F: B_FF·d = −(g + B(x^c − x))_F, solved densely
        int[] free = java.util.stream.IntStream.range(0, p.n).filter(i -> cp.free[i]).toArray();
        int nf = free.length;
        if (nf == 0 || p.memory.size() == 0) {
            assertThat(sm.xBar).containsExactly(cp.xc);
            return;
        }
        double[] dz = new double[p.n], bdz = new double[p.n];
        for (int i = 0; i < p.n; i++) dz[i] = cp.xc[i] - p.x[i];
        TestProblems.multiply(p.b, dz, bdz);
        double[][] system = new double[nf][nf + 1];
        for (int a = 0; a < nf; a++) {
            for (int c = 0; c < nf; c++) system[a][c] = p.b[free[a]][free[c]];
            system[a][nf] = -(p.g[free[a]] + bdz[free[a]]);
        }
        double[] d = solve(system);
        double[] expected = cp.xc.clone();
        boolean inside = true;
        for (int a = 0; a < nf; a++) {
            int i = free[a];
            expected[i] = cp.xc[i] + d[a];
            inside &= expected[i] > p.l[i] && expected[i] < p.u[i];
        }
        double descent = 0;
        for (int i = 0; i < p.n; i++) descent += (expected[i] - p.x[i]) * p.g[i];
        if (inside && descent <= 0) {
            for (int i = 0; i < p.n; i++) assertThat(sm.xBar[i]).as("seed %d coordinate %d", 1000 + info.getCurrentRepetition(), i).isCloseTo(expected[i], within(1e-7 * (1 + Math.abs(expected[i]))));
        }
        for (int i = 0; i < p.n; i++) assertThat(sm.xBar[i]).isBetween(p.l[i], p.u[i]);
        assertThat(p.model(sm.xBar)).as("the subspace step does not raise the model above the Cauchy point").isLessThanOrEqualTo(p.model(cp.xc) + 1e-9);
    }

    /** Gaussian elimination with partial pivoting on [A | b]. */
    private static double[] solve(double[][] ab) {
        int n = ab.length;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) if (Math.abs(ab[i][k]) > Math.abs(ab[pivot][k])) pivot = i;
            double[] t = ab[k];
            ab[k] = ab[pivot];
            ab[pivot] = t;
            for (int i = k + 1; i < n; i++) {
                double f = ab[i][k] / ab[k][k];
                for (int j = k; j <= n; j++) ab[i][j] -= f * ab[k][j];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = ab[i][n];
            for (int j = i + 1; j < n; j++) s -= ab[i][j] * x[j];
            x[i] = s / ab[i][i];
        }
        return x;
    }
}
