package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** The all-ones vector or matrix: {@code vector(1)}, {@code matrix(1)}. */
public record Ones(Shape shape) implements Expr { }
