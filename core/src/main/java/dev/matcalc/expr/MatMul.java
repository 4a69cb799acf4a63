package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

import java.util.List;

/**
 * A product chain F1·F2·…·Fk, as MATLAB's {@code *}: scalar (1×1) factors scale, the other
 * factors chain as matrices (columns of one = rows of the next). A scalar-valued sub-chain such
 * as {@code x'*y} stays one factor, so the chain is always well formed.
 */
public record MatMul(List<Expr> factors, Shape shape) implements Expr {
    public MatMul {
        factors = List.copyOf(factors);
    }
}
