package dev.matcalc.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * A constraint as written: {@code LEFT op RIGHT} with one comparison, {@code <=}, {@code >=} or
 * {@code ==} ({@code <} and {@code >}, which GENO's model files also use, and {@code ≤}, {@code ≥}
 * read as the non-strict ones: a continuous solver cannot tell them apart). Each side is a matcalc
 * expression; the comparison is element-wise, a scalar side expanding against the other
 * ({@code x >= 0}). Its normal form is LEFT - RIGHT ≤ 0 (RIGHT - LEFT for {@code >=}) or
 * LEFT - RIGHT = 0; the sides are typed together with the rest of the problem by {@link ProblemTyper}.
 *
 * @param text          the constraint as written
 * @param relation      the comparison
 * @param operatorStart where the comparison starts in {@code text}
 * @param operatorEnd   where it ends
 * @param end           where the constraint ends: before a {@code #} comment, else the end of the text
 */
public record Constraint(String text, Relation relation, int operatorStart, int operatorEnd, int end) {

    public enum Relation {
        LESS_EQUAL("<="), GREATER_EQUAL(">="), EQUAL("==");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    public String left() {
        return text.substring(0, operatorStart);
    }

    public String right() {
        return text.substring(operatorEnd, end);
    }

    public boolean isEquality() {
        return relation == Relation.EQUAL;
    }

    /** The constraint's text without a trailing comment and surrounding blanks, for messages. */
    public String written() {
        return text.substring(0, end).strip();
    }

    private record Found(Relation relation, int start, int end) { }

    /** Reads a constraint: finds its one comparison, with a positioned error when there is none, or two. */
    public static Constraint parse(String text) {
        List<Found> found = new ArrayList<>();
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (c == '#') {
                end = i;
                break;
            }
            Found f = switch (c) {
                case '<' -> new Found(Relation.LESS_EQUAL, i, next == '=' ? i + 2 : i + 1);
                case '>' -> new Found(Relation.GREATER_EQUAL, i, next == '=' ? i + 2 : i + 1);
                case '≤' -> new Found(Relation.LESS_EQUAL, i, i + 1);
                case '≥' -> new Found(Relation.GREATER_EQUAL, i, i + 1);
                case '=' -> {
                    if (next == '=') yield new Found(Relation.EQUAL, i, i + 2);
                    if (next == '<' || next == '>')
                        throw Positions.error("write " + next + "= for this comparison, not =" + next, text, i, i + 2);
                    throw Positions.error("'=' is not a comparison; an equality constraint is written ==", text, i, i + 1);
                }
                case '!', '~' -> {
                    if (next != '=') yield null;
                    throw Positions.error("'" + c + "=' constraints are not supported; a constraint is <=, >= or ==",
                            text, i, i + 2);
                }
                default -> null;
            };
            if (f == null) continue;
            found.add(f);
            i = f.end() - 1;
        }
        if (found.isEmpty()) {
            int[] whole = Positions.trimmed(text, 0, end);
            throw Positions.error("a constraint needs a comparison: <=, >= or ==", text, whole[0], whole[1]);
        }
        Found first = found.get(0);
        if (found.size() > 1) {
            Found second = found.get(1);
            throw Positions.error("a constraint has one comparison, but this is a second one after '"
                    + text.substring(first.start(), first.end()) + "'; write a range such as 0 <= x <= 1 as two "
                    + "constraints, 0 <= x and x <= 1", text, second.start(), second.end());
        }
        Constraint constraint = new Constraint(text, first.relation(), first.start(), first.end(), end);
        String op = text.substring(first.start(), first.end());
        if (constraint.left().isBlank())
            throw Positions.error("nothing on the left of '" + op + "'", text, first.start(), first.end());
        if (constraint.right().isBlank())
            throw Positions.error("nothing on the right of '" + op + "'", text, first.start(), first.end());
        return constraint;
    }
}
