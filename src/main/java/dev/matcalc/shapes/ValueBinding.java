package dev.matcalc.shapes;

import dev.matcalc.shapes.Inference.Inferred;
import dev.matcalc.shapes.Inference.VariableInfo;
import dev.matcalc.syntax.SourceError;

import java.util.HashMap;
import java.util.Map;

/**
 * Binds dimension classes to the sizes of given values, after inference: a value 3×1 for x
 * makes x's class 3. A value that contradicts a fixed size, or a size bound by another value,
 * is an error naming the variable, the shape given and the shape used.
 */
final class ValueBinding {
    private ValueBinding() { }

    /** The size bound to each class root. */
    static Map<Integer, Integer> bind(Inference in, Map<String, int[]> values) {
        Map<Integer, Integer> bound = new HashMap<>();
        Map<Integer, String> boundBy = new HashMap<>();
        for (VariableInfo info : in.variables.values()) {
            int[] given = values.get(info.name());
            if (given == null) continue;
            if (given.length != 2 || given[0] < 1 || given[1] < 1) {
                throw new SourceError("the value given for " + info.name()
                        + " needs a shape {rows, cols} of positive sizes", in.source, info.firstUse());
            }
            Inferred used = info.type();
            int[] classes = {used.rows(), used.cols()};
            for (int i = 0; i < 2; i++) {
                String conflict = bindOne(in, classes[i], given[i], info.name(), bound, boundBy);
                if (conflict != null) {
                    throw new SourceError("the value given for " + info.name() + " is " + given[0] + "×" + given[1]
                            + ", but " + info.name() + (info.occurs() ? " is used as " : " is declared as ") + in.dim(used.rows()) + "×" + in.dim(used.cols())
                            + conflict, in.source, info.firstUse());
                }
            }
        }
        return bound;
    }

    /** Null when the size fits; else what it contradicts, for the message. */
    private static String bindOne(Inference in, int c, int size, String variable, Map<Integer, Integer> bound,
                                  Map<Integer, String> boundBy) {
        int root = in.dims.find(c);
        if (in.dims.isNamed(root)) {
            Integer previous = bound.putIfAbsent(root, size);
            boundBy.putIfAbsent(root, variable);
            if (previous == null || previous == size) return null;
            return " where " + in.dim(root) + " is " + previous + " (from the value given for " + boundBy.get(root) + ")";
        }
        Integer known = in.dims.value(root, bound);
        return known == null || known == size ? null : "";
    }
}
