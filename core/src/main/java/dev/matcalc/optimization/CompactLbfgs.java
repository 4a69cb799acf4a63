package dev.matcalc.optimization;

/**
 * The limited-memory BFGS matrix in compact form (Byrd, Nocedal &amp; Schnabel 1994; Byrd, Lu,
 * Nocedal &amp; Zhu 1995, §3; Nocedal &amp; Wright §7.2, eq. 7.24):
 * <pre>
 *   B = θI − W·M·W',   W = [Y  θS] (n×2k),   M = [ −D  L' ; L  θS'S ]⁻¹ (2k×2k)
 * </pre>
 * from the k ≤ m newest pairs s_i = x_{i+1} − x_i, y_i = ∇f_{i+1} − ∇f_i (column 0 the oldest),
 * with D = diag(s_i'y_i), L the strictly lower triangle of S'Y (L_ij = s_i'y_j, i &gt; j) and
 * θ = y'y / s'y of the newest pair (1 while empty).
 *
 * <p>M is applied through the factorization M⁻¹ = [D^½ 0; −LD^-½ J]·[−D^½ D^-½L'; 0 J'] with
 * J·J' = θS'S + L·D⁻¹·L' (BLNZ eq. 3.9 and §4), so only the k×k matrix T = θS'S + LD⁻¹L' is
 * factored, once per update. S and Y live in a circular buffer; S'Y, S'S and Y'Y are kept up to
 * date with 4k dot products per update (O(mn)); nothing is allocated after construction.
 */
final class CompactLbfgs {
    final int n, m;
    private int k, start;
    private double theta = 1;
    private final double[][] s, y;          // slots, logical column j at slot (start + j) % m
    private final double[][] sy, ss, yy;    // logical order: sy[i][j] = s_i'y_j
    private final double[][] factor;        // Cholesky factor J of T

    CompactLbfgs(int n, int m) {
        this.n = n;
        this.m = m;
        s = new double[m][n];
        y = new double[m][n];
        sy = new double[m][m];
        ss = new double[m][m];
        yy = new double[m][m];
        factor = new double[m][m];
    }

    int size() {
        return k;
    }

    double theta() {
        return theta;
    }

    void reset() {
        k = 0;
        start = 0;
        theta = 1;
    }

    double[] s(int j) {
        return s[slot(j)];
    }

    double[] y(int j) {
        return y[slot(j)];
    }

    /** The slot of logical column j < k (a subtraction, not a division: callers ask per coordinate). */
    private int slot(int j) {
        int slot = start + j;
        return slot >= m ? slot - m : slot;
    }

    double sy(int i, int j) {
        return sy[i][j];
    }

    double ss(int i, int j) {
        return ss[i][j];
    }

    double yy(int i, int j) {
        return yy[i][j];
    }

    /**
     * Adds the pair (s, y), dropping the oldest when m are kept; the caller has checked the
     * curvature condition s'y &gt; 0. Returns false (and empties the memory) when T is not
     * numerically positive definite.
     */
    boolean add(double[] sNew, double[] yNew) {
        if (k == m) {
            for (int i = 0; i < m - 1; i++) {
                for (int j = 0; j < m - 1; j++) {
                    sy[i][j] = sy[i + 1][j + 1];
                    ss[i][j] = ss[i + 1][j + 1];
                    yy[i][j] = yy[i + 1][j + 1];
                }
            }
            start = (start + 1) % m;
        } else {
            k++;
        }
        int last = k - 1, slot = (start + last) % m;
        System.arraycopy(sNew, 0, s[slot], 0, n);
        System.arraycopy(yNew, 0, y[slot], 0, n);
        for (int j = 0; j < k; j++) {
            double[] sj = s(j), yj = y(j);
            sy[last][j] = Box.dot(sNew, yj);
            sy[j][last] = Box.dot(sj, yNew);
            ss[last][j] = ss[j][last] = Box.dot(sNew, sj);
            yy[last][j] = yy[j][last] = Box.dot(yNew, yj);
        }
        theta = yy[last][last] / sy[last][last];
        if (!factorT()) {
            reset();
            return false;
        }
        return true;
    }

    /** T = θS'S + L·D⁻¹·L', T_ij = θ s_i's_j + Σ_{p &lt; min(i,j)} L_ip L_jp / D_p; then T = J·J'. */
    private boolean factorT() {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double t = theta * ss[i][j];
                for (int p = 0; p < j; p++) t += sy[i][p] * sy[j][p] / sy[p][p];
                factor[i][j] = t;
            }
        }
        return SmallDense.cholesky(factor, k);
    }

    /**
     * out := M·v for v of length 2k ordered as W's columns ([Y part; S part]); out may be v.
     * Solves M⁻¹·p = v: J·J'·p₂ = v₂ + L·D⁻¹·v₁, then p₁ = D⁻¹·(L'·p₂ − v₁).
     */
    void multiplyM(double[] v, double[] out) {
        for (int i = 0; i < k; i++) {
            double t = v[k + i];
            for (int p = 0; p < i; p++) t += sy[i][p] * v[p] / sy[p][p];
            out[k + i] = t;
        }
        SmallDense.solveCholesky(factor, k, out, k);
        for (int i = 0; i < k; i++) {
            double t = -v[i];
            for (int p = i + 1; p < k; p++) t += sy[p][i] * out[k + p];
            out[i] = t / sy[i][i];
        }
    }

    /** out := row i of W = (y_0[i] … y_{k−1}[i], θ s_0[i] … θ s_{k−1}[i]). */
    void wRow(int i, double[] out) {
        for (int j = 0; j < k; j++) {
            out[j] = y(j)[i];
            out[k + j] = theta * s(j)[i];
        }
    }

    /** (W·v)_i for a 2k-vector v. */
    double wRowTimes(int i, double[] v) {
        double a = 0, b = 0;
        for (int j = 0; j < k; j++) {
            a += y(j)[i] * v[j];
            b += s(j)[i] * v[k + j];
        }
        return a + theta * b;
    }

    /** out := W'·d (2k). */
    void wTransposeTimes(double[] d, double[] out) {
        for (int j = 0; j < k; j++) {
            out[j] = Box.dot(y(j), d);
            out[k + j] = theta * Box.dot(s(j), d);
        }
    }
}
