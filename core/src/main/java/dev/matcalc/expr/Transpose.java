package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** The transpose A'. */
public record Transpose(Expr arg) implements Expr {
    @Override
    public Shape shape() {
        return arg.shape().transpose();
    }
}
