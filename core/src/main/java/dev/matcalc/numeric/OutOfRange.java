package dev.matcalc.numeric;

import dev.matcalc.expr.Expr;
import org.ejml.data.DMatrixRMaj;

/**
 * Where an evaluation first left the normal range of doubles, and how: numbers computed past that
 * node may be infinities, NaN, zeros or rounding noise rather than the values of the expression.
 */
public record OutOfRange(Kind kind, Expr where) {

    public enum Kind {
        /** Beyond ±1.8e308: an infinity. */
        OVERFLOW,
        /** Below 2.2e-308, the smallest normal double: subnormal (fewer digits) or rounded to 0. */
        UNDERFLOW,
        /** NaN: outside a function's domain, or ∞ - ∞, 0·∞. */
        UNDEFINED
    }

    /** How the entries of {@code m} leave the normal range, or null when they do not. */
    static Kind of(DMatrixRMaj m) {
        int n = m.getNumElements();
        boolean nan = false, infinite = false;
        double max = 0;
        for (int i = 0; i < n; i++) {
            double v = m.data[i];
            nan |= Double.isNaN(v);
            infinite |= Double.isInfinite(v);
            if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
        }
        if (infinite) return Kind.OVERFLOW;
        if (nan) return Kind.UNDEFINED;
        // a few subnormal entries beside normal ones are negligible in the norm; all of them are not
        return max > 0 && max < Double.MIN_NORMAL ? Kind.UNDERFLOW : null;
    }

    /**
     * Whether every term of a product of {@code a} and {@code b} (matrix, Hadamard or scalar) is below
     * the normal range: the product then rounds to 0 at once, without passing through subnormals.
     */
    static boolean productUnderflows(DMatrixRMaj a, DMatrixRMaj b) {
        double ma = maxAbs(a), mb = maxAbs(b);
        return ma > 0 && mb > 0 && Double.isFinite(ma) && Double.isFinite(mb)
                && Math.getExponent(ma) + Math.getExponent(mb) + 1 < Double.MIN_EXPONENT;
    }

    static double maxAbs(DMatrixRMaj m) {
        double max = 0;
        for (int i = 0; i < m.getNumElements(); i++) max = Math.max(max, Math.abs(m.data[i]));
        return max;
    }
}
