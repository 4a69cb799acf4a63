package dev.matcalc.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.matcalc.api.Request;
import dev.matcalc.calculus.Layout;
import dev.matcalc.codegen.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON bodies of {@code /api/derive} and {@code /api/check}, strictly: a field of the
 * wrong JSON type, an unknown field or malformed JSON is a 400 that names the field; an
 * expression over the length limit or an order out of range is a 422.
 */
final class ApiRequests {
    /** Derivatives above this order are tensors too large to be useful and costly to compute. */
    static final int MAX_ORDER = 4;
    static final int MAX_CHECK_POINTS = 20;

    private static final List<String> FORMATS = java.util.stream.Stream.concat(Request.ALL_FORMATS.stream(),
            java.util.Arrays.stream(Target.values()).map(Target::label)).toList();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DERIVE_FIELDS = Set.of("expr", "wrt", "let", "order", "layout", "steps", "formats", "at");
    private static final Set<String> CHECK_FIELDS = Set.of("expr", "wrt", "let", "order", "layout", "points", "seed", "tolerance", "at");
    private static final Set<String> POINT_FIELDS = Set.of("expr", "let", "sizes", "seed");

    /**
     * The arguments of {@link dev.matcalc.api.Checker#check}, or with {@code at} those of
     * {@link dev.matcalc.api.PointCheckAt#check} (the check at that one point).
     */
    record CheckParams(String expr, List<String> wrt, Map<String, String> let, int order, Layout layout,
                       int points, long seed, double tolerance, Map<String, Object> at) { }

    /** The arguments of {@link dev.matcalc.api.RandomPoint#draw}. */
    record PointParams(String expr, Map<String, String> let, Map<String, Integer> sizes, long seed) { }

    private ApiRequests() { }

    static Request derive(byte[] body, Limits limits) {
        ObjectNode o = object(body, DERIVE_FIELDS);
        return new Request(expr(o, limits), wrt(o), let(o), order(o), layout(o), formats(o),
                o.has("steps") && bool(o, "steps"), at(o));
    }

    static CheckParams check(byte[] body, Limits limits) {
        ObjectNode o = object(body, CHECK_FIELDS);
        int points = o.has("points") ? integer(o, "points") : 3;
        if (points < 1 || points > MAX_CHECK_POINTS)
            throw new ApiError(422, "'points' must be between 1 and " + MAX_CHECK_POINTS + ", got " + points);
        long seed = o.has("seed") ? longValue(o, "seed") : 1;
        double tolerance = o.has("tolerance") ? number(o, "tolerance") : 1e-6;
        if (!(tolerance > 0)) throw new ApiError(422, "'tolerance' must be a positive number");
        Map<String, Object> at = at(o);
        if (at != null && (o.has("points") || o.has("seed")))
            throw new ApiError(422, "'at' checks at the point given: it takes no 'points' or 'seed' (those draw random points)");
        return new CheckParams(expr(o, limits), wrt(o), let(o), order(o), layout(o), points, seed, tolerance, at);
    }

    static PointParams point(byte[] body, Limits limits) {
        ObjectNode o = object(body, POINT_FIELDS);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        JsonNode n = o.get("sizes");
        if (n != null && !n.isNull()) {
            if (!n.isObject()) throw wrongType("sizes", "an object mapping dimension names to sizes, e.g. {\"n\": 3}");
            for (var it = n.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt())
                    throw wrongType("sizes." + e.getKey(), "an integer");
                sizes.put(e.getKey(), e.getValue().asInt());
            }
        }
        long seed = o.has("seed") ? longValue(o, "seed") : 1;
        return new PointParams(expr(o, limits), let(o), sizes, seed);
    }

    private static ObjectNode object(byte[] body, Set<String> allowed) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "invalid JSON, " + dev.matcalc.numeric.JsonMessages.describe(e));
        } catch (java.io.IOException e) {
            throw new ApiError(400, "unreadable request body");
        }
        if (!(root instanceof ObjectNode o)) throw new ApiError(400, "the request body must be a JSON object");
        for (var it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name))
                throw new ApiError(400, "unknown field '" + name + "'; expected some of " + new java.util.TreeSet<>(allowed));
        }
        return o;
    }

    private static String expr(ObjectNode o, Limits limits) {
        if (!o.has("expr") || o.get("expr").isNull()) throw new ApiError(400, "missing field 'expr' (the expression)");
        String expr = text(o, "expr");
        if (expr.length() > limits.maxExprChars())
            throw new ApiError(422, "the expression is " + expr.length() + " characters long; the limit is " + limits.maxExprChars());
        return expr;
    }

    /** A single name or an array of names. */
    private static List<String> wrt(ObjectNode o) {
        JsonNode n = o.get("wrt");
        if (n == null || n.isNull()) return List.of();
        if (n.isTextual()) return List.of(n.asText());
        return strings(n, "wrt");
    }

    private static Map<String, String> let(ObjectNode o) {
        JsonNode n = o.get("let");
        if (n == null || n.isNull()) return Map.of();
        if (!n.isObject()) throw wrongType("let", "an object mapping names to shapes, e.g. {\"A\": \"symmetric(n)\"}");
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = n.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) throw wrongType("let." + e.getKey(), "a string such as \"matrix(m,n)\"");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static int order(ObjectNode o) {
        if (!o.has("order") || o.get("order").isNull()) return 1;
        int order = integer(o, "order");
        if (order < 1 || order > MAX_ORDER)
            throw new ApiError(422, "'order' must be between 1 and " + MAX_ORDER + ", got " + order);
        return order;
    }

    private static Layout layout(ObjectNode o) {
        if (!o.has("layout") || o.get("layout").isNull()) return Layout.NUMERATOR;
        String s = text(o, "layout");
        try {
            return Layout.parse(s);
        } catch (dev.matcalc.syntax.SourceError e) {
            throw new ApiError(422, e.getMessage());
        }
    }

    /** The forms of each derivative: text, pretty, latex, and the code targets (numpy, pytorch, jax, java). */
    private static List<String> formats(ObjectNode o) {
        JsonNode n = o.get("formats");
        if (n == null || n.isNull()) return Request.ALL_FORMATS;
        List<String> formats = strings(n, "formats");
        for (String f : formats)
            if (!Request.ALL_FORMATS.contains(f) && !Target.isTarget(f))
                throw new ApiError(422, "unknown format '" + f + "'; use some of " + FORMATS);
        return formats;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(ObjectNode o) {
        JsonNode n = o.get("at");
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw wrongType("at", "an object mapping variables to numbers, vectors or arrays of rows");
        return JSON.convertValue(n, Map.class);
    }

    private static List<String> strings(JsonNode n, String field) {
        if (!n.isArray()) throw wrongType(field, "an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw wrongType(field, "an array of strings");
            out.add(e.asText());
        }
        return out;
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (!n.isTextual()) throw wrongType(field, "a string");
        return n.asText();
    }

    private static boolean bool(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (!n.isBoolean()) throw wrongType(field, "true or false");
        return n.asBoolean();
    }

    private static int integer(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (!n.isIntegralNumber()) throw wrongType(field, "an integer");
        if (!n.canConvertToInt()) throw new ApiError(422, "'" + field + "' is out of range: " + n.asText());
        return n.asInt();
    }

    private static long longValue(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) throw wrongType(field, "an integer");
        return n.asLong();
    }

    private static double number(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (!n.isNumber()) throw wrongType(field, "a number");
        return n.asDouble();
    }

    private static ApiError wrongType(String field, String expected) {
        return new ApiError(400, "'" + field + "' must be " + expected);
    }
}
