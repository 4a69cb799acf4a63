package dev.matcalc.problem;

import dev.matcalc.data.DataValue;
import dev.matcalc.shapes.Declaration;
import org.ejml.data.DMatrixRMaj;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An optimization problem as data: the objective's text, whether it is minimized or maximized, the
 * variables to optimize over, shape declarations, the constraints' texts ({@code A*x <= b},
 * {@code sum(x) == 1}), the values of the parameters (the data) and start values of the variables.
 * Nothing is parsed or checked here; {@link CompiledProblem#compile} does that, with errors that
 * point into the texts.
 *
 * <p>Values are kept by reference, not copied: a problem's data is often large, and it is only read.
 * A bare matrix cannot tell a scalar from a vector of length 1: an undeclared 1×1 value is a
 * scalar. Values read as {@link DataValue}s keep the kind the data wrote ({@code [3]} is a vector):
 * {@link #withDataValues} and {@link #withStartValues} declare it for names not declared otherwise.
 *
 * @param objective    the objective, matcalc text (definitions allowed: {@code r = X*w - y; r'*r})
 * @param over         the variables, in the order their entries are packed into the solver's vector
 * @param declarations shapes by name ({@code S → symmetric(n)}); the others are inferred
 * @param psd          names declared positive semidefinite (parameters only; their data is checked)
 * @param constraints  constraint texts, each {@code EXPR <= EXPR}, {@code EXPR >= EXPR} or {@code EXPR == EXPR}
 * @param data         the value of every parameter (every name that is not a variable)
 * @param start        start values for some or all variables
 * @param origin       where the texts stand in a document they were read from (a model file), or null
 */
public record Problem(String objective, Sense sense, List<String> over, Map<String, Declaration> declarations,
                      Set<String> psd, List<String> constraints, Map<String, DMatrixRMaj> data,
                      Map<String, DMatrixRMaj> start, Origin origin) {

    /**
     * The document the texts were read from and the offset of each text in it, so that an error in
     * an expression points at the document's line and column.
     */
    public record Origin(String document, int objectiveOffset, List<Integer> constraintOffsets) {
        public Origin {
            Objects.requireNonNull(document, "document");
            constraintOffsets = List.copyOf(constraintOffsets);
        }
    }

    public Problem {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(sense, "sense");
        over = List.copyOf(over == null ? List.of() : over);
        declarations = frozen(declarations);
        psd = Collections.unmodifiableSet(new LinkedHashSet<>(psd == null ? Set.of() : psd));
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        data = frozen(data);
        start = frozen(start);
        if (origin != null && origin.constraintOffsets().size() != constraints.size())
            throw new IllegalArgumentException("the origin places " + origin.constraintOffsets().size()
                    + " constraints, the problem has " + constraints.size());
    }

    /** A problem with no declarations, data or start values yet. */
    public static Problem of(String objective, Sense sense, List<String> over, List<String> constraints) {
        return new Problem(objective, sense, over, Map.of(), Set.of(), constraints, Map.of(), Map.of(), null);
    }

    public Problem withDeclarations(Map<String, Declaration> declarations) {
        return new Problem(objective, sense, over, declarations, psd, constraints, data, start, origin);
    }

    public Problem withData(Map<String, DMatrixRMaj> data) {
        return new Problem(objective, sense, over, declarations, psd, constraints, data, start, origin);
    }

    public Problem withStart(Map<String, DMatrixRMaj> start) {
        return new Problem(objective, sense, over, declarations, psd, constraints, data, start, origin);
    }

    /**
     * The data as read, each value's kind ({@code [3]} a vector, {@code 3} a scalar) declared for
     * every name the problem does not declare itself.
     */
    public Problem withDataValues(Map<String, DataValue> values) {
        return withKindsOf(values).withData(DataValue.matrices(values));
    }

    /** Start values as read, their kinds declared as {@link #withDataValues} does. */
    public Problem withStartValues(Map<String, DataValue> values) {
        return withKindsOf(values).withStart(DataValue.matrices(values));
    }

    private Problem withKindsOf(Map<String, DataValue> values) {
        Map<String, Declaration> lets = new LinkedHashMap<>(declarations);
        values.forEach((name, v) -> lets.putIfAbsent(name, kindOf(v)));
        return withDeclarations(lets);
    }

    /** The declaration that says what a value's kind is and leaves its sizes to the value. */
    public static Declaration kindOf(DataValue value) {
        return switch (value.kind()) {
            case SCALAR -> Declaration.SCALAR;
            case VECTOR -> Declaration.ofKind(Declaration.Kind.VECTOR);
            case MATRIX -> Declaration.ofKind(Declaration.Kind.MATRIX);
        };
    }

    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
    }
}
