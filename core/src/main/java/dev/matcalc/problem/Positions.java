package dev.matcalc.problem;

import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Span;

/** Spans in a text by character offsets, with the line and column that errors print. */
final class Positions {
    private Positions() { }

    /** The span [start, end) of {@code text}, clamped to it, with its 1-based line and column. */
    static Span span(String text, int start, int end) {
        int s = Math.max(0, Math.min(start, text.length()));
        int e = Math.max(s, Math.min(end, text.length()));
        int line = 1, lineStart = 0;
        for (int i = 0; i < s; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Span(s, e, line, s - lineStart + 1);
    }

    static SourceError error(String message, String text, int start, int end) {
        return new SourceError(message, text, span(text, start, end));
    }

    /** The span of {@code text} without its leading and trailing blanks (the whole text when it is blank). */
    static int[] trimmed(String text, int start, int end) {
        int s = start, e = end;
        while (s < e && Character.isWhitespace(text.charAt(s))) s++;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        return s == e ? new int[] {start, Math.max(end, start + 1)} : new int[] {s, e};
    }
}
