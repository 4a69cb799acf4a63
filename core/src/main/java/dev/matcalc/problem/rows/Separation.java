package dev.matcalc.problem.rows;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Dim;

import java.util.List;

/**
 * An objective split for data held in row blocks (see {@link RowSeparation}).
 *
 * <p>One pass ({@link #onePass()} not null): f(w) = r(w) + Σ_blocks g(rows_b, w), r = {@link #local()}
 * (null when there is none), g = {@link #onePass()}: each block gives g and ∇g together.
 *
 * <p>Two passes: f(w) = h(S₁(w), …, S_m(w), w) with each Sₖ = Σ_blocks Sₖ(rows_b, w) a sum over rows
 * ({@link #sums()}) and h = {@link #outer()} an expression of the {@link #sumVars()} sₖ and the
 * variables alone. Pass 1 sums the Sₖ; the driver evaluates h, ∂h/∂w and Gₖ = ∂h/∂sₖ; pass 2 sums
 * ∇_w Σₖ ⟨Gₖ, Sₖ(rows_b, w)⟩ over the blocks.
 *
 * @param rows the row dimension (n) the table's columns share
 */
public record Separation(Dim rows, Expr local, Expr onePass, List<Var> sumVars, List<Expr> sums, Expr outer) {
    public Separation {
        sumVars = List.copyOf(sumVars);
        sums = List.copyOf(sums);
    }

    public boolean twoPass() {
        return onePass == null;
    }

    /** For a person: {@code one pass: g = ..., r = ...} or the sums and h. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (!twoPass()) {
            sb.append("one pass: per block ").append(dev.matcalc.render.Render.text(onePass));
            if (local != null) sb.append("; on the driver ").append(dev.matcalc.render.Render.text(local));
            return sb.toString();
        }
        sb.append("two passes: sums over rows ");
        for (int k = 0; k < sums.size(); k++)
            sb.append(k == 0 ? "" : ", ").append(sumVars.get(k).name()).append(" = ").append(dev.matcalc.render.Render.text(sums.get(k)));
        sb.append("; on the driver ").append(dev.matcalc.render.Render.text(outer));
        return sb.toString();
    }
}
