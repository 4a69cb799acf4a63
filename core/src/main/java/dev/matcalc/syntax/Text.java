package dev.matcalc.syntax;

/** Small helpers for quoting source text in error messages. */
public final class Text {
    private Text() { }

    /** Longest piece of source quoted in a message before it is cut with an ellipsis. */
    public static final int QUOTE_LIMIT = 30;

    public static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT - 1) + "…";
    }

    /** The source text a span covers, abbreviated for a message. */
    public static String quote(String source, Span span) {
        int start = Math.max(0, Math.min(span.start(), source.length()));
        int end = Math.max(start, Math.min(span.end(), source.length()));
        // Look at a bounded window only: a span may cover a huge input.
        String piece = source.substring(start, Math.min(end, start + 4 * QUOTE_LIMIT));
        return end - start > 4 * QUOTE_LIMIT ? abbreviate(piece + "…") : abbreviate(piece);
    }
}
