package dev.matcalc.optimization;

/**
 * Geometry of the box l ≤ x ≤ u. Every point a solver produces passes through {@link #move}
 * or {@link #project}, so a coordinate that reaches a bound holds exactly the bound's value.
 */
final class Box {
    private Box() {
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** x := P(x), in place. */
    static void project(double[] x, double[] l, double[] u) {
        for (int i = 0; i < x.length; i++) x[i] = clamp(x[i], l[i], u[i]);
    }

    /**
     * ‖P(x − g) − x‖∞, the first-order optimality measure for min f on the box (zero exactly at a
     * KKT point). Computed per coordinate as min(|g_i|, distance to the bound g_i pushes toward),
     * not as the difference, which would lose g_i when |x_i| ≫ |g_i|.
     */
    static double projectedGradientNorm(double[] x, double[] g, double[] l, double[] u) {
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            double gi = g[i];
            double component = gi > 0 ? Math.min(gi, x[i] - l[i]) : gi < 0 ? Math.min(-gi, u[i] - x[i]) : 0;
            norm = Math.max(norm, component);
        }
        return norm;
    }

    /** The largest t ≥ 0 with l ≤ x + t·d ≤ u (x inside the box); +∞ when no bound blocks d. */
    static double maxStep(double[] x, double[] d, double[] l, double[] u) {
        double t = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (d[i] < 0 && l[i] > Double.NEGATIVE_INFINITY) t = Math.min(t, Math.max(0, (l[i] - x[i]) / d[i]));
            else if (d[i] > 0 && u[i] < Double.POSITIVE_INFINITY) t = Math.min(t, Math.max(0, (u[i] - x[i]) / d[i]));
        }
        return t;
    }

    /**
     * out := P(x + t·d). A coordinate whose move t·d_i reaches the distance to its bound is set to
     * the bound itself, so rounding in x_i + t·d_i can never leave it a hair inside (a lasso's
     * zeros stay exact zeros).
     */
    static void move(double[] x, double[] d, double t, double[] l, double[] u, double[] out) {
        for (int i = 0; i < x.length; i++) {
            double step = t * d[i], v = x[i] + step;
            if (step < 0 && (v <= l[i] || step <= l[i] - x[i])) v = l[i];
            else if (step > 0 && (v >= u[i] || step >= u[i] - x[i])) v = u[i];
            out[i] = v;
        }
    }

    /** Whether some coordinate has a finite bound. */
    static boolean anyBound(double[] l, double[] u) {
        for (int i = 0; i < l.length; i++) {
            if (l[i] > Double.NEGATIVE_INFINITY || u[i] < Double.POSITIVE_INFINITY) return true;
        }
        return false;
    }

    /** Whether every coordinate has both bounds finite. */
    static boolean boxed(double[] l, double[] u) {
        for (int i = 0; i < l.length; i++) {
            if (l[i] == Double.NEGATIVE_INFINITY || u[i] == Double.POSITIVE_INFINITY) return false;
        }
        return true;
    }

    static double normInf(double[] v) {
        double m = 0;
        for (double e : v) m = Math.max(m, Math.abs(e));
        return m;
    }

    static double norm2(double[] v) {
        double scale = normInf(v);
        if (scale == 0 || scale == Double.POSITIVE_INFINITY) return scale;
        double s = 0;
        for (double e : v) s += (e / scale) * (e / scale);
        return scale * Math.sqrt(s);
    }

    /** a'b in four interleaved partial sums: four independent chains of additions, not one. */
    static double dot(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = a.length, i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** ‖a − b‖∞. */
    static double distanceInf(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
