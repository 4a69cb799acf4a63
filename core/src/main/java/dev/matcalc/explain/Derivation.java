package dev.matcalc.explain;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;

import java.util.List;

/**
 * A step-by-step derivation of ∂f/∂x: the intermediates, their local derivatives, the chain
 * rule used, and every step from the substituted chain to {@code result}, which is the engine's
 * answer ({@code answer.matrix()}, or its differential for a tensor). {@code substituted} is the
 * chain with every local derivative and intermediate substituted, before any simplification: the
 * matrix chain, or the composed differential where the chain runs in differentials. {@code steps}
 * is the whole derivation in order, the form the JSON answer carries.
 */
public record Derivation(Expr function, Var wrt, Layout layout, String chainRule,
                         List<Intermediate> intermediates, List<LocalDerivative> locals,
                         List<DerivationStep> steps, Expr substituted, Expr result, Derivative answer) {
    public Derivation {
        intermediates = List.copyOf(intermediates);
        locals = List.copyOf(locals);
        steps = List.copyOf(steps);
    }

    /** Plain text, as the CLI prints it. */
    public String toText() {
        return DerivationFormat.text(steps);
    }

    /** Unicode expressions. */
    public String toPretty() {
        return DerivationFormat.pretty(steps);
    }

    /** An {@code align*} environment to paste into a LaTeX document. */
    public String toLatex() {
        return DerivationFormat.latex(steps);
    }

    @Override
    public String toString() {
        return toText();
    }
}
