package dev.matcalc.optimization;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The compact representation against the BFGS recursion it stands for:
 * B_{i+1} = B_i − B_i s s'B_i/(s'B_i s) + y y'/(y's) from B_0 = θI over the kept pairs (N&amp;W eq. 6.19).
 */
class CompactLbfgsTest {
    @RepeatedTest(6)
    void equalsTheBfgsRecursionOverTheKeptPairs(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        int n = 3 + random.nextInt(6), m = 1 + random.nextInt(4), pairs = 1 + random.nextInt(7);
        CompactLbfgs compact = new CompactLbfgs(n, m);
        double[][] s = new double[pairs][n], y = new double[pairs][n];
        double[][] spd = TestProblems.randomSpd(eigenvalues(n, random), random);
        for (int p = 0; p < pairs; p++) {
            for (int i = 0; i < n; i++) s[p][i] = TestProblems.gaussian(random);
            TestProblems.multiply(spd, s[p], y[p]);              // y = A·s, so s'y > 0
            for (int i = 0; i < n; i++) y[p][i] += 0.05 * TestProblems.gaussian(random);
            assertThat(compact.add(s[p], y[p])).isTrue();
        }
        int kept = Math.min(m, pairs), first = pairs - kept;
        assertThat(compact.size()).isEqualTo(kept);
        double theta = Box.dot(y[pairs - 1], y[pairs - 1]) / Box.dot(s[pairs - 1], y[pairs - 1]);
        assertThat(compact.theta()).isCloseTo(theta, within(1e-12 * theta));

        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) b[i][i] = theta;
        for (int p = first; p < pairs; p++) b = bfgsUpdate(b, s[p], y[p]);

        double[] v = new double[2 * m], mv = new double[2 * m], column = new double[2 * m];
        for (int j = 0; j < n; j++) {                  // B e_j = θ e_j − W·M·(row j of W)
            compact.wRow(j, v);
            compact.multiplyM(v, mv);
            for (int i = 0; i < n; i++) {
                double bij = (i == j ? compact.theta() : 0) - compact.wRowTimes(i, mv);
                assertThat(bij).as("B[%d][%d] (n=%d, m=%d, pairs=%d)", i, j, n, m, pairs).isCloseTo(b[i][j], within(1e-8 * (1 + Math.abs(b[i][j]))));
            }
        }
        double[] unit = new double[n];
        unit[0] = 1;
        compact.wTransposeTimes(unit, column);
        compact.wRow(0, v);
        for (int j = 0; j < 2 * kept; j++) assertThat(column[j]).isEqualTo(v[j]);
    }

    private static double[] eigenvalues(int n, SplittableRandom random) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = 0.1 + 10 * random.nextDouble();
        return e;
    }

    private static double[][] bfgsUpdate(double[][] b, double[] s, double[] y) {
        int n = s.length;
        double[] bs = new double[n];
        TestProblems.multiply(b, s, bs);
        double sbs = Box.dot(s, bs), ys = Box.dot(y, s);
        double[][] next = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) next[i][j] = b[i][j] - bs[i] * bs[j] / sbs + y[i] * y[j] / ys;
        }
        return next;
    }
}
