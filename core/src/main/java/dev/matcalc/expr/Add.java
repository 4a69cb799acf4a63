package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

import java.util.List;

/**
 * A sum of two or more terms. Scalar terms added to a non-scalar sum are expanded to its shape
 * (the notes' scalar expansion): {@code x + c} is {@code x + c·1}.
 */
public record Add(List<Expr> terms, Shape shape) implements Expr {
    public Add {
        terms = List.copyOf(terms);
    }
}
