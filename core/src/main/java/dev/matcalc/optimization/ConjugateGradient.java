package dev.matcalc.optimization;

import java.util.Arrays;

/**
 * Truncated conjugate gradients for the Newton equations ∇²f·p = −∇f restricted to the free
 * coordinates F (Nocedal &amp; Wright, Algorithm 7.1, "line search Newton–CG"): the Hessian is
 * touched only through Hessian-vector products, with the fixed coordinates of every direction
 * zeroed. Stops when ‖r‖₂ ≤ the tolerance, after the iteration limit, or on a direction d of
 * non-positive curvature. There Algorithm 7.1 returns the iterate so far (−∇f_F if it is the
 * first direction); we return d itself, scaled to the iterate's length, so that negative
 * curvature is followed (as second-order Newton–CG variants do, e.g. Royer, O'Neill &amp; Wright,
 * Math. Program. 180, 2020); the result is still a descent direction.
 */
final class ConjugateGradient {
    enum End { CONVERGED, NEGATIVE_CURVATURE, LIMIT }

    /** The step p (zero on fixed coordinates). */
    final double[] p;
    int iterations;
    private final double[] r, direction, product;

    ConjugateGradient(int n) {
        p = new double[n];
        r = new double[n];
        direction = new double[n];
        product = new double[n];
    }

    End solve(Objective objective, double[] x, double[] g, boolean[] free, double tolerance, int maxIterations) {
        int n = x.length;
        Arrays.fill(p, 0);
        iterations = 0;
        double rr = 0;
        for (int i = 0; i < n; i++) {
            r[i] = free[i] ? -g[i] : 0;
            direction[i] = r[i];
            rr += r[i] * r[i];
        }
        if (Math.sqrt(rr) <= tolerance) return End.CONVERGED;
        while (iterations < maxIterations) {
            objective.hessianTimes(x, g, direction, product);
            double curvature = 0;
            for (int i = 0; i < n; i++) {
                if (!free[i]) product[i] = 0;
                curvature += direction[i] * product[i];
            }
            if (!Double.isFinite(curvature)) {
                if (iterations == 0) System.arraycopy(direction, 0, p, 0, n);
                return End.LIMIT;
            }
            if (curvature <= 0) {
                followCurvatureDirection(n);
                return End.NEGATIVE_CURVATURE;
            }
            iterations++;
            double alpha = rr / curvature, rrNew = 0;
            for (int i = 0; i < n; i++) {
                p[i] += alpha * direction[i];
                r[i] -= alpha * product[i];
                rrNew += r[i] * r[i];
            }
            if (Math.sqrt(rrNew) <= tolerance) return End.CONVERGED;
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) direction[i] = r[i] + beta * direction[i];
            rr = rrNew;
        }
        return End.LIMIT;
    }

    /**
     * p := (‖p‖/‖d‖)·d for the direction d of non-positive curvature (p := d when p = 0). d is a
     * descent direction, ∇f_F'd = −‖r‖² &lt; 0 (CG's r₀'d_j = r_j'r_j), along which the quadratic
     * model is unbounded below: following it lets the line search leave a saddle region, or show
     * that f itself is unbounded, where the iterate so far would only creep away.
     */
    private void followCurvatureDirection(int n) {
        double pp = 0, dd = 0;
        for (int i = 0; i < n; i++) {
            pp += p[i] * p[i];
            dd += direction[i] * direction[i];
        }
        double scale = pp == 0 ? 1 : Math.sqrt(pp / dd);
        for (int i = 0; i < n; i++) p[i] = scale * direction[i];
    }
}
