package dev.matcalc;

import dev.matcalc.api.Expression;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.shapes.Typer;
import dev.matcalc.shapes.ValueShape;

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

    /** A problem minimizing {@code objective}; name its variables, give its data, then {@code solve()}. */
    public static dev.matcalc.api.Optimization minimize(String objective) {
        return dev.matcalc.api.Optimization.minimize(objective);
    }

    /** A problem maximizing {@code objective} (minimizing its negation; the objective is reported as written). */
    public static dev.matcalc.api.Optimization maximize(String objective) {
        return dev.matcalc.api.Optimization.maximize(objective);
    }

    /**
     * Parses and types {@code source} for given values: a value's kind decides the kind of a variable
     * that is not declared (a scalar, a vector or a matrix, whatever its letter), its sizes bind
     * dimensions, and a value of another kind than a declaration is an error.
     * {@code MatCalc.parse("lam*x'*x", Map.of(), DataValue.shapes(values))} types {@code lam} as
     * a scalar when its value is a number ({@link dev.matcalc.data.DataValue}).
     */
    public static Expression parse(String source, Map<String, Declaration> lets, Map<String, ValueShape> valueShapes) {
        return new Expression(dev.matcalc.api.Work.call(source, () -> Typer.type(source, lets, valueShapes)));
    }
}
