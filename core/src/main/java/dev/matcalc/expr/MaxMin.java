package dev.matcalc.expr;

import dev.matcalc.shapes.Shape;

/**
 * The element-wise maximum or minimum of two operands, {@code max(A, B)} and {@code min(A, B)}:
 * non-scalar operands share one shape (implicit expansion has been applied), a scalar operand is
 * compared with every entry ({@code max(W*x + b, 0)}, a ReLU). Where the operands are equal the
 * first one is chosen, so the derivative passes dA there (see {@link Exprs#maxMin}).
 */
public record MaxMin(Op op, Expr left, Expr right) implements Expr {
    /** Which of the two is chosen. */
    public enum Op {
        MAX("max"), MIN("min");

        private final String name;

        Op(String name) {
            this.name = name;
        }

        /** The name users type. */
        public String fnName() {
            return name;
        }

        /** The chosen value of two scalars; a tie takes the first (the same number either way). */
        public double eval(double a, double b) {
            return choosesFirst(a, b) ? a : b;
        }

        /** Whether the first operand is chosen: a >= b for max, a <= b for min (ties go first). */
        public boolean choosesFirst(double a, double b) {
            return this == MAX ? a >= b : a <= b;
        }
    }

    @Override
    public Shape shape() {
        return left.isScalar() ? right.shape() : left.shape();
    }
}
