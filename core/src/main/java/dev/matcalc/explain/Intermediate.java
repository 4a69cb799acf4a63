package dev.matcalc.explain;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;

import java.util.List;

/**
 * One intermediate variable: {@code name = definition}, a single operation whose arguments are
 * earlier intermediates, the variable differentiated by, or constants. {@code original} is the
 * subexpression of the function it stands for; {@code args} are the arguments that vary.
 */
public record Intermediate(Var name, Expr definition, Expr original, List<Var> args) {
    public Intermediate {
        args = List.copyOf(args);
    }
}
