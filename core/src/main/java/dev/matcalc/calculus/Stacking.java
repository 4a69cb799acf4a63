package dev.matcalc.calculus;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Var;
import dev.matcalc.simplify.Simplifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The partial derivatives by several variables put side by side, as the notes build ∇f(x,y) and
 * the Jacobian of [f; g] by (x, y): the variables are stacked into one column [x; y], so a
 * gradient is a column [∂f/∂x; ∂f/∂y] (a row in numerator layout) and a Jacobian the block row
 * [∂f/∂x, ∂f/∂y] (its transpose in denominator layout).
 */
public final class Stacking {
    private Stacking() { }

    /** The stacked derivative, or null when some variable is a matrix or some partial has no matrix form. */
    public static Expr stack(List<Derivative> partials) {
        if (partials.size() < 2) return null;
        for (Derivative d : partials) {
            Var x = d.wrt().get(0);
            if (d.order() != 1 || !d.hasMatrixForm() || !(x.isScalar() || x.shape().isColumn())) return null;
        }
        Derivative first = partials.get(0);
        Expr f = first.function();
        if (!(f.isScalar() || f.shape().isColumn())) return null;
        Layout layout = first.layout();
        List<Expr> parts = partials.stream().map(Derivative::matrix).toList();
        // Which way the blocks go: along the variable's axis of each partial's matrix.
        boolean variableAlongRows = f.isScalar()
                ? layout != Layout.NUMERATOR                       // gradients: columns, rows in numerator layout
                : layout == Layout.DENOMINATOR;                    // Jacobians: block row, block column transposed
        List<List<Expr>> rows = new ArrayList<>();
        if (variableAlongRows) parts.forEach(p -> rows.add(List.of(p)));
        else rows.add(parts);
        return Simplifier.simplify(Exprs.block(rows));
    }
}
