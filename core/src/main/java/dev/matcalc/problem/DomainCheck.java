package dev.matcalc.problem;

import dev.matcalc.expr.Apply;
import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Power;
import dev.matcalc.expr.Ref;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.render.Render;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Text;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;

/**
 * Says why an expression has no value at a point: the innermost term that is not finite (or that
 * cannot be computed, as inv of a singular matrix) while its arguments are, and what its function
 * asks of them. Evaluated with the reference {@link Evaluator}; used for messages, not in a solve.
 */
final class DomainCheck {
    private DomainCheck() { }

    /** Null when {@code e} is finite at {@code values}; else a phrase naming the offending term. */
    static String culprit(Expr e, Map<String, DMatrixRMaj> values) {
        Evaluator at = new Evaluator(values);
        String failure = failure(e, at);
        if (failure == null) return null;
        Expr term = e;
        descend:
        while (true) {
            for (Expr child : Nodes.children(term)) {
                String f = failure(child, at);
                if (f != null) {
                    term = child;
                    failure = f;
                    continue descend;
                }
            }
            break;
        }
        return Text.abbreviate(Render.text(term)) + " is " + failure + why(term);
    }

    /** Null when {@code e} evaluates to finite numbers; else what it is (NaN, infinite, or the error). */
    private static String failure(Expr e, Evaluator at) {
        DMatrixRMaj m;
        try {
            m = at.eval(e);
        } catch (SourceError error) {
            return "not defined (" + error.getMessage() + ")";
        }
        boolean nan = false, infinite = false;
        for (int i = 0; i < m.getNumElements(); i++) {
            nan |= Double.isNaN(m.data[i]);
            infinite |= Double.isInfinite(m.data[i]);
        }
        return nan ? "NaN" : infinite ? "infinite" : null;
    }

    private static String why(Expr term) {
        Expr t = term instanceof Ref r ? r.value() : term;
        return switch (t) {
            case Apply a when a.fn().fnName().equals("log") -> " (log needs positive entries)";
            case Apply a when a.fn().fnName().equals("sqrt") -> " (sqrt needs entries >= 0)";
            case Power p -> " (a division by zero, or a fractional power of a negative number)";
            case Call c -> switch (c.fn()) {
                case LOGDET -> " (logdet needs a positive determinant)";
                case NORM2 -> " (norm2 is not differentiable at zero)";
                default -> "";
            };
            default -> "";
        };
    }
}
