package dev.matcalc.syntax;

/**
 * Bounds on what the parser accepts, so that hostile or accidental input (a 10 MB file, 10^5
 * nested parentheses) ends in a clear {@link SourceError} instead of exhausting memory or stack.
 *
 * @param maxLength the longest source accepted, in characters
 * @param maxDepth  the deepest nesting of parentheses, brackets and call arguments accepted
 */
public record Limits(int maxLength, int maxDepth) {

    public static final int DEFAULT_MAX_LENGTH = 100_000;
    public static final int DEFAULT_MAX_DEPTH = 500;
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_LENGTH, DEFAULT_MAX_DEPTH);

    public Limits {
        if (maxLength < 1 || maxDepth < 1) throw new IllegalArgumentException("limits must be positive");
        // The tree walkers recurse once per nesting level; far beyond this a thread stack runs out.
        if (maxDepth > 2_000) throw new IllegalArgumentException("maxDepth above 2000 risks stack overflow");
    }
}
