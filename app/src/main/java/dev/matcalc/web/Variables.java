package dev.matcalc.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.matcalc.MatCalc;
import dev.matcalc.api.Answer;
import dev.matcalc.api.Request;
import dev.matcalc.expr.Var;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.shapes.Typed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code POST /api/variables} answers: the expression typed, without differentiating it, so
 * the page can list the variables (and offer them to differentiate by) before one is chosen.
 * Same fields as the head of an {@link Answer}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Variables(String expression, String latex, Map<String, Answer.VariableInfo> variables,
                 Map<String, Integer> dimensions) {

    static Variables of(Request request) {
        if (request.expr() == null || request.expr().isBlank()) throw new dev.matcalc.syntax.SourceError("empty expression");
        Map<String, Declaration> lets = new LinkedHashMap<>();
        request.let().forEach((name, shape) -> lets.put(name, Declaration.parse(shape)));
        Typed typed = MatCalc.parse(request.expr(), lets, Map.of()).typed();
        Map<String, Answer.VariableInfo> vars = new LinkedHashMap<>();
        for (Var v : typed.variables())
            vars.put(v.name(), new Answer.VariableInfo(declaration(v), typed.isDeclared(v.name()) ? "declared" : "inferred"));
        return new Variables(Render.text(typed.expr()), Render.latex(typed.expr()), vars,
                typed.dimensionValues().isEmpty() ? null : typed.dimensionValues());
    }

    /** As the API's answer writes a shape: symmetric matrices as {@code symmetric(n)}. */
    private static String declaration(Var v) {
        if (v.kind() == Var.Kind.SYMMETRIC) return "symmetric(" + v.shape().rows() + ")";
        return v.shape().declaration();
    }
}
