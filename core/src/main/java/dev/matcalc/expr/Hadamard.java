package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** The element-wise product A .* B of two operands of one non-scalar shape. */
public record Hadamard(Expr left, Expr right) implements Expr {
    @Override
    public Shape shape() {
        return left.shape();
    }
}
