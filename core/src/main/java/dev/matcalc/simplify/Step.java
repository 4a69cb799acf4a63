package dev.matcalc.simplify;

import dev.matcalc.expr.Expr;

/** One rewrite: the rule applied, the subexpression before and after. */
public record Step(Rule rule, Expr before, Expr after) { }
