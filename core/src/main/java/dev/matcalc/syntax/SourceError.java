package dev.matcalc.syntax;

/**
 * A user error: bad input, told with its position. Every error a user can cause ends as one of
 * these (the front ends print {@link #format()}, or its parts as JSON); anything else escaping
 * the engine is a bug.
 */
public class SourceError extends RuntimeException {
    private final String source;
    private final Span span;

    /** An error located in {@code source} at {@code span}. */
    public SourceError(String message, String source, Span span) {
        this(message, source, span, null);
    }

    /**
     * The same error, found in the text of an option rather than in the expression: it is told as
     * {@code --let A:symetric(n): message} with a caret under that text, and has no line or column
     * (those locate errors in the expression).
     */
    public SourceError inOption(String option) {
        return new SourceError(getMessage(), source, span, option);
    }

    private final String option;

    private SourceError(String message, String source, Span span, String option) {
        super(message);
        this.source = source;
        this.span = span;
        this.option = option;
    }

    /** An error with no position (bad option, bad values file, ...). */
    public SourceError(String message) {
        this(message, null, null);
    }

    public Span span() {
        return span;
    }

    public String source() {
        return source;
    }

    /** 1-based line, or 0 when the error has no position. */
    public int line() {
        return span == null || option != null ? 0 : span.line();
    }

    /** 1-based column, or 0 when the error has no position. */
    public int column() {
        return span == null || option != null ? 0 : span.column();
    }

    /**
     * {@code 1:7: message}, then the offending line and a caret under the span:
     * <pre>
     * 1:7: cannot multiply A (n×m) by x (k×1)
     *   A*B + A*x
     *         ^^^
     * </pre>
     */
    public String format() {
        if (span == null || source == null) return getMessage();
        String[] lines = source.split("\n", -1);
        int lineIndex = Math.min(span.line() - 1, lines.length - 1);
        String text = lines[Math.max(lineIndex, 0)];
        int col = Math.max(1, Math.min(span.column(), text.length() + 1));
        int width = Math.max(1, Math.min(span.end() - span.start(), text.length() - col + 1));
        String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        String caret = col - 1 > 200 ? "" : " ".repeat(col - 1) + "^".repeat(Math.min(width, 200));
        String where = option != null ? "in " + option : span.line() + ":" + span.column();
        return where + ": " + getMessage() + "\n  " + shown + "\n  " + caret;
    }
}
