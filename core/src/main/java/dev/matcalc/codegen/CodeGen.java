package dev.matcalc.codegen;

import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
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
        return generate(f, derivatives, target, CodeOptions.DEFAULT);
    }

    /**
     * Each derivative is taken again in the mixed layout, whatever layout it was asked in: its matrix
     * form is then already in the code's shape(f) + shape(wrt) convention (a gradient in its variable's
     * shape, a Jacobian m×n), so the code computes no transposed form of what the value computes.
     */
    public static String generate(Expression f, List<DerivativeResult> derivatives, Target target, CodeOptions options) {
        List<Derivative> mixed = derivatives.stream()
                .map(r -> r.derivative().layout() == Layout.MIXED ? r.derivative() : f.derivative(Layout.MIXED, r.derivative().wrt()).derivative())
                .toList();
        return generate(f.expr(), mixed, target, options);
    }

    public static String generate(Expr f, List<Derivative> derivatives, Target target) {
        return generate(f, derivatives, target, CodeOptions.DEFAULT);
    }

    public static String generate(Expr f, List<Derivative> derivatives, Target target, CodeOptions options) {
        if (derivatives.isEmpty()) throw new IllegalArgumentException("no derivative to generate code for");
        Plan plan = new Plan(f, derivatives);
        return switch (target) {
            case NUMPY, PYTORCH, JAX -> new PythonModule(plan, PythonFlavor.of(target), options).generate();
            case JAVA -> new JavaModule(plan, options).generate();
        };
    }
}
