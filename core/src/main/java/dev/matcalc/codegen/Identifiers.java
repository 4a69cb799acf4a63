package dev.matcalc.codegen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names in generated code: each matcalc name kept as it is unless it would clash with a keyword,
 * a name the module itself defines, or a name already given, in which case it gets a suffix.
 */
final class Identifiers {
    /** Python's own keywords: never a name of anything generated. */
    static final Set<String> PYTHON_KEYWORDS = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "np", "torch", "jax", "jnp", "itertools", "math", "value");
    static final Set<String> PYTHON_RESERVED = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "np", "torch", "jax", "jnp", "itertools", "math", "relu", "step", "ge0", "ismax", "ismin", "sigmoid", "softplus", "softmax",
            "logsumexp", "fAndG", "checkGradient", "randomInputs", "device", "value", "float", "int", "tuple",
            "len", "max", "min", "abs", "sum", "range", "print", "dict", "list", "zip");
    static final Set<String> JAVA_RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "var", "record", "yield", "sealed", "permits", "true", "false", "null", "_", "values", "value",
            "derivatives", "Result", "Map", "List", "Set", "DMatrixRMaj", "CommonOps_DDRM", "NormOps_DDRM", "Math", "String",
            "SYMMETRIC", "WORKSPACE", "workspace", "ThreadLocal", "System", "Integer", "DoubleUnaryOperator");

    private final Set<String> taken = new HashSet<>();
    private final Map<String, String> given = new HashMap<>();

    Identifiers(Set<String> reserved, List<String> alsoTaken) {
        taken.addAll(reserved);
        taken.addAll(alsoTaken);
    }

    /** The identifier for matcalc name {@code name} (the same one every time it is asked). */
    String of(String name) {
        return given.computeIfAbsent(name, this::fresh);
    }

    /** A new identifier, {@code wanted} if it is free, else {@code wanted_}, {@code wanted_2}, ... */
    String fresh(String wanted) {
        String candidate = taken.contains(wanted) ? wanted + "_" : wanted;
        for (int i = 2; taken.contains(candidate); i++) candidate = wanted + "_" + i;
        taken.add(candidate);
        return candidate;
    }

    private String temporaryPrefix;

    /**
     * The next free temporary: t0, t1, ..., or s0, s1, ... where a user's variable is t (t0 would
     * read as its entry); asked after the inputs are named.
     */
    String temporary() {
        if (temporaryPrefix == null)
            temporaryPrefix = dev.matcalc.expr.HelperNames.prefix(given.keySet(), List.of("t", "s", "h", "c", "q"));
        for (int i = 0; ; i++) if (!taken.contains(temporaryPrefix + i)) return fresh(temporaryPrefix + i);
    }
}
