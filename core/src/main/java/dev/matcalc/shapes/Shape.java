package dev.matcalc.shapes;

/**
 * The shape of a value: every matcalc expression is a rows×cols matrix, with scalars (1×1),
 * column vectors (n×1) and row vectors (1×n) as special cases. Derivatives of higher order are
 * linear maps between such shapes (see {@code dev.matcalc.calculus}), never wider arrays.
 */
public record Shape(Dim rows, Dim cols) implements java.io.Serializable {

    public static final Shape SCALAR = new Shape(Dim.ONE, Dim.ONE);

    public static Shape vector(Dim n) {
        return new Shape(n, Dim.ONE);
    }

    public static Shape matrix(Dim rows, Dim cols) {
        return new Shape(rows, cols);
    }

    public boolean isScalar() {
        return rows.isOne() && cols.isOne();
    }

    /** A column vector n×1 with n ≠ 1. */
    public boolean isColumn() {
        return cols.isOne() && !rows.isOne();
    }

    /** A row vector 1×n with n ≠ 1. */
    public boolean isRow() {
        return rows.isOne() && !cols.isOne();
    }

    /** Neither dimension is 1. */
    public boolean isMatrix() {
        return !rows.isOne() && !cols.isOne();
    }

    public boolean isSquare() {
        return rows.equals(cols);
    }

    public Shape transpose() {
        return new Shape(cols, rows);
    }

    /** The kind of value as a user says it: scalar, vector, row vector or matrix. */
    public String kind() {
        if (isScalar()) return "scalar";
        if (isColumn()) return "vector";
        if (isRow()) return "row vector";
        return "matrix";
    }

    /** {@code n×m}, as error messages and answers print shapes ({@code (n+m)×1} for a block). */
    @Override
    public String toString() {
        return times(rows.toString(), cols.toString());
    }

    /** {@code n×m}, a compound dimension in parentheses so that × binds as read: {@code 1×(n+m)}, not {@code 1×n+m}. */
    public static String times(String... dims) {
        StringBuilder sb = new StringBuilder();
        for (String d : dims) {
            if (!sb.isEmpty()) sb.append('×');
            sb.append(d.contains("+") || d.contains("-") ? "(" + d + ")" : d);
        }
        return sb.toString();
    }

    /** The declaration syntax that reads back as this shape: {@code scalar}, {@code vector(n)}, {@code matrix(m,n)}. */
    public String declaration() {
        if (isScalar()) return "scalar";
        if (isColumn()) return "vector(" + rows + ")";
        return "matrix(" + rows + "," + cols + ")";
    }
}
