package dev.matcalc.expr;

import java.util.Collection;
import java.util.List;

/**
 * The letter that numbered helper names ({@code t0, t1, ...}, {@code u1, u2, ...}) start with,
 * chosen so that no helper can be read as something of the user's: not a letter that is itself a
 * user variable ({@code t0} next to a vector {@code t} reads as its entry t₀), nor one that a user
 * name continues with digits ({@code t0} next to a user's {@code t1}).
 */
public final class HelperNames {
    private HelperNames() { }

    /** The first of {@code preferred} that no name in {@code userNames} clashes with, else the first with '_' added. */
    public static String prefix(Collection<String> userNames, List<String> preferred) {
        for (String p : preferred)
            if (userNames.stream().noneMatch(n -> clashes(n, p))) return p;
        String fallback = preferred.get(0) + "_";
        while (true) {
            String f = fallback;
            if (userNames.stream().noneMatch(n -> clashes(n, f))) return f;
            fallback += "_";
        }
    }

    /** Whether a user's {@code name} could be confused with helper names {@code prefix} followed by digits. */
    static boolean clashes(String name, String prefix) {
        if (!name.startsWith(prefix)) return false;
        String rest = name.substring(prefix.length());
        return rest.isEmpty() || rest.chars().allMatch(c -> c >= '0' && c <= '9' || c == '_');
    }
}
