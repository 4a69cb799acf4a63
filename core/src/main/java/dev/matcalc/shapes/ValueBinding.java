package dev.matcalc.shapes;

import dev.matcalc.shapes.Inference.Inferred;
import dev.matcalc.shapes.Inference.VariableInfo;
import dev.matcalc.syntax.SourceError;

import java.util.HashMap;
import java.util.Map;

/**
 * Binds dimension classes to the sizes of given values, after inference: a value 3×1 for x
 * makes x's class 3. A value that contradicts a fixed size, or a size bound by another value,
 * is an error naming the variable, the shape given and the shape used; so is a value of another
 * kind than the variable's declaration (the kind of an undeclared variable already is the value's,
 * {@link Inference}).
 */
final class ValueBinding {
    private ValueBinding() { }

    /** The size bound to each class root. */
    static Map<Integer, Integer> bind(Inference in, Map<String, ValueShape> values) {
        Map<Integer, Integer> bound = new HashMap<>();
        Map<Integer, String> boundBy = new HashMap<>();
        for (VariableInfo info : in.variables.values()) {
            ValueShape given = values.get(info.name());
            if (given == null) continue;
            Declaration declared = info.declaration();
            if (declared != null && !given.fits(declared)) {
                throw new SourceError(info.name() + " is declared " + declared + ", but the value given for "
                        + info.name() + " is " + given.describe(), in.source, info.firstUse());
            }
            Inferred used = info.type();
            int[] classes = {used.rows(), used.cols()}, sizes = {given.rows(), given.cols()};
            for (int i = 0; i < 2; i++) {
                String conflict = bindOne(in, classes[i], sizes[i], info.name(), bound, boundBy);
                if (conflict != null) {
                    throw new SourceError("the value given for " + info.name() + " is " + given.rows() + "×" + given.cols()
                            + ", but " + info.name() + (info.occurs() ? " is used as " : " is declared as ") + Shape.times(in.dim(used.rows()), in.dim(used.cols()))
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
