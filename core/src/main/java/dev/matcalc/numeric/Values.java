package dev.matcalc.numeric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.matcalc.shapes.Shape;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable values as JSON, both ways. In: an object mapping each name to a number (1×1), an array
 * of numbers (a column vector n×1) or an array of rows (an m×n matrix; a row vector is one row);
 * the form is the value's kind ({@link #kind}), which the typer respects.
 * Out ({@link #toNested}): the same forms, chosen by the declared shape. Positions in messages
 * count from 1 ({@code x[2]} is the second entry, {@code A[2,3]} row 2, column 3), as matcalc's
 * notation does.
 */
public final class Values {
    private Values() { }

    // NaN and Infinity are read as numbers so that the error can say which entry is not finite;
    // duplicate names are rejected rather than silently keeping the last, and so is text after the value;
    // .5 is read as matcalc's expressions read it.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The most entries one value may have, checked before it is allocated ({@code dev.matcalc.api.Limits}). */
    public static final long MAX_ENTRIES = 10_000_000;

    /**
     * The most entries of a value read from a data file ({@code --data X=X.npy}): 2.5·10^8 doubles
     * (2 GB; a 20,000×1,000 design matrix has 2·10^7). A file is read as it streams, so a header that
     * promises more than the file holds allocates nothing first.
     */
    public static final long MAX_FILE_ENTRIES = 250_000_000;

    public static Map<String, DMatrixRMaj> fromJson(String json) {
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object(parse(json)).properties())
            values.put(field.getKey(), matrix(field.getKey(), field.getValue()));
        return values;
    }

    /** The JSON tree of {@code json}, or a {@link SourceError} saying where it is malformed (trailing text included). */
    public static JsonNode parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SourceError("invalid JSON in values, " + JsonMessages.describe(e));
        }
        if (root == null || root.isMissingNode()) throw new SourceError("values: expected a JSON value, got nothing");
        return root;
    }

    /** {@code root} as the object mapping variable names to values that a values file holds. */
    public static JsonNode object(JsonNode root) {
        if (!root.isObject())
            throw new SourceError("values: expected a JSON object mapping variable names to values, got " + describe(root));
        return root;
    }

    /**
     * The kind of a value, by how it is written: a number is a scalar, an array of numbers a
     * vector, an array of rows a matrix. {@link #matrix} checks the form.
     */
    public static ValueShape.Kind kind(JsonNode value) {
        if (!value.isArray()) return ValueShape.Kind.SCALAR;
        return !value.isEmpty() && value.get(0).isArray() ? ValueShape.Kind.MATRIX : ValueShape.Kind.VECTOR;
    }

    /** The numbers of one value named {@code name} (in messages), checked: finite, rows of one length, within limits. */
    public static DMatrixRMaj matrix(String name, JsonNode node) {
        if (node.isArray() && node.isEmpty()) throw new SourceError(name + ": empty array, expected a vector or a matrix");
        if (!node.isArray()) return MatrixKernels.scalar(number(node, name));
        if (!node.get(0).isArray()) { // a column vector: every entry a number
            if (node.size() > MAX_ENTRIES)
                throw new SourceError(name + ": " + node.size() + " entries, more than the limit of " + MAX_ENTRIES);
            DMatrixRMaj v = new DMatrixRMaj(node.size(), 1);
            for (int i = 0; i < node.size(); i++) v.data[i] = number(node.get(i), name + "[" + (i + 1) + "]");
            return v;
        }
        int cols = node.get(0).size();
        long entries = (long) node.size() * Math.max(cols, 1);
        if (entries > MAX_ENTRIES)
            throw new SourceError(name + ": " + node.size() + "×" + cols + " is " + entries
                    + " entries, more than the limit of " + MAX_ENTRIES);
        DMatrixRMaj m = new DMatrixRMaj(node.size(), Math.max(cols, 1));
        for (int i = 0; i < node.size(); i++) {
            JsonNode row = node.get(i);
            if (!row.isArray())
                throw new SourceError(name + ": row " + (i + 1) + " is " + describe(row) + ", but row 1 is an array");
            if (row.isEmpty()) throw new SourceError(name + ": row " + (i + 1) + " is empty");
            if (row.size() != cols)
                throw new SourceError(name + ": row " + (i + 1) + " has " + row.size() + " entries, row 1 has " + cols);
            for (int j = 0; j < cols; j++) m.set(i, j, number(row.get(j), name + "[" + (i + 1) + "," + (j + 1) + "]"));
        }
        return m;
    }

    private static double number(JsonNode node, String what) {
        // a non-finite number that went through JSON once more arrives as the string "NaN" or "Infinity"
        if (node.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(node.textValue()))
            throw new SourceError(what + " is not a finite number (got " + node.textValue() + ")");
        if (!node.isNumber()) throw new SourceError(what + " is not a number (got " + describe(node) + ")");
        double v = node.doubleValue();
        if (!Double.isFinite(v)) throw new SourceError(what + " is not a finite number (got " + node.asText() + ")");
        return v;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        if (node.isNull()) return "null";
        if (node.isTextual()) return "the string \"" + node.textValue() + "\"";
        if (node.isBoolean()) return node.asText();
        return node.toString();
    }

    /**
     * {@code m} as JSON-ready nested values, by its declared shape: a scalar is a {@link Double}, a
     * column vector a flat list, anything else (row vectors included) a list of rows, so that
     * {@link #fromJson} reads it back as the same matrix.
     */
    public static Object toNested(DMatrixRMaj m, Shape s) {
        if (s.isScalar()) return m.data[0];
        if (s.cols().isOne()) {
            List<Double> list = new ArrayList<>(m.numRows);
            for (int i = 0; i < m.numRows; i++) list.add(m.data[i]);
            return list;
        }
        List<List<Double>> rows = new ArrayList<>(m.numRows);
        for (int i = 0; i < m.numRows; i++) {
            List<Double> row = new ArrayList<>(m.numCols);
            for (int j = 0; j < m.numCols; j++) row.add(m.get(i, j));
            rows.add(row);
        }
        return rows;
    }
}
