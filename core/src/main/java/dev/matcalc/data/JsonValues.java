package dev.matcalc.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.matcalc.numeric.Values;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values written in JSON, the format of {@code --at} files, with their kinds: a number is a
 * scalar, an array of numbers a vector, an array of rows a matrix. {@link Values} reads and
 * checks the numbers (finite, rows of one length, within limits); this class only keeps the kind
 * each value was written as.
 */
public final class JsonValues {
    private JsonValues() { }

    /** An object mapping names to values: {@code {"lam": 0.5, "x": [1, 2], "A": [[1, 2], [3, 4]]}}. */
    public static Map<String, DataValue> fromJson(String json) {
        return object(Values.object(Values.parse(json)));
    }

    /** One value, named {@code name} in messages: {@code 0.5}, {@code [1, 2]} or {@code [[1, 2], [3, 4]]}. */
    public static DataValue value(String name, String json) {
        return value(name, Values.parse(json));
    }

    static DataValue value(String name, JsonNode node) {
        return new DataValue(Values.kind(node), Values.matrix(name, node));
    }

    static Map<String, DataValue> object(JsonNode object) {
        Map<String, DataValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties())
            values.put(field.getKey(), value(field.getKey(), field.getValue()));
        return values;
    }
}
