package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.OutOfRange;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Checks symbolic derivatives numerically at random points, against forward-mode dual numbers
 * ({@link PointCheck}). A point passes when the relative error is within the tolerance, fails when
 * it exceeds the tolerance plus the reference's own estimated error (the part of a disagreement the
 * reference cannot vouch for), and is not counted either way when its numbers are not meaningful:
 * values out of the range of doubles, or a reference whose estimated error is above the tolerance
 * (it could not tell a right answer from a wrong one). Such a point is drawn again, up to
 * {@link #TRIES_PER_POINT} times; if it never gives meaningful numbers the derivative is reported as
 * not checked, saying why and what to do, never as ok.
 */
public final class Checker {
    private static final int TRIES_PER_POINT = 20;

    private Checker() { }

    public static CheckReport check(String source, List<String> wrt, Map<String, String> let, int order, Layout layout,
                                    int points, long seed, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance))
            throw new SourceError("the tolerance must be a finite number, 0 or more, got " + tolerance);
        return Work.call(() -> {
            Expression expression = MatCalc.parse(source, Service.declarations(let), Map.of());
            List<String> names = wrt.isEmpty() ? expression.variables().stream().map(Var::name).toList() : wrt;
            return check(expression, Service.derivatives(expression, names, order, layout), points, seed, tolerance);
        });
    }

    /** The check of the derivatives given (a test can hand it a wrong one). */
    static CheckReport check(Expression expression, List<DerivativeResult> derivatives, int points, long seed,
                             double tolerance) {
        List<String> lines = new ArrayList<>();
        double worst = 0;
        CheckReport.Verdict verdict = CheckReport.Verdict.OK;
        SplittableRandom rng = new SplittableRandom(seed);
        for (DerivativeResult result : derivatives) {
            Tally tally = new Tally();
            for (int p = 0; p < points; p++) checkOnePoint(expression, result, rng, tolerance, tally);
            worst = Math.max(worst, tally.worst);
            if (tally.verdict().compareTo(verdict) > 0) verdict = tally.verdict();
            List<String> by = result.derivative().wrt().stream().map(Var::name).toList();
            lines.add("d/d(" + String.join(", ", by) + "): " + result.toText().replace("\n", "; ") + "\n  "
                    + tally.describe(tolerance));
        }
        return new CheckReport(verdict == CheckReport.Verdict.OK, verdict, worst, tolerance, points, lines);
    }

    /** Draws points until one gives meaningful numbers (or the tries run out), and tallies the outcome. */
    private static void checkOnePoint(Expression expression, DerivativeResult result, SplittableRandom rng,
                                      double tolerance, Tally tally) {
        for (int attempt = 0; attempt < TRIES_PER_POINT; attempt++) {
            tally.tries++;
            RandomPoints.Point point = RandomPoints.draw(expression.expr(), result.derivative().wrt(), rng.split());
            Map<String, DMatrixRMaj> values = point.values();
            PointCheck.Outcome outcome;
            try {
                outcome = PointCheck.at(expression, result, values);
            } catch (SourceError e) {
                if (attempt == TRIES_PER_POINT - 1) throw e;       // e.g. a singular matrix at every try
                tally.miss(Why.ERROR, e.getMessage(), 0);
                continue;
            }
            switch (outcome) {
                case PointCheck.Compared c when c.error() > tolerance + c.referenceError() -> {
                    tally.failed(c.error());
                    return;
                }
                case PointCheck.Compared c when c.referenceError() > tolerance -> tally.miss(Why.INACCURATE, null, c.referenceError());
                case PointCheck.Compared c -> {
                    tally.passed(c.error());
                    return;
                }
                case PointCheck.Unchecked u -> tally.miss(Why.of(u.kind()), u.where(), 0);
            }
        }
        tally.unchecked++;
    }

    /** Why a try gave nothing to compare. */
    enum Why {
        OVERFLOW, UNDERFLOW, UNDEFINED, INACCURATE, ERROR;

        static Why of(OutOfRange.Kind kind) {
            return switch (kind) {
                case OVERFLOW -> OVERFLOW;
                case UNDERFLOW -> UNDERFLOW;
                case UNDEFINED -> UNDEFINED;
            };
        }
    }

    /** The outcomes for one derivative. */
    private static final class Tally {
        int passed, failed, unchecked, tries;
        double worst;
        final Map<Why, Integer> missCounts = new EnumMap<>(Why.class);
        final Map<Why, String> missWhere = new EnumMap<>(Why.class);
        double worstAccuracy;

        void passed(double error) {
            passed++;
            worst = Math.max(worst, error);
        }

        void failed(double error) {
            failed++;
            worst = Math.max(worst, error);
        }

        void miss(Why why, String where, double accuracy) {
            missCounts.merge(why, 1, Integer::sum);
            if (where != null) missWhere.putIfAbsent(why, where);
            worstAccuracy = Math.max(worstAccuracy, accuracy);
        }

        CheckReport.Verdict verdict() {
            return failed > 0 ? CheckReport.Verdict.FAILED
                    : unchecked > 0 ? CheckReport.Verdict.UNCHECKED : CheckReport.Verdict.OK;
        }

        String describe(double tolerance) {
            int compared = passed + failed;
            String errors = String.format("max relative error %.3g over %d points (tolerance %.3g", worst, compared, tolerance);
            return switch (verdict()) {
                case OK -> errors + "): ok";
                case FAILED -> errors + (unchecked > 0 ? "; " + unchecked + " more could not be checked" : "") + "): FAILED";
                case UNCHECKED -> (compared == 0 ? "could not check at any of the "
                        : errors + "), but could not check at " + unchecked + " of the ") + (compared + unchecked)
                        + " points: " + reasons(tolerance);
            };
        }

        /** What happened at the tries that gave nothing to compare, most frequent first, and what to do. */
        private String reasons(double tolerance) {
            List<Map.Entry<Why, Integer>> byCount = new ArrayList<>(missCounts.entrySet());
            byCount.sort(Map.Entry.<Why, Integer>comparingByValue().reversed());
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Why, Integer> e : byCount) parts.add(e.getValue() + " " + what(e.getKey(), tolerance));
            StringBuilder sb = new StringBuilder("of " + tries + " random points drawn, ")
                    .append(String.join(", ", parts)).append('.');
            if (missCounts.containsKey(Why.OVERFLOW) || missCounts.containsKey(Why.UNDERFLOW))
                sb.append(" The values leave the range of doubles at points with entries of order 1, so there was"
                        + " nothing meaningful to compare: check a rescaled form of the expression (for instance"
                        + " X/2 in place of X) or a shallower one.");
            if (missCounts.containsKey(Why.UNDEFINED))
                sb.append(" The expression is undefined there: check it where its arguments are in their domains.");
            if (missCounts.containsKey(Why.INACCURATE))
                sb.append(" Doubles cannot confirm that tolerance there (the derivative is ill-conditioned, or the"
                        + " tolerance is too close to rounding): raise it, or check a better-conditioned form.");
            return sb.toString();
        }

        private String what(Why why, double tolerance) {
            String where = missWhere.get(why);
            return switch (why) {
                case OVERFLOW -> "overflow beyond ±1.8e308 (e.g. at " + where + ")";
                case UNDERFLOW -> "underflow below 2.2e-308, the smallest normal double (e.g. at " + where + ")";
                case UNDEFINED -> "give NaN (e.g. at " + where + ")";
                case ERROR -> "could not be evaluated (e.g. " + where + ")";
                case INACCURATE -> "have a reference whose own estimated error (up to " + number(worstAccuracy)
                        + ") is above the tolerance " + number(tolerance);
            };
        }
    }

    private static String number(double x) {
        return x == 0 ? "0" : String.format("%.2g", x);
    }
}
