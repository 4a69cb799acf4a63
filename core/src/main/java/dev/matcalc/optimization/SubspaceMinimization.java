package dev.matcalc.optimization;

/**
 * The subspace step of L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995, §5.1, direct primal method):
 * minimize the quadratic model over the coordinates F left free at the Cauchy point x^c, the
 * others held at their bounds, and project the minimizer back into the box.
 *
 * <p>With Z the columns of I for F and A those for the fixed coordinates, the reduced gradient is
 * r = Z'(g + θ(x^c − x) − W·M·c) and the reduced Hessian B̂ = θI − Z'W·M·W'Z. Sherman–Morrison–
 * Woodbury gives d = −B̂⁻¹r = −r/θ − Z'W·K⁻¹·W'Z·r/θ² with K = M⁻¹ − W'ZZ'W/θ, i.e.
 * <pre>
 *   K = [ −(D + Y'ZZ'Y/θ)   (L − S'ZZ'Y)' ]
 *       [   L − S'ZZ'Y          θ·S'AA'S   ]
 * </pre>
 * solved by block elimination with two Cholesky factorizations (of D + Y'ZZ'Y/θ and of the Schur
 * complement θS'AA'S + K₂₁K₁₁⁻¹K₂₁', both positive definite), as BLNZ's formk does. The k×k
 * blocks are summed over F or, when fewer coordinates are fixed, over A and subtracted from the
 * kept S'Y, S'S, Y'Y: O(k²·min(|F|, |A|)).
 *
 * <p>The new point is x̄ = P(x^c + Z·d) when that is a descent direction from x (Morales &amp; Nocedal
 * 2011, "Remark on Algorithm 778") and does not raise the model above its value at x^c; else the
 * step is shortened to stay in the box (the original algorithm), which keeps m(x̄) ≤ m(x^c) as the
 * convergence theory requires. Without the model test the projected step can be a descent
 * direction so nearly orthogonal to the gradient that the iteration stalls (the reference code
 * does: a random box QP, seed 970 of {@code RandomBoxProblemsTest}, stops at f = 144.2 instead of
 * 69.3 with SciPy's defaults).
 */
final class SubspaceMinimization {
    /** The result x̄. */
    final double[] xBar;
    private final int[] freeIndex, fixedIndex;
    private final double[] r, du, wy, ws;
    private final double[] u, mc, column;
    private final double[][] k11, k21, k11InvK21t, schur;
    /** Rows of S and Y over F or A (whichever is smaller), one contiguous array per column. */
    private final double[][] gatheredS, gatheredY;

    SubspaceMinimization(int n, int m) {
        xBar = new double[n];
        freeIndex = new int[n];
        fixedIndex = new int[n];
        r = new double[n];
        du = new double[n];
        wy = new double[n];
        ws = new double[n];
        u = new double[2 * m];
        mc = new double[2 * m];
        column = new double[m];
        k11 = new double[m][m];
        k21 = new double[m][m];
        k11InvK21t = new double[m][m];
        schur = new double[m][m];
        gatheredS = new double[m][n / 2 + 1];     // min(|F|, |A|) ≤ n/2
        gatheredY = new double[m][n / 2 + 1];
    }

