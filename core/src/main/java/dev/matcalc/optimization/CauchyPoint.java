package dev.matcalc.optimization;

import java.util.Arrays;

/**
 * The generalized Cauchy point (Byrd, Lu, Nocedal &amp; Zhu 1995, §4, algorithm CP): the first local
 * minimizer x^c of the quadratic model m(z) = f + g'(z − x) + ½(z − x)'B(z − x) along the
 * projected steepest-descent path x(t) = P(x − t·g), which is piecewise linear with a kink at
 * each breakpoint t_i where a coordinate reaches its bound.
 *
 * <p>The segments are visited in order of breakpoint (a binary heap, so only the breakpoints
 * passed are sorted); on each one the model's slope f' and curvature f'' are updated in O(m²)
 * with one product by M, and c = W'(x^c − x) is accumulated for the subspace step. A coordinate
 * that reaches its bound is set to the bound exactly and fixed. Coordinates at a bound whose
 * gradient points out of the box (or is zero) are fixed from the start; l_i = u_i is always fixed.
 * The curvature is kept at least ε·f''₀ (Morales &amp; Nocedal 2011), as rounding can make it vanish.
 */
final class CauchyPoint {
    private static final double EPS = Math.ulp(1.0);

    /** The Cauchy point. */
    final double[] xc;
    /** c = W'(x^c − x), the first 2k entries. */
    final double[] c;
    /** Whether coordinate i is free (not fixed at a bound) at x^c. */
    final boolean[] free;
    private final double[] t, d, p, wb, mwb;
    private final int[] heap;

    CauchyPoint(int n, int m) {
        xc = new double[n];
        free = new boolean[n];
        t = new double[n];
        d = new double[n];
        heap = new int[n];
        c = new double[2 * m];
        p = new double[2 * m];
        wb = new double[2 * m];
        mwb = new double[2 * m];
    }

    void compute(double[] x, double[] g, double[] l, double[] u, CompactLbfgs b) {
        int n = x.length, k = b.size(), breakpoints = 0;
        double theta = b.theta(), slope = 0;
        boolean allMovingBounded = true;
        for (int i = 0; i < n; i++) {
            xc[i] = x[i];
            d[i] = 0;
            free[i] = true;
            double gi = g[i];
            if (l[i] == u[i] || (x[i] <= l[i] && gi >= 0) || (x[i] >= u[i] && gi <= 0)) {
                free[i] = false;
                continue;
            }
            if (gi == 0) continue;
            d[i] = -gi;
            slope -= gi * gi;
            if (gi < 0 && u[i] < Double.POSITIVE_INFINITY) {
                t[i] = (u[i] - x[i]) / -gi;
                heap[breakpoints++] = i;
            } else if (gi > 0 && l[i] > Double.NEGATIVE_INFINITY) {
                t[i] = (x[i] - l[i]) / gi;
                heap[breakpoints++] = i;
            } else {
                allMovingBounded = false;
            }
        }
        Arrays.fill(c, 0);
        if (slope == 0) return;

        b.wTransposeTimes(d, p);
        b.multiplyM(p, mwb);
        double curvature = -theta * slope;                 // f'' = θ d'd − p'Mp
        for (int j = 0; j < 2 * k; j++) curvature -= p[j] * mwb[j];
        double curvature0 = Math.max(curvature, EPS * theta * -slope);
        curvature = curvature0;
        double tMin = -slope / curvature, tOld = 0;

        for (int i = breakpoints / 2 - 1; i >= 0; i--) siftDown(i, breakpoints);
        int left = breakpoints;
        while (left > 0) {
            int bp = heap[0];
            double dt = t[bp] - tOld;
            if (tMin < dt) break;
            heap[0] = heap[--left];
            siftDown(0, left);

            double gb = g[bp];
            xc[bp] = d[bp] > 0 ? u[bp] : l[bp];
            double zb = xc[bp] - x[bp];
            free[bp] = false;
            for (int j = 0; j < 2 * k; j++) c[j] += dt * p[j];
            double wMc = 0, wMp = 0, wMw = 0;
            if (k > 0) {
                b.wRow(bp, wb);
                b.multiplyM(wb, mwb);
                for (int j = 0; j < 2 * k; j++) {
                    wMc += mwb[j] * c[j];
                    wMp += mwb[j] * p[j];
                    wMw += mwb[j] * wb[j];
                }
            }
            // BLNZ eq. 4.9 and 4.10: slope and curvature on the next segment
            slope += dt * curvature + gb * gb + theta * gb * zb - gb * wMc;
            curvature = Math.max(EPS * curvature0, curvature - theta * gb * gb - 2 * gb * wMp - gb * gb * wMw);
            for (int j = 0; j < 2 * k; j++) p[j] += gb * wb[j];
            d[bp] = 0;
            tOld = t[bp];
            tMin = left == 0 && allMovingBounded ? 0 : -slope / curvature;
        }
        tMin = Math.max(0, tMin);
        double tEnd = tOld + tMin;
        for (int i = 0; i < n; i++) {
            if (d[i] != 0) xc[i] = Box.clamp(x[i] + tEnd * d[i], l[i], u[i]);
        }
        for (int j = 0; j < 2 * k; j++) c[j] += tMin * p[j];
    }

    private void siftDown(int i, int size) {
        int item = heap[i];
        double key = t[item];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && t[heap[child + 1]] < t[heap[child]]) child++;
            if (t[heap[child]] >= key) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }
}
