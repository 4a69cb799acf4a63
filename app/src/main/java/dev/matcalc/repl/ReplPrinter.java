package dev.matcalc.repl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.matcalc.api.Answer;

import java.io.PrintWriter;
import dev.matcalc.explain.DerivationFormat;
import dev.matcalc.explain.DerivationStep;

import java.util.Arrays;
import java.util.List;

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
        if (a.notes() != null) a.notes().forEach(out::println);
        for (Answer.Part p : a.derivatives()) print(p, format, steps, out);
        if (a.stacked() != null) print(a.stacked(), format, false, out);
        if (a.functionValue() != null) out.println("value at the point: " + json(JSON, a.functionValue().value()));
        out.println(variables(a));
    }

    /** {@code variables: x vector(n) (inferred), A symmetric(n) (declared)}: what the answer took each name to be. */
    static String variables(Answer a) {
        StringBuilder sb = new StringBuilder("variables: ");
        a.variables().forEach((name, info) -> sb.append(sb.length() > 11 ? ", " : "").append(name).append(' ')
                .append(info.shape()).append(" (").append(info.origin()).append(')'));
        return sb.toString();
    }

    private static void print(Answer.Part p, String format, boolean steps, PrintWriter out) {
        out.println(p.description());
        if (steps && p.steps() != null) {
            List<DerivationStep> derivation = p.steps().stream().map(DerivationStep.class::cast).toList();
            String shown = switch (format) {
                case "text" -> DerivationFormat.text(derivation);
                case "latex" -> DerivationFormat.latex(derivation);
                default -> DerivationFormat.pretty(derivation);
            };
            for (String line : shown.split("\n")) out.println("  " + line);
        } else if (steps) {
            out.println("  (steps are shown for first derivatives)");
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
        tensorForms(p, format, out);
        if (p.value() != null)
            out.println("  at the point, shape " + Arrays.toString(p.shape()) + ": " + json(JSON, p.value()));
    }

    /** For a derivative with no matrix form, its vec (Kronecker) and index forms, as the CLI shows them. */
    private static void tensorForms(Answer.Part p, String format, PrintWriter out) {
        if (p.matrixShape() != null) return;
        if (p.tensor() != null) {
            String vec = switch (format) {
                case "text" -> p.tensor().text();
                case "latex" -> p.tensor().latex();
                default -> p.tensor().pretty();
            };
            out.println("  vec form: " + vec + "   (" + p.tensor().convention() + ")");
        }
        if (p.index() != null)
            out.println("  index form: " + (format.equals("latex") ? p.index().latex() : p.index().text()) + "   (repeated indices summed)");
    }

    private static void definitions(Answer.Part p, PrintWriter out, java.util.function.Function<Answer.Definition, String> form,
                                    String prefix, String equals) {
        if (p.definitions() == null) return;
        for (Answer.Definition d : p.definitions()) out.println(prefix + d.name() + equals + form.apply(d));
    }

    private static String json(ObjectMapper mapper, Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (Exception e) {
            return String.valueOf(o);
        }
    }
}
