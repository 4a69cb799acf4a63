package dev.matcalc.optimization;

import static org.assertj.core.api.Assertions.assertThat;

/** First-order optimality checks for min f on a box, independent of the solvers' own tests. */
final class Kkt {
    private Kkt() {
    }

    /**
     * Asserts the KKT conditions at x: inside the box; every coordinate strictly inside has
     * |∇f_i| ≤ tol or lies within tol of the bound its gradient pushes toward (the solvers'
     * projected-gradient measure); at a lower bound ∇f_i ≥ −tol, at an upper bound ∇f_i ≤ tol (sign of the
     * multiplier, so complementarity holds); and a coordinate with |∇f_i| &gt; strict sits
     * exactly on its bound. Returns the number of coordinates at a bound.
     */
    static int assertKkt(DifferentiableFunction f, double[] x, Bounds b, double tol, double strict) {
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        double[] l = b.lower(), u = b.upper();
        int atBound = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).as("x[%d] inside the box", i).isBetween(l[i], u[i]);
            boolean atLower = x[i] == l[i], atUpper = x[i] == u[i];
            if (atLower || atUpper) atBound++;
            if (!atLower && !atUpper) {
                // stationary, or within tol of the bound the gradient pushes toward (the projected-gradient measure)
                double room = g[i] > 0 ? x[i] - l[i] : u[i] - x[i];
                assertThat(Math.min(Math.abs(g[i]), room)).as("|grad %d| = %s at a free coordinate, %s from its bound", i, g[i], room).isLessThanOrEqualTo(tol);
            }
            if (atLower && l[i] != u[i]) assertThat(g[i]).as("grad %d at the lower bound", i).isGreaterThanOrEqualTo(-tol);
            if (atUpper && l[i] != u[i]) assertThat(g[i]).as("grad %d at the upper bound", i).isLessThanOrEqualTo(tol);
            if (Math.abs(g[i]) > strict) assertThat(atLower || atUpper).as("coordinate %d with gradient %g is exactly at a bound (x = %s)", i, g[i], x[i]).isTrue();
        }
        assertThat(Box.projectedGradientNorm(x, g, l, u)).isLessThanOrEqualTo(tol);
        return atBound;
    }
}
