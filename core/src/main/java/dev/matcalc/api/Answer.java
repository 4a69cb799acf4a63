package dev.matcalc.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A whole answer, as {@code --format json} and {@code POST /api/derive} return it. Optional parts
 * are omitted when absent. Numbers ({@code value}, {@code shape}) follow shape(f) + shape(wrt).
 * {@code notes} tell what the answers alone would not (a variable the expression does not mention).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(String expression, String latex, Map<String, VariableInfo> variables, List<String> notes,
                     Map<String, Integer> dimensions, Numbers functionValue,
                     List<Part> derivatives, Part stacked) {

    /** A variable's shape as a declaration ({@code vector(n)}) and whether it was declared or inferred. */
    public record VariableInfo(String shape, String origin) { }

    /** A named common subterm. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Definition(String name, String text, String pretty, String latex) { }

    /** Numbers at the point. */
    public record Numbers(Object value, int[] shape) { }

    /**
     * One derivative. {@code matrixShape} is null for a tensor, whose answer is its differential;
     * {@code code} maps each asked code format (numpy, pytorch, jax, java) to a module computing f
     * and this derivative, null when none was asked.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(List<String> wrt, int order, String kind, String layout, String matrixShape,
                       String description, String text, String pretty, String latex,
                       List<Definition> definitions, String differential,
                       Object value, int[] shape, List<Object> steps, Map<String, String> code,
                       TensorForms tensor, IndexForm index) { }

    /**
     * A derivative with no matrix form in Magnus–Neudecker's vec form d vec(F)/d vec(X)'
     * ({@code convention} says how vec is taken); absent where the differential has no Kronecker form.
     */
    public record TensorForms(String convention, String text, String pretty, String latex) { }

    /** The derivative's entries in index (Einstein) notation, repeated indices summed. */
    public record IndexForm(String text, String latex) { }

    /** An error, as the JSON front ends report it ({@code line}/{@code column} 0 when there is no position). */
    public record Error(String message, int line, int column, String formatted) { }
}
