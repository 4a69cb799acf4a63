package dev.matcalc.explain;

import java.util.List;

/**
 * Prints derivation steps: plain text (matcalc expressions), Unicode, or a LaTeX {@code align*}
 * block. Works from the step records alone, so the CLI can print what a JSON answer carries.
 */
public final class DerivationFormat {
    private DerivationFormat() { }

    public static String text(List<DerivationStep> steps) {
        return lines(steps, false);
    }

    public static String pretty(List<DerivationStep> steps) {
        return lines(steps, true);
    }

    private static String lines(List<DerivationStep> steps, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        String section = null;
        for (DerivationStep s : steps) {
            if (!s.kind().equals(section)) {
                section = s.kind();
                sb.append(heading(s)).append('\n');
            }
            String expr = pretty ? s.pretty() : s.expression();
            switch (s.kind()) {
                case DerivationStep.INTERMEDIATE -> sb.append("  ").append(s.lhs()).append(" = ").append(expr)
                        .append("    [").append(s.shape()).append(", ").append(s.rule()).append(']')
                        .append(s.law() == null ? "" : "  so " + s.law()).append('\n');
                case DerivationStep.LOCAL -> sb.append("  ").append(s.lhs()).append(" = ").append(expr)
                        .append("    [").append(s.shape()).append("] ").append(s.rule())
                        .append(s.law() == null ? "" : "; " + s.law()).append('\n');
                case DerivationStep.CHAIN -> {
                    sb.append("  ").append(s.rule()).append("; ").append(s.law()).append('\n');
                    if (expr != null) sb.append("  ").append(s.lhs()).append(" = ").append(expr).append('\n');
                    if (s.shape() != null) sb.append("  shapes: ").append(s.shape()).append('\n');
                }
                case DerivationStep.RESULT -> sb.append("  ").append(s.lhs()).append(" = ").append(expr)
                        .append("    [").append(s.rule()).append(s.law() == null ? "" : "; " + s.law()).append("]\n");
                default -> sb.append("  = ").append(expr).append("    [").append(s.rule())
                        .append(s.law() == null ? "" : ": " + s.law()).append("]\n");
            }
        }
        return sb.toString();
    }

    private static String heading(DerivationStep s) {
        return switch (s.kind()) {
            case DerivationStep.INTERMEDIATE -> "1. Intermediate variables (innermost first):";
            case DerivationStep.LOCAL -> "2. Local derivatives:";
            case DerivationStep.CHAIN -> "3. Chain rule:";
            case DerivationStep.SUBSTITUTE -> "4. Substitute:";
            case DerivationStep.SIMPLIFY -> "5. Simplify:";
            default -> "Result:";
        };
    }

    /** An {@code align*} environment; each line's rule as a {@code \text} note. */
    public static String latex(List<DerivationStep> steps) {
        StringBuilder sb = new StringBuilder("\\begin{align*}\n");
        boolean first = true;
        for (DerivationStep s : steps) {
            if (s.latex() == null) continue;
            if (!first) sb.append(" \\\\\n");
            first = false;
            String lhs = s.lhsLatex() == null ? "" : s.lhsLatex();
            if (s.kind().equals(DerivationStep.CHAIN) || s.kind().equals(DerivationStep.LOCAL)
                    || s.kind().equals(DerivationStep.INTERMEDIATE) || s.kind().equals(DerivationStep.RESULT))
                sb.append("  ").append(lhs);
            else sb.append("  ");
            sb.append(" &= ").append(s.latex()).append(" && \\text{").append(escape(note(s))).append('}');
        }
        return sb.append("\n\\end{align*}\n").toString();
    }

    private static String note(DerivationStep s) {
        return switch (s.kind()) {
            case DerivationStep.INTERMEDIATE, DerivationStep.LOCAL -> s.rule() + " [" + s.shape() + "]";
            case DerivationStep.CHAIN -> s.rule();
            case DerivationStep.RESULT -> s.law() == null ? s.rule() : s.law();
            default -> s.rule();
        };
    }

    /** Plain text inside {@code \text{}}: LaTeX's special characters escaped, Unicode math spelled in math mode. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '{', '}', '%', '$', '&', '#', '_' -> sb.append('\\').append(c);
                case '^' -> sb.append("\\^{}");
                case '~' -> sb.append("\\~{}");
                case '∂' -> sb.append("$\\partial$");
                case '→' -> sb.append("$\\to$");
                case '⇒' -> sb.append("$\\Rightarrow$");
                case '·' -> sb.append("$\\cdot$");
                case '×' -> sb.append("$\\times$");
                case 'Σ' -> sb.append("$\\Sigma$");
                case '‖' -> sb.append("$\\|$");
                case '²' -> sb.append("$^2$");
                case '₁' -> sb.append("$_1$");
                case '⟨' -> sb.append("$\\langle$");
                case '⟩' -> sb.append("$\\rangle$");
                case '≥' -> sb.append("$\\geq$");
                case '≤' -> sb.append("$\\leq$");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
