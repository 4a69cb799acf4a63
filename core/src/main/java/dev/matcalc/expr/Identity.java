package dev.matcalc.expr;

import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

/** The n×n identity matrix {@code eye}. */
public record Identity(Dim size) implements Expr {
    @Override
    public Shape shape() {
        return new Shape(size, size);
    }
}
