package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** A scalar constant. */
public record Num(double value) implements Expr {
    public static final Num ZERO = new Num(0), ONE = new Num(1), MINUS_ONE = new Num(-1), TWO = new Num(2);

    @Override
    public Shape shape() {
        return Shape.SCALAR;
    }
}
