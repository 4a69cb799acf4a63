package dev.matcalc.syntax;

/**
 * A range of the source text: {@code start} inclusive, {@code end} exclusive, as character
 * offsets; {@code line} and {@code column} (both from 1) locate {@code start}.
 */
public record Span(int start, int end, int line, int column) {
    public Span {
        if (end < start) throw new IllegalArgumentException("span ends before it starts");
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        Span first = start <= other.start ? this : other;
        return new Span(first.start, Math.max(end, other.end), first.line, first.column);
    }
}
