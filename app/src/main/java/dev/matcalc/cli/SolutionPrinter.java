package dev.matcalc.cli;

import dev.matcalc.numeric.Tensor;
import dev.matcalc.optimization.Status;
import dev.matcalc.problem.Solution;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Solution} for a person ({@link #text}) or a program ({@link #json}). Values up to
 * {@value #INLINE_ENTRIES} entries are shown in matcalc's value notation (JSON arrays) rounded to
 * the digits the solve's tolerance justifies ({@link #digits}), so that solver noise below it does
 * not show ({@code 0.6}, not {@code 0.5999999999}); larger ones go to {@code --out}, and the text
 * says where, or how to get them. JSON and {@code --out} files keep every digit.
 */
final class SolutionPrinter {
    static final int INLINE_ENTRIES = 100;

    private SolutionPrinter() { }

    /**
     * @param startChosen whether the tool chose (some of) the start point, which is then printed
     * @param written     the --out file of each variable, empty without --out
     */
    static void text(Solution s, double tolerance, boolean startChosen, Map<String, Path> written, PrintWriter out) {
        int digits = digits(tolerance);
        out.println("status: " + status(s.status()));
        out.println("message: " + s.message());
        out.println("objective: " + number(s.objective(), digits));
        out.println("iterations: " + s.iterations());
        out.println("evaluations: " + s.evaluations());
        out.println("optimality: " + String.format(Locale.ROOT, "%.2e", s.optimality()) + " (largest entry of the projected gradient)");
        out.println("violation: " + (s.violation() == 0 ? "0" : String.format(Locale.ROOT, "%.2e", s.violation()))
                + " (largest constraint violation)");
        out.println("time: " + String.format(Locale.ROOT, "%.3f", s.seconds()) + " s");
        out.println("method: " + s.method());
        for (String note : s.notes()) out.println("rewrite: " + note);
        if (startChosen) out.println("start: " + s.start());
        s.solution().forEach((name, t) -> {
            if (t.size() <= INLINE_ENTRIES) {
                out.println(name + " = " + nested(t.toNested(), digits));
            } else if (written.containsKey(name)) {
                out.println(name + ": " + t.size() + " entries, written to " + written.get(name));
            } else {
                out.println(name + ": " + t.size() + " entries (shape " + shape(t) + "), left out here; "
                        + "write them with --out FILE.npy (or .csv, .json), or see them all with --format json");
            }
        });
        out.flush();
    }

    static void json(Solution s, PrintWriter out) throws IOException {
        Map<String, Object> solution = new LinkedHashMap<>();
        s.solution().forEach((name, t) -> solution.put(name, t.toNested()));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", status(s.status()));
        o.put("message", s.message());
        o.put("objective", finite(s.objective()));
        o.put("solution", solution);
        o.put("iterations", s.iterations());
        o.put("evaluations", s.evaluations());
        o.put("optimality", finite(s.optimality()));
        o.put("violation", finite(s.violation()));
        o.put("seconds", s.seconds());
        o.put("method", s.method());
        o.put("start", s.start());
        o.put("rewrites", s.notes());
        out.println(Json.indented().writeValueAsString(o));
        out.flush();
    }

    /** {@code optimal}, {@code iteration limit}, {@code infeasible}, {@code unbounded}, {@code failed}. */
    static String status(Status s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** JSON has no Infinity or NaN: those are written as strings ("-Infinity"). */
    private static Object finite(double d) {
        return Double.isFinite(d) ? d : Double.toString(d);
    }

    private static String shape(Tensor t) {
        StringBuilder sb = new StringBuilder();
        for (int s : t.shape()) sb.append(sb.isEmpty() ? "" : "×").append(s);
        return sb.isEmpty() ? "scalar" : sb.toString();
    }

    private static String nested(Object value, int digits) {
        if (value instanceof java.util.List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) sb.append(i == 0 ? "" : ", ").append(nested(list.get(i), digits));
            return sb.append(']').toString();
        }
        return number((Double) value, digits);
    }

    /**
     * Significant digits for a solve to relative tolerance {@code tolerance}: two more than the
     * tolerance's (8 at the default 1e-6, 11 at 1e-9), between 6 and 15. A solution is accurate to
     * about the tolerance (times a condition number), so further digits are noise.
     */
    static int digits(double tolerance) {
        if (!(tolerance > 0)) return 15;
        return (int) Math.max(6, Math.min(15, Math.round(-Math.log10(tolerance)) + 2));
    }

    /** {@code digits} significant digits, no trailing zeros: 0.5, 1.2345679e-7, 3. */
    static String number(double d, int digits) {
        if (!Double.isFinite(d)) return Double.toString(d);
        if (d == 0) return "0";
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(digits)).stripTrailingZeros();
        double a = Math.abs(d);
        return a >= 1e-4 && a < 1e10 ? b.toPlainString() : b.toString().replace("E+", "e").replace("E", "e");
    }
}
