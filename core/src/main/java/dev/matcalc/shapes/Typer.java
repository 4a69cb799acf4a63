package dev.matcalc.shapes;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Inference.VariableInfo;
import dev.matcalc.syntax.Parser;
import dev.matcalc.syntax.Program;
import dev.matcalc.syntax.SourceError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a program its shapes: declared variables take their declarations, variables given a
 * value the kind of the value (a number is a scalar, a list a vector, a list of rows a matrix),
 * the others matrixcalculus.org's letter convention (a–g scalar, h–z vector, A–Z matrix), and
 * their sizes are inferred from use by unification. The sizes of given values then bind sizes
 * ({@code x} given as 3×1 makes {@code n = 3}). Every user error is a {@link SourceError}.
 */
public final class Typer {
    private Typer() { }

    public static Typed type(String source) {
        return type(source, Map.of(), Map.of());
    }

    public static Typed type(String source, Map<String, Declaration> lets) {
        return type(source, lets, Map.of());
    }

    /**
     * @param lets        declared variables; one that does not occur is typed all the same, as
     *                    {@link Typed#absent()}, so that it can be differentiated by (a zero derivative)
     * @param valueShapes the shapes and kinds of given values by variable name; may be empty
     */
    public static Typed type(String source, Map<String, Declaration> lets, Map<String, ValueShape> valueShapes) {
        return type(Parser.parse(source), lets, valueShapes);
    }

    public static Typed type(Program program, Map<String, Declaration> lets, Map<String, ValueShape> valueShapes) {
        Map<String, Declaration> declared = lets == null ? Map.of() : lets;
        Map<String, ValueShape> values = valueShapes == null ? Map.of() : valueShapes;
        try {
            return typeChecked(program, declared, values);
        } catch (StackOverflowError e) {
            // The parser bounds nesting, so this is a last resort for a very small thread stack.
            throw new SourceError("expression nested too deeply to type", program.source(), program.result().span());
        }
    }

    private static Typed typeChecked(Program program, Map<String, Declaration> lets, Map<String, ValueShape> values) {
        Inference inference = new Inference(program.source(), lets, values);
        inference.program(program);
        Map<Integer, Integer> bound = ValueBinding.bind(inference, values);

        Map<Integer, String> names = inference.dims.freshNames(inference.reservedNames());
        Map<String, Var> variables = new LinkedHashMap<>(), absent = new LinkedHashMap<>();
        Map<String, Typed.Origin> origins = new HashMap<>();
        ExprBuilder builder = new ExprBuilder(inference, names, variables, new HashMap<>());
        for (VariableInfo info : inference.variables.values()) {
            Shape shape = builder.shape(info.type());
            Var.Kind kind = info.declaration() == null ? Var.Kind.PLAIN : info.declaration().varKind();
            (info.occurs() ? variables : absent).put(info.name(), new Var(info.name(), shape, kind));
            origins.put(info.name(), info.declaration() == null ? Typed.Origin.INFERRED : Typed.Origin.DECLARED);
        }

        Map<String, Expr> defined = new HashMap<>();
        builder = new ExprBuilder(inference, names, variables, defined);
        List<Typed.Definition> definitions = new ArrayList<>();
        for (Program.Definition d : program.definitions()) {
            Expr value = builder.build(d.value());
            defined.put(d.name(), new dev.matcalc.expr.Ref(d.name(), value));   // a name the answers reuse
            definitions.add(new Typed.Definition(d.name(), value));
        }
        Expr result = builder.build(program.result());

        Map<String, Integer> dimensionValues = new LinkedHashMap<>();
        bound.forEach((root, size) -> {
            if (inference.dims.isNamed(root)) dimensionValues.put(inference.dims.resolve(root, names).toString(), size);
        });
        return new Typed(result, List.copyOf(variables.values()), List.copyOf(absent.values()), origins, definitions,
                dimensionValues, program.source());
    }
}
