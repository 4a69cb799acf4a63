package dev.matcalc.explain;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.expr.Var;

/**
 * The derivative of one intermediate by one of its varying arguments, computed by the engine on
 * that single operation: {@code derivative.matrix()} is its Jacobian in the chain's layout (null
 * for a tensor, then {@code derivative.differential()} is shown).
 */
public record LocalDerivative(Intermediate of, Var wrt, String rule, Derivative derivative) {
    public boolean hasMatrixForm() {
        return derivative.hasMatrixForm();
    }
}
