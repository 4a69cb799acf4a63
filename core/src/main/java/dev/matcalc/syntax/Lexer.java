package dev.matcalc.syntax;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.syntax.Token.Kind.*;

/**
 * Splits source text into tokens. Newlines are statement separators only at the top level and
 * not after an operator (so a long expression may continue on the next line); inside brackets
 * a newline separates rows, as in MATLAB; inside parentheses it is white space.
 */
public final class Lexer {
    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    /** Open '(' and '[' in order, to decide what a newline means. */
    private final StringBuilder open = new StringBuilder();
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String source) {
        this.source = source;
    }

    /** The tokens of {@code source}, ending with an EOF token. */
    public static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\n') {
                newline();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {                       // a comment runs to the end of the line
                while (pos < source.length() && source.charAt(pos) != '\n') pos++;
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if (Character.isLetter(c) && c < 128 || c == '_') {
                int start = pos;
                while (pos < source.length() && isIdentPart(source.charAt(pos))) pos++;
                add(IDENT, start);
            } else {
                operator(c);
            }
        }
        add(EOF, pos);
    }

    private void newline() {
        Token.Kind context = open.isEmpty() ? null : open.charAt(open.length() - 1) == '[' ? LBRACKET : LPAREN;
        Token.Kind previous = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).kind();
        boolean continues = previous == null || switch (previous) {
            case PLUS, MINUS, STAR, SLASH, DOT_STAR, DOT_SLASH, CARET, DOT_CARET, EQUALS, COMMA, SEMI,
                 NEWLINE, LPAREN, LBRACKET -> true;
            default -> false;
        };
        if (context == null && !continues) add(NEWLINE, pos, pos + 1);
        else if (context == LBRACKET && !continues) add(SEMI, pos, pos + 1);
        pos++;
        line++;
        lineStart = pos;
    }

    private void number() {
        int start = pos;
        digits();
        // "2.*x" is 2 .* x, so a '.' followed by an operator character ends the number.
        if (peek(0) == '.' && "*/^'".indexOf(peek(1)) < 0) {
            pos++;
            digits();
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            pos++;
            if (peek(0) == '+' || peek(0) == '-') pos++;
            if (!isDigit(peek(0))) {
                throw new SourceError("malformed number: exponent has no digits", source, span(start, pos));
            }
            digits();
        }
        String text = source.substring(start, pos);
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) throw new SourceError("number out of range", source, span(start, pos));
        add(NUMBER, start);
    }

    private void digits() {
        while (isDigit(peek(0))) pos++;
    }

    private void operator(char c) {
        int start = pos;
        Token.Kind kind = switch (c) {
            case '+' -> PLUS;
            case '-' -> MINUS;
            case '*' -> STAR;
            case '/' -> SLASH;
            case '^' -> CARET;
            case '\'' -> QUOTE;
            case '(' -> LPAREN;
            case ')' -> RPAREN;
            case '[' -> LBRACKET;
            case ']' -> RBRACKET;
            case ',' -> COMMA;
            case ';' -> SEMI;
            case '=' -> EQUALS;
            case '.' -> switch (peek(1)) {
                case '*' -> DOT_STAR;
                case '/' -> DOT_SLASH;
                case '^' -> DOT_CARET;
                default -> null;
            };
            default -> null;
        };
        if (kind == null) {
            int cp = source.codePointAt(pos);
            String shown = Character.isISOControl(cp) || Character.isWhitespace(cp)
                    ? String.format("U+%04X", cp) : "'" + Character.toString(cp) + "'";
            String hint = c == '.' ? " (a number, or one of .* ./ .^)" : "";
            throw new SourceError("unexpected character " + shown + hint, source,
                    span(pos, pos + Character.charCount(cp)));
        }
        switch (kind) {
            case LPAREN -> open.append('(');
            case LBRACKET -> open.append('[');
            case RPAREN, RBRACKET -> { if (!open.isEmpty()) open.setLength(open.length() - 1); }
            default -> { }
        }
        pos += kind == DOT_STAR || kind == DOT_SLASH || kind == DOT_CARET ? 2 : 1;
        add(kind, start);
    }

    private void add(Token.Kind kind, int start) {
        add(kind, start, pos);
    }

    private void add(Token.Kind kind, int start, int end) {
        tokens.add(new Token(kind, source.substring(start, end), span(start, end)));
    }

    private Span span(int start, int end) {
        return new Span(start, end, line, start - lineStart + 1);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < source.length() ? source.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether {@code name} lexes as one identifier: an ASCII letter or {@code _}, then letters, digits and {@code _}. */
    public static boolean isIdentifier(String name) {
        if (name.isEmpty()) return false;
        char first = name.charAt(0);
        if (!(Character.isLetter(first) && first < 128 || first == '_')) return false;
        return name.chars().allMatch(c -> isIdentPart((char) c));
    }

    private static boolean isIdentPart(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
