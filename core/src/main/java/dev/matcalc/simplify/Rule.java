package dev.matcalc.simplify;

import dev.matcalc.expr.Expr;

import java.util.function.UnaryOperator;

/**
 * A named rewrite: {@code rewrite} returns the rewritten node, or null where the rule does not
 * apply. {@code law} is the identity it applies, shown in step-by-step explanations.
 */
public record Rule(String name, String law, UnaryOperator<Expr> rewrite) {
    public Expr apply(Expr e) {
        return rewrite.apply(e);
    }
}
