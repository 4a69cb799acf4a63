package dev.matcalc.repl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.matcalc.api.Answer;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Prints an {@link Answer} in the REPL's chosen format. */
final class ReplPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper JSON_INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReplPrinter() { }

    static void print(Answer a, String format, boolean steps, PrintWriter out) {
        if (format.equals("json")) {
            out.println(json(JSON_INDENTED, a));
            return;
        }
        for (Answer.Part p : a.derivatives()) print(p, format, steps, out);
        if (a.stacked() != null) print(a.stacked(), format, false, out);
        if (a.functionValue() != null) out.println("value at the point: " + json(JSON, a.functionValue().value()));
    }

    private static void print(Answer.Part p, String format, boolean steps, PrintWriter out) {
        out.println(p.description());
        if (steps && p.steps() != null) {
            int i = 1;
            for (Object step : p.steps()) out.println("  " + (i++) + ". " + step(step));
        } else if (steps) {
            out.println("  (no steps recorded for this derivative)");
        }
        switch (format) {
            case "text" -> {
                definitions(p, out, Answer.Definition::text, "  ", " = ");
                out.println("  " + p.text());
            }
            case "latex" -> {
                out.println("  " + p.latex());
                definitions(p, out, Answer.Definition::latex, "  where ", " = ");
            }
            default -> {
                out.println("  = " + p.pretty());
                definitions(p, out, Answer.Definition::pretty, "  where ", " = ");
            }
        }
        if (p.value() != null)
            out.println("  at the point, shape " + Arrays.toString(p.shape()) + ": " + json(JSON, p.value()));
    }

    private static void definitions(Answer.Part p, PrintWriter out, java.util.function.Function<Answer.Definition, String> form,
                                    String prefix, String equals) {
        if (p.definitions() == null) return;
        for (Answer.Definition d : p.definitions()) out.println(prefix + d.name() + equals + form.apply(d));
    }

    /** A step as the engine reports it: a rule with before/after, or whatever it is. */
    private static String step(Object step) {
        if (step instanceof Map<?, ?> m && m.containsKey("before") && m.containsKey("after"))
            return m.get("rule") + ": " + m.get("before") + "  →  " + m.get("after");
        if (step instanceof Map<?, ?> || step instanceof List<?>) return json(JSON, step);
        return String.valueOf(step);
    }

    private static String json(ObjectMapper mapper, Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (Exception e) {
            return String.valueOf(o);
        }
    }
}