    /** Computes {@link #xBar}; false when a factorization fails (the memory should be reset). */
    boolean compute(double[] x, double[] g, double[] l, double[] uBound, CauchyPoint cp, CompactLbfgs b) {
        int n = x.length, k = b.size(), nFree = 0, nFixed = 0;
        System.arraycopy(cp.xc, 0, xBar, 0, n);
        for (int i = 0; i < n; i++) {
            if (cp.free[i]) freeIndex[nFree++] = i;
            else fixedIndex[nFixed++] = i;
        }
        if (nFree == 0 || k == 0) return true;
        double theta = b.theta();

        b.multiplyM(cp.c, mc);
        wTimes(b, mc, nFree);
        for (int f = 0; f < nFree; f++) {
            int i = freeIndex[f];
            r[f] = g[i] + theta * (cp.xc[i] - x[i]) - (wy[f] + theta * ws[f]);
        }
        for (int j = 0; j < k; j++) {       // u = W'Z·r
            double[] yj = b.y(j), sj = b.s(j);
            double a = 0, c = 0;
            for (int f = 0; f < nFree; f++) {
                a += yj[freeIndex[f]] * r[f];
                c += sj[freeIndex[f]] * r[f];
            }
            u[j] = a;
            u[k + j] = theta * c;
        }
        formK(b, k, theta, nFree, n);

        // K·w = u:  w₂ = S⁻¹(u₂ + K₂₁K₁₁⁻¹u₁),  w₁ = K₁₁⁻¹(K₂₁'w₂ − u₁)
        if (!SmallDense.cholesky(k11, k)) return false;
        for (int i = 0; i < k; i++) {        // k11InvK21t column i = K₁₁⁻¹ (row i of K₂₁)'
            double[] col = column;
            for (int p = 0; p < k; p++) col[p] = k21[i][p];
            SmallDense.solveCholesky(k11, k, col, 0);
            for (int p = 0; p < k; p++) k11InvK21t[p][i] = col[p];
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = schur[i][j];
                for (int p = 0; p < k; p++) s += k21[i][p] * k11InvK21t[p][j];
                schur[i][j] = s;
            }
        }
        if (!SmallDense.cholesky(schur, k)) return false;
        double[] w = mc;                      // reuse: M·c is no longer needed
        for (int p = 0; p < k; p++) w[p] = u[p];
        SmallDense.solveCholesky(k11, k, w, 0);            // w₁ := K₁₁⁻¹u₁
        for (int i = 0; i < k; i++) {
            double s = u[k + i];
            for (int p = 0; p < k; p++) s += k21[i][p] * w[p];
            w[k + i] = s;
        }
        SmallDense.solveCholesky(schur, k, w, k);          // w₂
        for (int p = 0; p < k; p++) {
            double s = -u[p];
            for (int i = 0; i < k; i++) s += k21[i][p] * w[k + i];
            w[p] = s;
        }
        SmallDense.solveCholesky(k11, k, w, 0);            // w₁

