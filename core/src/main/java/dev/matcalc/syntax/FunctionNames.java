package dev.matcalc.syntax;

import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The names the parser knows as functions or constants, and the "did you mean" suggestion. */
public final class FunctionNames {
    private FunctionNames() { }

    public static final String VECTOR = "vector", MATRIX = "matrix", EYE = "eye";

    /** Reductions and functions written through others rather than with a table entry of their own. */
    public static final String MEAN = "mean";

    public static final String SIZE = "size";

    /** The functions that take a dimension as an optional second argument ({@code sum(X, 2)}). */
    private static final Set<String> WITH_DIMENSION = Set.of("sum", MEAN, "softmax", "logsumexp", SIZE);

    /**
     * The functions that compare two operands element-wise when given two arguments
     * ({@code max(A, B)}), and reduce to one entry when given one ({@code max(X)}).
     */
    private static final Set<String> PAIRWISE = Set.of("max", "min");

    /** Whether {@code name(A, B)} compares A and B element-wise. */
    public static boolean isPairwise(String name) {
        return PAIRWISE.contains(name);
    }

    /** All known names: element-wise functions, matrix functions, then the constructors. */
    public static final List<String> ALL = all();

    private static List<String> all() {
        Set<String> names = new LinkedHashSet<>();
        for (Fn f : Fn.values()) names.add(f.fnName());
        for (MatFn f : MatFn.values()) names.add(f.fnName());
        names.add(MEAN);
        names.add(VECTOR);
        names.add(MATRIX);
        names.add(EYE);
        return Collections.unmodifiableList(new ArrayList<>(names));
    }

    public static boolean isFunction(String name) {
        return Fn.byName(name).isPresent() || MatFn.isName(name) || name.equals(MEAN);
    }

    /** Whether {@code name(X, k)} names a dimension k. */
    public static boolean takesDimension(String name) {
        return WITH_DIMENSION.contains(name);
    }

    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }

    /**
     * Names other tools use for a function matcalc spells otherwise, mapped to matcalc's. They are
     * too far from it for the edit distance to find ({@code inverse} is 4 edits from {@code inv}), or
     * closer to the wrong name ({@code norm} is one edit from {@code norm1}, but a norm without a
     * subscript means the Euclidean one).
     */
    private static final java.util.Map<String, String> OTHER_NAMES = java.util.Map.of(
            "inverse", "inv", "norm", "norm2", "trace", "tr", "determinant", "det", "ln", "log",
            "logdeterminant", "logdet", "diagonal", "diag", "average", "mean");

    /** The closest known name, if it is close enough to be a likely typo, or matcalc's name for another tool's. */
    public static Optional<String> suggest(String name) {
        String other = OTHER_NAMES.get(name.toLowerCase(java.util.Locale.ROOT));
        if (other != null) return Optional.of(other);
        int allowed = name.length() >= 5 ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : ALL) {
            int d = levenshtein(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The Levenshtein distance, for suggestions elsewhere (type names). */
    public static int editDistance(String a, String b) {
        return levenshtein(a, b);
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
