package dev.matcalc.shapes;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed program.
 *
 * @param expr            the final expression; references to defined names share the definition's {@link Expr}
 * @param variables       every variable, in order of first appearance (definitions included)
 * @param absent          declared variables that do not occur, in order of declaration: f is constant
 *                        in them, so a derivative by one is the zero of its shape
 * @param origins         for each variable, whether its shape was declared or inferred
 * @param definitions     the definitions in order, typed
 * @param dimensionValues sizes bound to symbolic dimensions by the given values ({@code n → 3})
 * @param source          the program text
 */
public record Typed(Expr expr, List<Var> variables, List<Var> absent, Map<String, Origin> origins, List<Definition> definitions,
                    Map<String, Integer> dimensionValues, String source) {

    /** Where a variable's shape came from. */
    public enum Origin { DECLARED, INFERRED }

    /** {@code name = expr}, typed. */
    public record Definition(String name, Expr expr) { }

    public Typed {
        variables = List.copyOf(variables);
        absent = List.copyOf(absent);
        origins = Map.copyOf(origins);
        definitions = List.copyOf(definitions);
        dimensionValues = Map.copyOf(dimensionValues);
    }

    public Optional<Var> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** A declared variable that does not occur. */
    public Optional<Var> absent(String name) {
        return absent.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public boolean isDeclared(String name) {
        return origins.get(name) == Origin.DECLARED;
    }
}
