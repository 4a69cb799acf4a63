package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

import java.util.List;

/**
 * A block matrix {@code [A, B; C, D]}: rows of blocks, blocks in a row sharing their row count,
 * block columns sharing their column count. {@code vector(e1, e2)} and {@code [e1; e2]} are one
 * column of scalar blocks.
 */
public record Block(List<List<Expr>> rows, Shape shape) implements Expr {
    public Block {
        rows = rows.stream().map(List::copyOf).toList();
    }
}
