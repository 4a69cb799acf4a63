package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/**
 * A variable. {@link Kind#SYMMETRIC} variables are square and equal to their transpose;
 * {@link Kind#DIFFERENTIAL} variables are the direction dX of a derivative (a linear map is an
 * expression linear in its differentials), never typed by a user.
 */
public record Var(String name, Shape shape, Kind kind) implements Expr {

    public enum Kind { PLAIN, SYMMETRIC, DIFFERENTIAL }

    public Var {
        if (kind == Kind.SYMMETRIC && !shape.isSquare())
            throw new IllegalArgumentException("symmetric variable " + name + " must be square, got " + shape);
    }

    public Var(String name, Shape shape) {
        this(name, shape, Kind.PLAIN);
    }

    public boolean isSymmetric() {
        return kind == Kind.SYMMETRIC || (shape.isScalar() && kind != Kind.DIFFERENTIAL);
    }

    public boolean isDifferential() {
        return kind == Kind.DIFFERENTIAL;
    }
}
