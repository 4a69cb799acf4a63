package dev.matcalc.calculus;

/**
 * How a derivative is laid out as a matrix.
 * <ul>
 *   <li>{@link #NUMERATOR}: rows follow the function, columns the variable (the notes' convention):
 *   the Jacobian of an m-vector by an n-vector is m×n, the gradient of a scalar by an n-vector a
 *   1×n row, by an m×n matrix an n×m matrix.</li>
 *   <li>{@link #DENOMINATOR}: the transpose of the numerator layout.</li>
 *   <li>{@link #MIXED} (matrixcalculus.org's): Jacobians in numerator layout, gradients of scalars
 *   in the variable's own shape.</li>
 * </ul>
 * Numeric values ignore the layout: they always follow shape(f) + shape(wrt).
 */
public enum Layout {
    NUMERATOR, DENOMINATOR, MIXED;

    public String label() {
        return name().toLowerCase();
    }

    public static Layout parse(String s) {
        for (Layout l : values()) if (l.label().equals(s.trim().toLowerCase())) return l;
        throw new dev.matcalc.syntax.SourceError("unknown layout '" + s + "'; use numerator, denominator or mixed");
    }
}
