package dev.matcalc;

import dev.matcalc.api.Expression;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.shapes.Typer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the library.
 * <pre>{@code
 * Expression f = MatCalc.parse("x'*A*x", "A:symmetric(n)");
 * f.derivative("x").toText();              // "2*A*x" (numerator layout: "2*x'*A")
 * f.derivative("x").evaluate(Map.of("x", new double[]{1, 2}, "A", new double[][]{{2, 0}, {0, 3}}));
 * }</pre>
 * Every user error is a {@link dev.matcalc.syntax.SourceError} with a position where it has one.
 */
public final class MatCalc {
    private MatCalc() { }

    /** Parses and types {@code source}; {@code lets} declare shapes, e.g. {@code "A:symmetric(n)"}. */
    public static Expression parse(String source, String... lets) {
        Map<String, Declaration> declarations = new LinkedHashMap<>();
        for (String let : lets) {
            Declaration.Let l = Declaration.parseLet(let);
            declarations.put(l.name(), l.declaration());
        }
        return parse(source, declarations, Map.of());
    }

    /** Parses and types {@code source}, binding dimensions from the shapes of given values too. */
    public static Expression parse(String source, Map<String, Declaration> lets, Map<String, int[]> valueShapes) {
        return new Expression(dev.matcalc.api.Work.call(source, () -> Typer.type(source, lets, valueShapes)));
    }
}
