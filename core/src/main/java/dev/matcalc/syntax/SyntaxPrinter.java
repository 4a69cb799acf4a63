package dev.matcalc.syntax;

import java.util.stream.Collectors;

/** Prints a syntax tree fully parenthesized, to show how the parser grouped an input. */
public final class SyntaxPrinter {
    private SyntaxPrinter() { }

    public static String parenthesized(Program program) {
        StringBuilder out = new StringBuilder();
        for (Program.Definition d : program.definitions()) {
            out.append(d.name()).append(" = ").append(parenthesized(d.value())).append("; ");
        }
        return out.append(parenthesized(program.result())).toString();
    }

    public static String parenthesized(Node node) {
        return switch (node) {
            case Node.Name n -> n.name();
            case Node.Literal l -> l.text();
            case Node.Negate n -> "(-" + parenthesized(n.operand()) + ")";
            case Node.Transpose t -> parenthesized(t.operand()) + "'";
            case Node.Ones o -> o.isMatrix() ? "matrix(1)" : "vector(1)";
            case Node.Eye e -> "eye";
            case Node.Call c -> c.name() + "("
                    + c.args().stream().map(SyntaxPrinter::parenthesized).collect(Collectors.joining(", ")) + ")";
            case Node.Brackets b -> "[" + b.rows().stream()
                    .map(row -> row.stream().map(SyntaxPrinter::parenthesized).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; ")) + "]";
            case Node.Chain c -> {
                String s = parenthesized(c.first());
                for (Node.Step step : c.steps()) {
                    s = "(" + s + " " + step.op().symbol() + " " + parenthesized(step.operand()) + ")";
                }
                yield s;
            }
        };
    }
}
