package dev.matcalc.optimization;

import java.util.Arrays;

/**
 * Truncated conjugate gradients for the Newton equations ∇²f·p = −∇f restricted to the free
 * coordinates F (Nocedal &amp; Wright, Algorithm 7.1, "line search Newton–CG"): the Hessian is
 * touched only through Hessian-vector products, with the fixed coordinates of every direction
 * zeroed. Stops when ‖r‖₂ ≤ the tolerance, after the iteration limit, or on a direction of
 * non-positive curvature (then the iterate so far, or −∇f_F if that is the first direction, so
 * the result is always a descent direction).
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
            if (!(curvature > 0) || !Double.isFinite(curvature)) {
                if (iterations == 0) System.arraycopy(direction, 0, p, 0, n);
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
}
