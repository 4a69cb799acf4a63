package dev.matcalc.render;

/**
 * A rendered subexpression with what its parent needs to know to decide on parentheses: the
 * binding strength of its outermost operator and whether it starts with a minus sign (a
 * minus-led piece must never follow a binary operator: {@code a*-b} reads badly and is not
 * matcalc input).
 *
 * <p>Precedence levels, lowest first, follow matcalc's grammar: {@code + -}; {@code * / .* ./}
 * (one level, left-associative); unary {@code -}; {@code ^ .^}; postfix {@code '}; atoms.
 */
public record Piece(String text, int prec, boolean leadingMinus) {
    public static final int SUM = 1;
    public static final int PRODUCT = 2;
    public static final int UNARY = 3;
    public static final int POWER = 4;
    /** Postfix operators, and in LaTeX and Unicode anything carrying a superscript. */
    public static final int POSTFIX = 5;
    public static final int ATOM = 6;

    public static Piece atom(String text) {
        return new Piece(text, ATOM, false);
    }

    public static Piece of(String text, int prec) {
        return new Piece(text, prec, false);
    }
}
