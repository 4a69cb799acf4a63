package dev.matcalc.optimization;

import java.util.Arrays;

/**
 * The box l ≤ x ≤ u, coordinate-wise; −∞ / +∞ where a side is unbounded, l_i = u_i fixes x_i.
 *
 * <p>The arrays are copied on construction and must not be changed through the accessors. A box
 * with some l_i &gt; u_i is accepted here (it may come from user constraints) and makes every
 * solver answer {@link Status#INFEASIBLE}.
 */
public record Bounds(double[] lower, double[] upper) {
    public Bounds {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("bounds: " + lower.length + " lower bounds but " + upper.length + " upper bounds");
        }
        lower = lower.clone();
        upper = upper.clone();
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || lower[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("bounds: lower bound of coordinate " + i + " is " + lower[i]);
            }
            if (Double.isNaN(upper[i]) || upper[i] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("bounds: upper bound of coordinate " + i + " is " + upper[i]);
            }
        }
    }

    /** No bounds on any of the n coordinates. */
    public static Bounds none(int n) {
        double[] l = new double[n], u = new double[n];
        Arrays.fill(l, Double.NEGATIVE_INFINITY);
        Arrays.fill(u, Double.POSITIVE_INFINITY);
        return new Bounds(l, u);
    }

    /** x ≥ 0. */
    public static Bounds nonNegative(int n) {
        double[] u = new double[n];
        Arrays.fill(u, Double.POSITIVE_INFINITY);
        return new Bounds(new double[n], u);
    }

    /** lo ≤ x_i ≤ hi for every coordinate. */
    public static Bounds box(int n, double lo, double hi) {
        double[] l = new double[n], u = new double[n];
        Arrays.fill(l, lo);
        Arrays.fill(u, hi);
        return new Bounds(l, u);
    }

    public int dimension() {
        return lower.length;
    }

    /** Whether any coordinate has a finite bound. */
    public boolean any() {
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] > Double.NEGATIVE_INFINITY || upper[i] < Double.POSITIVE_INFINITY) return true;
        }
        return false;
    }

    /** The first coordinate with l_i &gt; u_i, or −1 when the box is not empty. */
    public int firstEmptyCoordinate() {
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] > upper[i]) return i;
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bounds b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        return "Bounds[lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
    }
}
