package dev.matcalc.shapes;

/**
 * The shape of a value given for a variable, with its kind as the value was written: a number
 * is a scalar, a list a vector, a list of rows a matrix. Sizes alone cannot say this (a 1×1
 * matrix is also a number and a vector of length 1), and the typer needs it: the kind of a
 * given value decides the kind of a variable that is not declared, before usage and the letter
 * convention ({@code lam} given 0.5 is a scalar although {@code l} is a vector letter).
 *
 * @param rows the number of rows: 1 for a scalar, the length of a vector
 * @param cols the number of columns: 1 for a scalar and a vector
 */
public record ValueShape(Kind kind, int rows, int cols) {

    /** What a value is, by how it is written; NumPy's 0-d, 1-d and 2-d arrays. */
    public enum Kind { SCALAR, VECTOR, MATRIX }

    public static final ValueShape SCALAR = new ValueShape(Kind.SCALAR, 1, 1);

    public ValueShape {
        java.util.Objects.requireNonNull(kind, "kind");
        if (rows < 1 || cols < 1)
            throw new IllegalArgumentException("a value has positive sizes, got " + rows + "×" + cols);
        if (kind == Kind.SCALAR && (rows != 1 || cols != 1) || kind == Kind.VECTOR && cols != 1)
            throw new IllegalArgumentException("a " + kind + " value cannot be " + rows + "×" + cols);
    }

    public static ValueShape vector(int length) {
        return new ValueShape(Kind.VECTOR, length, 1);
    }

    public static ValueShape matrix(int rows, int cols) {
        return new ValueShape(Kind.MATRIX, rows, cols);
    }

    /** Whether a variable declared {@code d} can take this value: the same kind (a symmetric matrix is a matrix). */
    boolean fits(Declaration d) {
        return switch (d.kind()) {
            case SCALAR -> kind == Kind.SCALAR;
            case VECTOR -> kind == Kind.VECTOR;
            case MATRIX, SYMMETRIC -> kind == Kind.MATRIX;
        };
    }

    /** {@code a scalar}, {@code a vector of length 3}, {@code a 2×3 matrix}: as messages speak of values. */
    public String describe() {
        return switch (kind) {
            case SCALAR -> "a scalar";
            case VECTOR -> "a vector of length " + rows;
            case MATRIX -> "a " + rows + "×" + cols + " matrix";
        };
    }
}
