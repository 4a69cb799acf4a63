package dev.matcalc.codegen;

import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.expr.Expr;

import java.util.List;

/**
 * Generates a self-contained function computing f and its derivatives:
 * <pre>{@code
 * Expression f = MatCalc.parse("x'*A*x");
 * String py = CodeGen.generate(f, List.of(f.derivative("x")), Target.NUMPY);  // def fAndG(x, A): ...
 * }</pre>
 */
public final class CodeGen {
    private CodeGen() { }

    public static String generate(Expression f, List<DerivativeResult> derivatives, Target target) {
        return generate(f.expr(), derivatives.stream().map(DerivativeResult::derivative).toList(), target);
    }

    public static String generate(Expr f, List<Derivative> derivatives, Target target) {
        if (derivatives.isEmpty()) throw new IllegalArgumentException("no derivative to generate code for");
        Plan plan = new Plan(f, derivatives);
        return switch (target) {
            case NUMPY, PYTORCH, JAX -> new PythonModule(plan, PythonFlavor.of(target)).generate();
            case JAVA -> new JavaModule(plan).generate();
        };
    }
}
