package dev.matcalc.calculus;

import dev.matcalc.expr.*;
import dev.matcalc.simplify.Simplifier;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.expr.Exprs.*;

/**
 * Derivatives of any order: the differential by forward mode, then its matrix form where one
 * exists (a derivative by a scalar, a gradient, a Jacobian, a Hessian), in the asked layout.
 * Symmetric variables move only in symmetric directions: dX is replaced by (dX + dX')/2, which
 * makes the gradient the symmetric projection (G + G')/2 of the unconstrained one, at every order.
 */
public final class Differentiation {
    private Differentiation() { }

    /** The derivative of {@code f} by {@code wrt.get(0)}, then {@code wrt.get(1)}, ... (order = wrt.size()). */
    public static Derivative derivative(Expr f, List<Var> wrt, Layout layout) {
        if (wrt.isEmpty()) throw new IllegalArgumentException("no variable to differentiate by");
        List<Var> directions = new ArrayList<>();
        Expr differential = f;
        for (int i = 0; i < wrt.size(); i++) {
            Var x = wrt.get(i);
            Var dx = Forward.differentialOf(x, i + 1);
            directions.add(dx);
            differential = Simplifier.simplify(direction(Forward.differential(differential, x, dx), x, dx));
        }
        if (wrt.size() == 1) return firstOrder(f, wrt.get(0), differential, directions.get(0), layout);
        if (wrt.size() == 2 && f.isScalar()) return secondOrder(f, wrt, differential, directions, layout);
        return new Derivative(f, wrt, layout, Derivative.Kind.TENSOR, null, differential, directions);
    }

    /** The differential restricted to the directions a variable can move in: symmetric ones for symmetric X. */
    private static Expr direction(Expr linear, Var x, Var dx) {
        if (!x.isSymmetric() || x.isScalar()) return linear;
        return Nodes.substitute(linear, dx, mul(num(0.5), add(dx, Exprs.transpose(dx))));
    }

    private static Derivative firstOrder(Expr f, Var x, Expr d, Var dx, Layout layout) {
        Expr numerator = null;
        Derivative.Kind kind;
        if (x.isScalar()) {                                             // dF/dx: F's shape
            numerator = Simplifier.simplify(Nodes.substitute(d, dx, Num.ONE));
            kind = Derivative.Kind.DERIVATIVE;
        } else if (f.isScalar()) {                                      // ∇f: numerator layout is ∇f'
            Expr g = Simplifier.simplify(Reverse.gradient(d, dx));
            return new Derivative(f, List.of(x), layout, Derivative.Kind.GRADIENT,
                    layout == Layout.NUMERATOR ? Simplifier.simplify(Exprs.transpose(g)) : g, d, List.of(dx));
        } else if (x.shape().isColumn() && (f.shape().isColumn() || f.shape().isRow())) {
            Expr column = Simplifier.simplify(f.shape().isRow() ? Exprs.transpose(d) : d);
            numerator = Simplifier.simplify(JacobianExtraction.matrix(column, dx));
            kind = Derivative.Kind.JACOBIAN;
        } else {
            return new Derivative(f, List.of(x), layout, Derivative.Kind.TENSOR, null, d, List.of(dx));
        }
        Expr laid = layout == Layout.DENOMINATOR ? Simplifier.simplify(Exprs.transpose(numerator)) : numerator;
        return new Derivative(f, List.of(x), layout, kind, laid, d, List.of(dx));
    }

    /** ∂²f/∂x∂y of a scalar f: the Jacobian of the gradient ∇ₓf by y (the Hessian when y = x). */
    private static Derivative secondOrder(Expr f, List<Var> wrt, Expr d2, List<Var> directions, Layout layout) {
        Var x = wrt.get(0), y = wrt.get(1);
        Derivative first = derivative(f, List.of(x), Layout.DENOMINATOR);
        Expr gradient = first.matrix();
        if (!(gradient.shape().isColumn() || gradient.isScalar()) || !(y.shape().isColumn() || y.isScalar()))
            return new Derivative(f, wrt, layout, Derivative.Kind.TENSOR, null, d2, directions);
        Derivative jacobian = derivative(gradient, List.of(y), Layout.NUMERATOR);
        Expr m = jacobian.matrix();
        if (m == null) return new Derivative(f, wrt, layout, Derivative.Kind.TENSOR, null, d2, directions);
        if (layout == Layout.DENOMINATOR) m = Simplifier.simplify(Exprs.transpose(m));
        Derivative.Kind kind = x.equals(y) && !x.isScalar() ? Derivative.Kind.HESSIAN : Derivative.Kind.SECOND_DERIVATIVE;
        return new Derivative(f, wrt, layout, kind, m, d2, directions);
    }
}
