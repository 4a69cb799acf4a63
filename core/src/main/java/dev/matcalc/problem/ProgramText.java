package dev.matcalc.problem;

import dev.matcalc.syntax.Parser;
import dev.matcalc.syntax.Program;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * A problem's texts as one matcalc program, so that the typer sees them together and unifies their
 * sizes: first the objective's definitions (so constraints may use the names it defines), then each
 * constraint {@code L op R} as a definition {@code _c0 = L-(R)} (its normal form up to sign), then
 * the objective's final expression, the program's result. Every piece of user text is copied
 * whole, so an error the parser or typer reports in the program maps back to the text the user
 * wrote, and from there into the document it came from (a model file), with that line and column.
 */
final class ProgramText {
    /** A user's text and where it stands in the document it was read from (the text itself when given alone). */
    record Located(String text, String document, int offset) {
        static Located alone(String text) {
            return new Located(text, text, 0);
        }

        /** An error at [from, to) of this text, positioned in the document. */
        SourceError error(String message, int from, int to) {
            return Positions.error(message, document, offset + from, offset + to);
        }

        /** An error covering the text (without surrounding blanks) up to {@code end}. */
        SourceError whole(String message, int end) {
            int[] span = Positions.trimmed(text, 0, end);
            return error(message, span[0], span[1]);
        }
    }

    /** program[at, at + length) is the piece's text [from, from + length). */
    private record Segment(int at, int length, int from) { }

    /** A user text's place in the program: [start, end), its copied segments, and for a constraint where '-(' stands. */
    private record Piece(Located source, int start, int end, List<Segment> segments, int operatorAt) { }

    final String program;
    /** For each constraint, the definition that holds LEFT - RIGHT (with {@code split}: LEFT, and RIGHT in {@link #rightNames}). */
    final List<String> names = new ArrayList<>();
    final List<String> rightNames = new ArrayList<>();
    private final List<Piece> pieces = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    /**
     * @param split a constraint whose two sides become two definitions, LEFT and RIGHT, to be typed
     *              apart (for reporting their shapes); -1 for none
     */
    ProgramText(Located objective, List<Located> texts, List<Constraint> constraints, int split) {
        String prefix = "_c";
        while (mentions(objective, texts, prefix)) prefix = "_" + prefix;
        int result = resultStart(objective.text());
        if (result > 0) {
            List<Segment> segments = new ArrayList<>();
            copy(objective.text(), 0, result, segments, true);
            pieces.add(new Piece(objective, 0, out.length(), segments, -1));
            out.append('\n');
        }
        for (int i = 0; i < constraints.size(); i++) {
            Constraint c = constraints.get(i);
            Located at = texts.get(i);
            String name = prefix + i;
            names.add(name);
            List<Segment> segments = new ArrayList<>();
            int start;
            int operatorAt = -1;
            if (i == split) {
                out.append(name).append(" = ");
                start = out.length();
                copy(c.text(), 0, c.operatorStart(), segments, false);
                String right = name + "_right";
                rightNames.add(right);
                out.append('\n').append(right).append(" = ");
            } else {
                rightNames.add(null);
                out.append(name).append(" = ");
                start = out.length();
                copy(c.text(), 0, c.operatorStart(), segments, false);
                operatorAt = out.length();
                out.append("-(");
            }
            copy(c.text(), c.operatorEnd(), c.end(), segments, false);
            if (i != split) out.append(')');
            pieces.add(new Piece(at, start, out.length(), segments, operatorAt));
            out.append('\n');
        }
        List<Segment> segments = new ArrayList<>();
        int start = out.length();
        copy(objective.text(), result, objective.text().length(), segments, true);
        pieces.add(new Piece(objective, start, out.length(), segments, -1));
        program = out.toString();
    }

    /**
     * Where the objective's final expression starts (0 when it defines nothing): at its first token,
     * or before the parentheses and signs that open it (they leave no node of their own).
     */
    private static int resultStart(String objective) {
        Program parsed = Parser.parse(objective);
        if (parsed.definitions().isEmpty()) return 0;
        int start = parsed.result().span().start();
        while (start > 0 && " \t(+-".indexOf(objective.charAt(start - 1)) >= 0) start--;
        return start;
    }

    private static boolean mentions(Located objective, List<Located> texts, String prefix) {
        return objective.text().contains(prefix) || texts.stream().anyMatch(t -> t.text().contains(prefix));
    }

    /** Copies text[from, to); a newline inside a constraint would end the definition, so it becomes a blank. */
    private void copy(String text, int from, int to, List<Segment> segments, boolean keepNewlines) {
        int at = out.length();
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            out.append(!keepNewlines && (c == '\n' || c == '\r') ? ' ' : c);
        }
        segments.add(new Segment(at, to - from, from));
    }

    /** The constraint whose '-(' the span crosses (the subtraction of its sides failed), or -1. */
    int sidesDisagree(Span span) {
        for (int i = 0; i < pieces.size(); i++) {
            int op = pieces.get(i).operatorAt();
            if (op >= 0 && span.start() <= op && span.end() > op) return i;
        }
        return -1;
    }

    /** An error the parser or typer reported in the program, moved to the user's text and document. */
    SourceError map(SourceError e) {
        if (e.span() == null || !program.equals(e.source())) return e;
        Piece piece = pieceAt(e.span().start());
        int from = start(piece, e.span().start()), to = end(piece, e.span().end());
        return piece.source().error(e.getMessage(), from, Math.max(to, from + 1));
    }

    private Piece pieceAt(int offset) {
        for (Piece p : pieces) if (offset < p.end()) return p;
        return pieces.get(pieces.size() - 1);
    }

    /** A start offset in the program as an offset in the piece (a synthetic part moves to the next copied text). */
    private static int start(Piece p, int offset) {
        for (Segment s : p.segments()) if (offset < s.at() + s.length()) return s.from() + Math.max(0, offset - s.at());
        Segment last = p.segments().get(p.segments().size() - 1);
        return last.from() + last.length();
    }

    /** An end offset in the program as an offset in the piece (clamped to the copied text before it). */
    private static int end(Piece p, int offset) {
        int result = p.segments().get(0).from();
        for (Segment s : p.segments()) if (s.at() < offset) result = s.from() + Math.min(offset - s.at(), s.length());
        return result;
    }
}
