package dev.matcalc.calculus;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Shape;

import java.util.List;

/**
 * A derivative of {@code function} with respect to {@code wrt} (one variable per order; a Hessian
 * names its variable twice). {@code differential} is a map linear in each of {@code directions},
 * the complete answer at every order: the differential of {@code base}, which is the function
 * itself at order 1 and, at order k, the derivative of order k-1 laid out in the numeric
 * convention (a gradient in its variable's shape, a Jacobian m×n), so its numbers come out in
 * shape(f) + shape(wrt₁) + … order. {@code matrix} is the matrix form in {@code layout}, or null
 * when the derivative is a tensor with no matrix form.
 */
public record Derivative(Expr function, List<Var> wrt, Layout layout, Kind kind,
                         Expr matrix, Expr base, Expr differential, List<Var> directions) {

    public enum Kind {
        DERIVATIVE("derivative"), GRADIENT("gradient"), JACOBIAN("Jacobian"), HESSIAN("Hessian"),
        SECOND_DERIVATIVE("second derivative"), TENSOR("tensor");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public int order() {
        return wrt.size();
    }

    public boolean hasMatrixForm() {
        return matrix != null;
    }

    /** The shape of the matrix form; null for tensors. */
    public Shape shape() {
        return matrix == null ? null : matrix.shape();
    }

    /** The shape of the numeric values: shape(f) + shape(wrt₁) + …, a scalar adding no axis. */
    public List<String> numericAxes() {
        List<String> axes = new java.util.ArrayList<>();
        addAxes(function.shape(), axes);
        for (Var v : wrt) addAxes(v.shape(), axes);
        return axes;
    }

    private static void addAxes(Shape s, List<String> axes) {
        if (!s.rows().isOne()) axes.add(s.rows().toString());
        if (!s.cols().isOne()) axes.add(s.cols().toString());
    }
}
