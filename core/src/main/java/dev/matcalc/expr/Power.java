package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/**
 * The element-wise power {@code base .^ exponent} ({@code x^p} for a scalar x) with a scalar
 * exponent. Division is a power with exponent -1: {@code a./b} is {@code a .* b.^-1}.
 */
public record Power(Expr base, Expr exponent) implements Expr {
    @Override
    public Shape shape() {
        return base.shape();
    }
}
