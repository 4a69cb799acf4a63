package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.data.DataValue;
import dev.matcalc.expr.Var;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The numeric check at one point the caller chose (where {@link Checker} draws random ones): the
 * symbolic derivative against forward-mode dual numbers ({@link PointCheck}) at exactly the values
 * given, typed as {@code at} is for {@link Service#derive}. Nothing is drawn again: where the numbers
 * there are not meaningful (f undefined, overflow), the verdict is {@code unchecked} and the line
 * says why.
 */
public final class PointCheckAt {
    private PointCheckAt() { }

    public static CheckReport check(String source, List<String> wrt, Map<String, String> let, int order, Layout layout,
                                    Map<String, Object> at, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance))
            throw new SourceError("the tolerance must be a finite number, 0 or more, got " + tolerance);
        Limits.checkOrder(order);
        return Work.call(() -> {
            Map<String, DataValue> given = Points.fromJsonObject(at);
            Map<String, DMatrixRMaj> point = DataValue.matrices(given);
            Limits.checkValues(point);
            Expression expression = MatCalc.parse(source, Service.declarations(let), DataValue.shapes(given));
            List<String> names = wrt.isEmpty() ? expression.variables().stream().map(Var::name).toList() : wrt;
            Map<String, DMatrixRMaj> values = Points.toMatrices(point, expression.typed().variables());
            return check(expression, Service.derivatives(expression, names, order, layout), values, tolerance);
        });
    }

    /** The check of the derivatives given (a test can hand it a wrong one) at {@code values}. */
    static CheckReport check(Expression expression, List<DerivativeResult> derivatives, Map<String, DMatrixRMaj> values,
                             double tolerance) {
        List<String> lines = new ArrayList<>();
        double worst = 0;
        CheckReport.Verdict verdict = CheckReport.Verdict.OK;
        for (DerivativeResult result : derivatives) {
            CheckReport.Verdict v;
            String outcome;
            switch (PointCheck.at(expression, result, values)) {
                case PointCheck.Compared c when c.error() > tolerance + c.referenceError() -> {
                    v = CheckReport.Verdict.FAILED;
                    worst = Math.max(worst, c.error());
                    outcome = String.format("relative error %.3g at the point (tolerance %.3g): FAILED", c.error(), tolerance);
                }
                case PointCheck.Compared c when c.referenceError() > tolerance -> {
                    v = CheckReport.Verdict.UNCHECKED;
                    outcome = String.format("could not check at the point: the reference's own estimated error"
                            + " (%.2g) is above the tolerance %.3g", c.referenceError(), tolerance);
                }
                case PointCheck.Compared c -> {
                    v = CheckReport.Verdict.OK;
                    worst = Math.max(worst, c.error());
                    outcome = String.format("relative error %.3g at the point (tolerance %.3g): ok", c.error(), tolerance);
                }
                case PointCheck.Unchecked u -> {
                    v = CheckReport.Verdict.UNCHECKED;
                    outcome = "could not check at the point: " + why(u);
                }
            }
            if (v.compareTo(verdict) > 0) verdict = v;
            List<String> by = result.derivative().wrt().stream().map(Var::name).toList();
            lines.add("d/d(" + String.join(", ", by) + "): " + result.toText().replace("\n", "; ") + "\n  " + outcome);
        }
        return new CheckReport(verdict == CheckReport.Verdict.OK, verdict, worst, tolerance, 1, lines);
    }

    private static String why(PointCheck.Unchecked u) {
        return switch (u.kind()) {
            case OVERFLOW -> "a value overflows beyond ±1.8e308 (at " + u.where() + ")";
            case UNDERFLOW -> "a value underflows below 2.2e-308, the smallest normal double (at " + u.where() + ")";
            case UNDEFINED -> "the expression is undefined there (NaN at " + u.where() + ")";
        };
    }
}
