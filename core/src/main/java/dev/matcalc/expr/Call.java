package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** A matrix function or reduction from the table {@link MatFn}: sum, tr, det, inv, softmax, ... */
public record Call(MatFn fn, Expr arg) implements Expr {
    @Override
    public Shape shape() {
        return fn.resultShape(arg.shape());
    }
}
