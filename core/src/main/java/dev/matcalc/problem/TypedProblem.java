package dev.matcalc.problem;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Typed;

import java.util.List;

/**
 * A problem typed as one program: the objective as written, its variables (in the order of
 * {@link Problem#over}) and parameters, and each constraint in normal form. Sizes are unified
 * across all of them and bound from the data and start values.
 */
public record TypedProblem(Problem problem, Typed typed, Expr objective, List<Var> variables, List<Var> parameters,
                           List<TypedConstraint> constraints) {
    public TypedProblem {
        variables = List.copyOf(variables);
        parameters = List.copyOf(parameters);
        constraints = List.copyOf(constraints);
    }

    /** The objective to minimize: f, or -f for a maximization. */
    public Expr minimized() {
        return problem.sense() == Sense.MAX ? dev.matcalc.expr.Exprs.neg(objective) : objective;
    }

    /** Data given for names that occur nowhere in the problem (a typo, or a data file with more in it). */
    public List<String> unusedData() {
        return problem.data().keySet().stream()
                .filter(name -> parameters.stream().noneMatch(p -> p.name().equals(name))).toList();
    }
}
