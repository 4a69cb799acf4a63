package dev.matcalc.calculus;

import dev.matcalc.expr.*;
import dev.matcalc.simplify.Simplifier;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.expr.Exprs.*;

/**
 * Derivatives of any order: the differential by forward mode, then its matrix form where one
 * exists (a derivative by a scalar, a gradient, a Jacobian, a Hessian), in the asked layout.
 * A derivative of order k is the derivative of the order-(k-1) one, laid out in the numeric
 * convention (gradients in the variable's shape, Jacobians m×n) while that is a matrix; past that
 * it is the k-linear differential. Symmetric variables move only in symmetric directions: dX is
 * replaced by (dX + dX')/2, which makes the gradient the symmetric projection (G + G')/2 of the
 * unconstrained one, in every argument at every order.
 */
public final class Differentiation {
    private Differentiation() { }

    /** The derivative of {@code f} by {@code wrt.get(0)}, then {@code wrt.get(1)}, ... (order = wrt.size()). */
    public static Derivative derivative(Expr f, List<Var> wrt, Layout layout) {
        if (wrt.isEmpty()) throw new IllegalArgumentException("no variable to differentiate by");
        Expr base = f;
        for (int i = 0; i < wrt.size() - 1 && base != null; i++) {
            Derivative step = firstOrder(base, wrt.get(i), 1, Layout.MIXED);   // a matrix form holds no differentials
            base = step.hasMatrixForm() ? step.matrix() : null;    // mixed layout = the numeric convention
        }
        if (base != null) {
            Derivative last = firstOrder(base, wrt.get(wrt.size() - 1), 1, layout);
            Derivative.Kind kind = wrt.size() == 1 ? last.kind() : higherKind(f, wrt, last);
            return new Derivative(f, wrt, layout, kind, last.matrix(), base, last.differential(), last.directions());
        }
        return multilinear(f, wrt, layout);
    }

    private static Derivative.Kind higherKind(Expr f, List<Var> wrt, Derivative last) {
        boolean sameVariable = wrt.stream().distinct().count() == 1;
        if (wrt.size() == 2 && f.isScalar() && sameVariable && !wrt.get(0).isScalar()) return Derivative.Kind.HESSIAN;
        if (!last.hasMatrixForm()) return Derivative.Kind.TENSOR;
        return wrt.size() == 2 ? Derivative.Kind.SECOND_DERIVATIVE : Derivative.Kind.DERIVATIVE;
    }

    /** Past the matrices: the k-linear differential d^k f (dX₁, …, dXₖ), with no matrix form. */
    private static Derivative multilinear(Expr f, List<Var> wrt, Layout layout) {
        List<Var> directions = new ArrayList<>();
        Expr differential = f;
        for (int i = 0; i < wrt.size(); i++) {
            Var x = wrt.get(i);
            Var dx = Forward.differentialOf(x, i + 1);
            directions.add(dx);
            differential = finish(direction(Forward.differential(differential, x, dx), x, dx));
        }
        return new Derivative(f, wrt, layout, Derivative.Kind.TENSOR, null, f, differential, directions);
    }

    /** The differential restricted to the directions a variable can move in: symmetric ones for symmetric X. */
    private static Expr direction(Expr linear, Var x, Var dx) {
        if (!x.isSymmetric() || x.isScalar()) return linear;
        return Nodes.substitute(linear, dx, mul(num(0.5), add(dx, Exprs.transpose(dx))));
    }

    /** Simplified, with the names that are used only once inlined (and simplified again). */
    private static Expr finish(Expr e) {
        Expr simple = Simplifier.simplify(e);
        Expr inlined = Refs.inlineSingleUse(simple);
        return inlined == simple ? simple : Simplifier.simplify(inlined);
    }

    /** The first derivative of {@code f} by {@code x}, its direction numbered {@code slot}. */
    static Derivative firstOrder(Expr f, Var x, int slot, Layout layout) {
        Var dx = Forward.differentialOf(x, slot);
        Expr d = finish(direction(Forward.differential(f, x, dx), x, dx));
        List<Var> wrt = List.of(x);
        Expr numerator;
        Derivative.Kind kind;
        if (x.isScalar()) {                                             // dF/dx: F's shape
            numerator = finish(Nodes.substitute(d, dx, Num.ONE));
            kind = Derivative.Kind.DERIVATIVE;
        } else if (f.isScalar()) {                                      // ∇f: numerator layout is ∇f'
            Expr g = finish(Reverse.gradient(d, dx));
            return new Derivative(f, wrt, layout, Derivative.Kind.GRADIENT,
                    layout == Layout.NUMERATOR ? finish(Exprs.transpose(g)) : g, f, d, List.of(dx));
        } else if (x.shape().isColumn() && (f.shape().isColumn() || f.shape().isRow())) {
            Expr column = finish(f.shape().isRow() ? Exprs.transpose(d) : d);
            numerator = finish(JacobianExtraction.matrix(column, dx));
            kind = Derivative.Kind.JACOBIAN;
        } else {
            return new Derivative(f, wrt, layout, Derivative.Kind.TENSOR, null, f, d, List.of(dx));
        }
        Expr laid = layout == Layout.DENOMINATOR ? finish(Exprs.transpose(numerator)) : numerator;
        return new Derivative(f, wrt, layout, kind, laid, f, d, List.of(dx));
    }
}
