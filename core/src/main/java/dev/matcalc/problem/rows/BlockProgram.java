package dev.matcalc.problem.rows;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Var;
import org.ejml.data.DMatrixRMaj;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machines holding the rows need to evaluate their blocks, shipped once per solve: the
 * per-block expressions of a {@link Separation}, the packed variables (names, shapes, sizes) and
 * the parameters those expressions use that are not the table's (λ, small data). Each machine
 * compiles its plans from it ({@link BlockEvaluator}), once per block size.
 *
 * @param id        distinguishes programs in a machine's cache of compiled plans
 * @param variables the packed variables in order, with their sizes (rows, cols)
 */
public record BlockProgram(String id, List<Var> variables, Map<String, int[]> sizes, Expr onePass, List<Var> sumVars,
                           List<Expr> sums, Map<String, DMatrixRMaj> parameters) implements Serializable {
    public BlockProgram {
        variables = List.copyOf(variables);
        sizes = new LinkedHashMap<>(sizes);
        sumVars = List.copyOf(sumVars);
        sums = List.copyOf(sums);
        parameters = new LinkedHashMap<>(parameters);
    }

    /** The weight variable Gₖ of sum k in the second pass. */
    Var weight(int k) {
        return new Var("∂" + sumVars.get(k).name(), sums.get(k).shape());
    }

    /** Σₖ ⟨Gₖ, Sₖ⟩: its gradient by the variables is pass 2's answer. */
    Expr weighted() {
        List<Expr> terms = new ArrayList<>();
        for (int k = 0; k < sums.size(); k++) terms.add(Exprs.inner(weight(k), sums.get(k)));
        return Exprs.add(terms);
    }

    /** The packed dimension, Σ of the variables' lengths (as {@link dev.matcalc.problem.Packing} counts them). */
    int dimension() {
        return new dev.matcalc.problem.Packing(variables, sizes).dimension();
    }
}
