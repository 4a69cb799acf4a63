package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/**
 * A named subexpression: a user's definition ({@code Y1 = X'*A1*X}) or a name the engine gives a
 * shared part of a derivative (the differential {@code dY1}, the gradient {@code G_Y1}). It equals
 * its value; sums and products never reach inside it, so the sharing survives and answers reuse
 * the names, keeping derivatives of nested definitions linear in size. Within one problem a name
 * stands for one value, so two references are equal when their names and shapes are.
 */
public record Ref(String name, Expr value) implements Expr {
    @Override
    public Shape shape() {
        return value.shape();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ref r && r.name.equals(name) && r.value.shape().equals(value.shape());
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
