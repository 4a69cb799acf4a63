package dev.matcalc.syntax;

/** One token of the source: its kind, its exact text and where it stands. */
public record Token(Kind kind, String text, Span span) {

    public enum Kind {
        NUMBER, IDENT,
        PLUS, MINUS, STAR, SLASH, DOT_STAR, DOT_SLASH, CARET, DOT_CARET, QUOTE,
        LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, SEMI, NEWLINE, EQUALS, EOF
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** How error messages name the token: {@code ')'}, {@code 'x'}, {@code end of input}. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case NEWLINE -> "end of line";
            default -> "'" + Text.abbreviate(text) + "'";
        };
    }
}