        wTimes(b, w, nFree);
        for (int f = 0; f < nFree; f++) {
            du[f] = -r[f] / theta - (wy[f] + theta * ws[f]) / (theta * theta);
        }
        projectOrTruncate(x, g, l, uBound, cp, nFree, b);
        return true;
    }

    /**
     * (W·v)_i = wy[f] + θ·ws[f] for each free i = freeIndex[f], as {@link CompactLbfgs#wRowTimes}
     * sums it (the same order, so the same numbers), a column of W at a time: the coordinates run in
     * the inner loop, over arrays rather than across them.
     */
    private void wTimes(CompactLbfgs b, double[] v, int nFree) {
        int k = b.size();
        java.util.Arrays.fill(wy, 0, nFree, 0);
        java.util.Arrays.fill(ws, 0, nFree, 0);
        for (int j = 0; j < k; j++) {
            double[] yj = b.y(j), sj = b.s(j);
            double vy = v[j], vs = v[k + j];
            for (int f = 0; f < nFree; f++) {
                int i = freeIndex[f];
                wy[f] += yj[i] * vy;
                ws[f] += sj[i] * vs;
            }
        }
    }

    /**
     * K₁₁ = D + Y'ZZ'Y/θ,  K₂₁ = L − S'ZZ'Y,  schur := K₂₂ = θ·S'AA'S (lower triangles of the symmetric
     * ones). The rows of S and Y over the smaller of F and A are gathered once into contiguous
     * columns, so that the k² sums each run down two arrays (four partial sums, not one chain).
     */
    private void formK(CompactLbfgs b, int k, double theta, int nFree, int n) {
        boolean overFree = nFree <= n - nFree;
        int count = overFree ? nFree : n - nFree;
        int[] index = overFree ? freeIndex : fixedIndex;
        for (int j = 0; j < k; j++) {
            double[] sj = b.s(j), yj = b.y(j), gs = gatheredS[j], gy = gatheredY[j];
            for (int f = 0; f < count; f++) {
                gs[f] = sj[index[f]];
                gy[f] = yj[index[f]];
            }
        }
        for (int i = 0; i < k; i++) {
            double[] si = gatheredS[i], yi = gatheredY[i];
            for (int j = 0; j < k; j++) {
                double[] sj = gatheredS[j], yj = gatheredY[j];
                double syz = overFree ? dot(si, yj, count) : b.sy(i, j) - dot(si, yj, count);
                k21[i][j] = (i > j ? b.sy(i, j) : 0) - syz;
                if (j <= i) {
                    double yyz = overFree ? dot(yi, yj, count) : b.yy(i, j) - dot(yi, yj, count);
                    double ssa = overFree ? b.ss(i, j) - dot(si, sj, count) : dot(si, sj, count);
                    k11[i][j] = yyz / theta + (i == j ? b.sy(i, i) : 0);
                    schur[i][j] = theta * ssa;
                }
            }
        }
    }

    /** Σ a_f·c_f over the first {@code count} entries, in four interleaved partial sums. */
    private static double dot(double[] a, double[] c, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int f = 0;
        for (; f + 3 < count; f += 4) {
            s0 += a[f] * c[f];
            s1 += a[f + 1] * c[f + 1];
            s2 += a[f + 2] * c[f + 2];
            s3 += a[f + 3] * c[f + 3];
        }
        for (; f < count; f++) s0 += a[f] * c[f];
        return (s0 + s1) + (s2 + s3);
    }

    /** m(z) = g'(z − x) + ½(z − x)'B(z − x), with (z − x)'B(z − x) = θ‖z − x‖² − v'Mv, v = W'(z − x). */
    private double model(double[] x, double[] g, double[] z, CompactLbfgs b) {
        int k = b.size();
        double linear = 0, squared = 0, theta = b.theta();
        double[] dz = wy;                      // scratch: z − x
        for (int i = 0; i < x.length; i++) {
            double d = z[i] - x[i];
            dz[i] = d;
            linear += g[i] * d;
            squared += d * d;
        }
        for (int j = 0; j < k; j++) {          // u = W'(z − x), a column of W at a time
            double[] yj = b.y(j), sj = b.s(j);
            double a = 0, c = 0;
            for (int i = 0; i < x.length; i++) {
                a += yj[i] * dz[i];
                c += theta * sj[i] * dz[i];
            }
            u[j] = a;
            u[k + j] = c;
        }
        b.multiplyM(u, mc);
        double vMv = 0;
        for (int j = 0; j < 2 * k; j++) vMv += u[j] * mc[j];
        return linear + 0.5 * (b.theta() * squared - vMv);
    }

    private void projectOrTruncate(double[] x, double[] g, double[] l, double[] u, CauchyPoint cp, int nFree, CompactLbfgs b) {
        double descent = 0;
        for (int f = 0; f < nFree; f++) {
            int i = freeIndex[f];
            xBar[i] = Box.clamp(cp.xc[i] + du[f], l[i], u[i]);
        }
        for (int i = 0; i < x.length; i++) descent += (xBar[i] - x[i]) * g[i];
        if (descent < 0 && model(x, g, xBar, b) <= model(x, g, cp.xc, b)) return;
        // not a descent direction, or the projection raised the model above the Cauchy point (which
        // the convergence theory needs it not to): the longest step along du that stays in the box,
        // the blocking coordinate exactly on its bound
        double alpha = 1;
        int blocking = -1;
        for (int f = 0; f < nFree; f++) {
            int i = freeIndex[f];
            double step = du[f];
            double limit = step < 0 ? (l[i] - cp.xc[i]) / step : step > 0 ? (u[i] - cp.xc[i]) / step : Double.POSITIVE_INFINITY;
            if (limit < alpha) {
                alpha = Math.max(0, limit);
                blocking = f;
            }
        }
        for (int f = 0; f < nFree; f++) {
            int i = freeIndex[f];
            xBar[i] = Box.clamp(cp.xc[i] + alpha * du[f], l[i], u[i]);
        }
        if (blocking >= 0) {
            int i = freeIndex[blocking];
            xBar[i] = du[blocking] < 0 ? l[i] : u[i];
        }
    }
}
