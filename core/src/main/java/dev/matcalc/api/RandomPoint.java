package dev.matcalc.api;

import dev.matcalc.MatCalc;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.shapes.Dim;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random values for an expression's variables, as {@code check} draws them (positive under
 * {@code log} and {@code sqrt}, well-conditioned under {@code inv} and {@code det}, symmetric where
 * declared so), with the sizes the caller fixes for its symbolic dimensions; the rest are drawn
 * (2 to 4). The values come as the API's {@code at} takes them: numbers, arrays, arrays of rows.
 */
public final class RandomPoint {
    /** Largest size a caller may ask for one dimension: a point is for looking at, not for load. */
    public static final int MAX_SIZE = 100;

    private RandomPoint() { }

    /** The sizes of the symbolic dimensions and the values, by variable, in the expression's order. */
    public record Drawn(Map<String, Integer> dimensions, Map<String, Object> values) { }

    public static Drawn draw(String source, Map<String, String> let, Map<String, Integer> sizes, long seed) {
        sizes.forEach((name, size) -> {
            if (size < 1 || size > MAX_SIZE)
                throw new SourceError("the size of " + name + " must be between 1 and " + MAX_SIZE + ", got " + size);
        });
        return Work.call(() -> {
            Expression expression = MatCalc.parse(source, Service.declarations(let), Map.of());
            Set<String> known = new TreeSet<>();
            for (Var v : expression.variables())
                for (Dim d : List.of(v.shape().rows(), v.shape().cols()))
                    if (d instanceof Dim.Sym s) known.add(s.name());
            for (String name : sizes.keySet())
                if (!known.contains(name))
                    throw new SourceError("the expression has no dimension " + name + (known.isEmpty()
                            ? ": its sizes are all fixed" : "; its symbolic dimensions are " + String.join(", ", known)));
            RandomPoints.Point point = RandomPoints.draw(expression.expr(), new SplittableRandom(seed), sizes, Map.of());
            Map<String, Object> values = new LinkedHashMap<>();
            for (Var v : expression.variables()) {
                DMatrixRMaj m = point.values().get(v.name());
                if (m != null) values.put(v.name(), Points.toTensor(m, v.shape()).toNested());
            }
            return new Drawn(new java.util.TreeMap<>(point.dims()), values);
        });
    }
}
