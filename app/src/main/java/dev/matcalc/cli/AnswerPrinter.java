package dev.matcalc.cli;

import dev.matcalc.explain.DerivationFormat;
import dev.matcalc.explain.DerivationStep;

import dev.matcalc.api.Answer;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The human-facing formats of an {@link Answer}. */
final class AnswerPrinter {

    private AnswerPrinter() { }

    /** Valid matcalc input: notes as {@code #} comments, then each answer (definitions first). */
    static void text(Answer a, PrintWriter out) {
        out.println("# " + a.expression());
        out.println("# " + shapes(a));
        printNotes(a, out, "# ");
        for (Answer.Part p : a.derivatives()) {
            out.println("# " + p.description());
            printSteps(p, out, "# ", false);
            printDefinitions(p, out);
            out.println(p.text());
            printTensorForms(p, out, "# ", false);
            printNumbers(p, out, "# ");
        }
        if (a.stacked() != null) {
            out.println("# " + a.stacked().description());
            out.println(a.stacked().text());
        }
        printValue(a, out, "# ");
    }

    static void pretty(Answer a, PrintWriter out) {
        out.println(a.expression());
        a.variables().forEach((name, info) -> out.println("  " + name + " : " + info.shape() + "  (" + info.origin() + ")"));
        printNotes(a, out, "  ");
        for (Answer.Part p : a.derivatives()) {
            out.println();
            out.println(p.description());
            printSteps(p, out, "  ", true);
            out.println("  = " + p.pretty());
            if (p.definitions() != null)
                for (Answer.Definition d : p.definitions()) out.println("  where " + d.name() + " = " + d.pretty());
            printTensorForms(p, out, "  ", true);
            printNumbers(p, out, "  ");
        }
        if (a.stacked() != null) {
            out.println();
            out.println(a.stacked().description());
            out.println("  = " + a.stacked().pretty());
        }
        printValue(a, out, "");
    }

    static void latex(Answer a, PrintWriter out) {
        printNotes(a, out, "% ");
        for (Answer.Part p : a.derivatives()) {
            out.println("% " + p.description());
            if (p.steps() != null) out.print(DerivationFormat.latex(steps(p)));
            StringBuilder sb = new StringBuilder(p.latex());
            if (p.definitions() != null) {
                sb.append(",\\quad\\text{where } ");
                for (int i = 0; i < p.definitions().size(); i++) {
                    Answer.Definition d = p.definitions().get(i);
                    if (i > 0) sb.append(",\\ ");
                    sb.append(d.name().replaceAll("^([a-z])(\\d+)$", "$1_{$2}")).append(" = ").append(d.latex());
                }
            }
            out.println(sb);
            if (p.matrixShape() == null && p.tensor() != null)
                out.println("% vec form, " + p.tensor().convention() + "\n" + p.tensor().latex());
            if (p.matrixShape() == null && p.index() != null)
                out.println("% index form, repeated indices summed\n" + p.index().latex());
        }
        if (a.stacked() != null) {
            out.println("% " + a.stacked().description());
            out.println(a.stacked().latex());
        }
    }

    /** The derivation a {@code --steps} answer carries, each line after {@code prefix}. */
    private static void printSteps(Answer.Part p, PrintWriter out, String prefix, boolean pretty) {
        if (p.steps() == null) return;
        String text = pretty ? DerivationFormat.pretty(steps(p)) : DerivationFormat.text(steps(p));
        text.lines().forEach(line -> out.println(prefix + line));
    }

    private static List<DerivationStep> steps(Answer.Part p) {
        return p.steps().stream().map(DerivationStep.class::cast).toList();
    }

    /** For a derivative with no matrix form: its vec (Kronecker) and index forms. */
    private static void printTensorForms(Answer.Part p, PrintWriter out, String prefix, boolean pretty) {
        if (p.matrixShape() != null) return;
        if (p.tensor() != null)
            out.println(prefix + "vec form: " + (pretty ? p.tensor().pretty() : p.tensor().text())
                    + "   (" + p.tensor().convention() + ")");
        if (p.index() != null) out.println(prefix + "index form: " + p.index().text() + "   (repeated indices summed)");
    }

    private static String shapes(Answer a) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Answer.VariableInfo> e : a.variables().entrySet()) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(e.getKey()).append(": ").append(e.getValue().shape()).append(" (").append(e.getValue().origin()).append(')');
        }
        return sb.toString();
    }

    private static void printNotes(Answer a, PrintWriter out, String prefix) {
        if (a.notes() != null) a.notes().forEach(note -> out.println(prefix + note));
    }

    private static void printDefinitions(Answer.Part p, PrintWriter out) {
        if (p.definitions() == null) return;
        for (Answer.Definition d : p.definitions()) out.println(d.name() + " = " + d.text());
    }

    private static void printNumbers(Answer.Part p, PrintWriter out, String prefix) {
        if (p.value() == null) return;
        out.println(prefix + "at the point, shape " + java.util.Arrays.toString(p.shape()) + ": " + json(p.value()));
    }

    private static void printValue(Answer a, PrintWriter out, String prefix) {
        if (a.functionValue() == null) return;
        out.println(prefix + "value at the point: " + json(a.functionValue().value()));
    }

    private static String json(Object o) {
        try {
            return Json.plain().writeValueAsString(o);
        } catch (Exception e) {
            return String.valueOf(o);
        }
    }
}
