package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/** The zero of a shape. Smart constructors absorb it, so it only stands alone (a derivative that is 0). */
public record Zero(Shape shape) implements Expr { }
