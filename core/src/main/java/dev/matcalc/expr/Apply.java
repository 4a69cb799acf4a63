package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** An element-wise function f(X) from the table {@link Fn}. */
public record Apply(Fn fn, Expr arg) implements Expr {
    @Override
    public Shape shape() {
        return arg.shape();
    }
}
