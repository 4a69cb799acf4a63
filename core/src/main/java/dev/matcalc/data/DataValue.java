package dev.matcalc.data;

import dev.matcalc.shapes.ValueShape;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value read from data, with its kind next to its numbers. Inside the engine every value is a
 * rows×cols matrix, where a 1×1 matrix cannot tell a scalar from a vector of length 1; the kind
 * keeps what the data said, so that the typer can respect it ({@link #shapes}).
 *
 * @param kind   scalar (1×1), vector (n×1, whatever way the data wrote it) or matrix (m×n)
 * @param matrix the numbers, row-major; a vector is a column (shared, not copied: values can be large)
 */
public record DataValue(ValueShape.Kind kind, DMatrixRMaj matrix) {
    public DataValue {
        shape(kind, matrix);   // checks that the sizes fit the kind
    }

    public static DataValue scalar(double value) {
        return new DataValue(ValueShape.Kind.SCALAR, new DMatrixRMaj(1, 1, true, value));
    }

    public static DataValue vector(double... entries) {
        return new DataValue(ValueShape.Kind.VECTOR, new DMatrixRMaj(entries.length, 1, true, entries));
    }

    public static DataValue matrix(double[][] rows) {
        return new DataValue(ValueShape.Kind.MATRIX, new DMatrixRMaj(rows));
    }

    /** The kind and sizes, as the typer takes them. */
    public ValueShape shape() {
        return shape(kind, matrix);
    }

    private static ValueShape shape(ValueShape.Kind kind, DMatrixRMaj m) {
        return new ValueShape(kind, m.numRows, m.numCols);
    }

    /** The shapes of {@code values}, for {@link dev.matcalc.MatCalc#parse(String, Map, Map)}. */
    public static Map<String, ValueShape> shapes(Map<String, DataValue> values) {
        Map<String, ValueShape> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, v.shape()));
        return out;
    }

    /** The numbers of {@code values}, for evaluation. */
    public static Map<String, DMatrixRMaj> matrices(Map<String, DataValue> values) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, v.matrix()));
        return out;
    }
}
