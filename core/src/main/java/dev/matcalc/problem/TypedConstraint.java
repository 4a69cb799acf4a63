package dev.matcalc.problem;

import dev.matcalc.expr.Expr;

/**
 * A constraint in normal form: {@code expr ≤ 0} element-wise (an inequality) or {@code expr = 0}
 * (an equality), with the text it came from for messages.
 *
 * @param text  the constraint as written, or as a reformulation wrote it ({@code -t <= A*w - b})
 * @param index its place among the problem's constraints, -1 for one a reformulation added
 */
public record TypedConstraint(String text, boolean equality, Expr expr, int index) {
    /** What a message calls it: {@code constraint 2 (A*x <= b)}. */
    public String describe() {
        return index < 0 ? "the added constraint " + text : "constraint " + (index + 1) + " (" + text + ")";
    }
}
