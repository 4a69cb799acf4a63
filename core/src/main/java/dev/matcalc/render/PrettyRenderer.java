package dev.matcalc.render;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Unicode for reading: {@code xᵀAx}, {@code X⁻¹}, {@code x ⊙ y}, {@code x ⊘ y}, {@code −},
 * {@code x²}, {@code √x}, {@code 𝟙}, {@code I}, {@code ‖x‖₂}, {@code tr(X)}.
 *
 * <p>Factors are juxtaposed when no two names could run together ({@code 2Ax}, {@code xᵀA}) and
 * joined by {@code ·} otherwise ({@code W1·x}, {@code Wᵀ·exp(Wx + b)}). Scalar denominators of a
 * product are gathered after one slash ({@code xᵀA/‖x‖₂}). Superscript powers are kept for
 * scalars: on a matrix {@code A²} would read as A·A, so element-wise powers keep {@code .^}.
 */
public final class PrettyRenderer extends ExprRenderer {

    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    @Override
    protected String variable(Var v) {
        return Names.unicode(v);
    }

    @Override
    protected Piece number(double v) {
        if (Double.isNaN(v)) return Piece.atom("NaN");
        if (Double.isInfinite(v)) return Piece.atom("∞");
        Numbers.Scientific s = Numbers.scientific(v);
        if (s.exponent() == null) return Piece.atom(s.mantissa());
        String power = "10" + superscript(s.exponent());
        return s.mantissa().equals("1") ? Piece.of(power, Piece.POSTFIX) : Piece.of(s.mantissa() + "·" + power, Piece.PRODUCT);
    }

    /** Digits and a minus sign as superscripts. */
    static String superscript(String digits) {
        StringBuilder text = new StringBuilder();
        for (char c : digits.toCharArray()) text.append(c == '-' ? '⁻' : SUPERSCRIPT_DIGITS.charAt(c - '0'));
        return text.toString();
    }

    @Override
    protected Piece ones(Shape shape) {
        return shape.isRow() ? Piece.of("𝟙ᵀ", Piece.POSTFIX) : Piece.atom("𝟙");
    }

    @Override
    protected String identity() {
        return "I";
    }

    @Override
    protected String zero(Shape shape) {
        return "0";
    }


    @Override
    protected String minus() {
        return "−";
    }


    @Override
    protected String minusOperator() {
        return " − ";
    }

    @Override
    protected String elementwiseOperator(boolean divide) {
        return divide ? " ⊘ " : " ⊙ ";
    }

    @Override
    protected boolean productsShareLevel() {
        return false;
    }

    @Override
    protected Piece product(Piece coefficient, List<Factor> factors, boolean looseFirst) {
        List<String> numerator = new ArrayList<>();
        List<String> denominator = new ArrayList<>();
        if (coefficient != null) numerator.add(coefficient.text());
        for (Factor f : factors) (f.denominator() ? denominator : numerator).add(tight(f.piece()).text());
        String top = numerator.isEmpty() ? "1" : juxtapose(numerator);
        if (denominator.isEmpty()) return Piece.of(top, Piece.PRODUCT);
        String bottom = denominator.size() == 1 ? denominator.get(0) : parens(juxtapose(denominator));
        return Piece.of(top + "/" + bottom, Piece.PRODUCT);
    }

    static String juxtapose(List<String> factors) {
        StringBuilder text = new StringBuilder(factors.get(0));
        for (String f : factors.subList(1, factors.size())) {
            text.append(needsDot(text.toString(), f) ? "·" : "").append(f);
        }
        return text.toString();
    }

    /**
     * Whether writing {@code left} and {@code right} side by side could read as one name or
     * number: a name of two or more characters on either side of the junction ({@code W1},
     * {@code exp}), two numbers, or a letter before a digit. A number before a one-letter name
     * ({@code 2x}) and a postfix or bracket at the junction ({@code xᵀA}, {@code (a + b)x}) are
     * unambiguous.
     */
    static boolean needsDot(String left, String right) {
        String l = trailingWord(left);
        String r = leadingWord(right);
        if (r.length() > 1) return true;
        if (l.isEmpty() || r.isEmpty()) return false;
        boolean leftIsNumber = Character.isDigit(l.charAt(0)) || l.charAt(0) == '.';
        if (leftIsNumber) return !Character.isLetter(r.charAt(0)) || l.contains("e");
        return l.length() > 1 || Character.isDigit(r.charAt(0));
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.') || Character.isLetter(c) && c < 0x400;
    }

    private static String trailingWord(String s) {
        int i = s.length();
        while (i > 0 && isWordChar(s.charAt(i - 1))) i--;
        return s.substring(i);
    }

    private static String leadingWord(String s) {
        int i = 0;
        while (i < s.length() && isWordChar(s.charAt(i))) i++;
        return s.substring(0, i);
    }

    @Override
    protected Piece reciprocal(Piece denominator, boolean scalar) {
        return Piece.of((scalar ? "1/" : "𝟙 ⊘ ") + tight(denominator).text(), Piece.PRODUCT);
    }

    @Override
    protected Piece power(Piece base, Expr exponent, Piece exponentPiece, boolean scalarBase) {
        if (scalarBase && exponent instanceof Num n) {
            if (n.value() == 0.5) return Piece.atom("√" + wrap(base, Piece.ATOM).text());
            if (n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1000) {
                return Piece.of(wrap(base, Piece.ATOM).text() + superscript(Long.toString((long) n.value())), Piece.POSTFIX);
            }
        }
        String exp = wrap(exponentPiece, Piece.ATOM).text();
        return Piece.of(wrap(base, Piece.ATOM).text() + (scalarBase ? "^" : ".^") + exp, Piece.POWER);
    }

    @Override
    protected Piece transpose(Piece arg, Expr argExpr) {
        if (argExpr instanceof Call c && c.fn() == MatFn.INV) {
            return Piece.of(wrap(piece(c.arg()), Piece.ATOM).text() + "⁻ᵀ", Piece.POSTFIX);
        }
        return Piece.of(wrap(arg, Piece.ATOM).text() + "ᵀ", Piece.POSTFIX);
    }

    @Override
    protected Piece apply(Fn fn, Piece arg) {
        if (fn == Fn.SQRT) return Piece.atom("√" + wrap(arg, Piece.ATOM).text());
        if (fn == Fn.GE0) return Piece.atom("[" + arg.text() + " ≥ 0]");          // Iverson's bracket
        return Piece.atom(fn.fnName() + "(" + arg.text() + ")");
    }

    @Override
    protected Piece call(MatFn fn, Piece arg) {
        return switch (fn) {
            case INV -> Piece.of(wrap(arg, Piece.ATOM).text() + "⁻¹", Piece.POSTFIX);
            case NORM1 -> Piece.atom("‖" + arg.text() + "‖₁");
            case NORM2 -> Piece.atom("‖" + arg.text() + "‖₂");
            case LOGDET -> Piece.atom("log det(" + arg.text() + ")");
            default -> Piece.atom(fn.fnName() + "(" + arg.text() + ")");
        };
    }

    @Override
    protected Piece maxMin(MaxMin.Op op, Piece a, Piece b) {
        return Piece.atom(op.fnName() + "(" + a.text() + ", " + b.text() + ")");
    }

    @Override
    protected Piece alongDimension(String name, String latex, Piece arg, int axis) {
        return Piece.atom(name + "(" + arg.text() + (axis == 0 ? "" : ", " + axis) + ")");
    }

    @Override
    protected Piece block(List<List<Piece>> rows) {
        return Piece.atom(rows.stream()
                .map(row -> row.stream().map(Piece::text).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ", "[", "]")));
    }

    @Override
    protected Piece scalarExpanded(Piece c, boolean cIsNumber, Shape shape) {
        Piece factor = cIsNumber ? c : tight(c);
        return new Piece(juxtapose(List.of(factor.text(), ones(shape).text())), Piece.PRODUCT, factor.leadingMinus());
    }

    @Override
    protected String withDefinitions(String body, List<String> names, List<String> values) {
        StringBuilder text = new StringBuilder(body);
        for (int i = 0; i < names.size(); i++) {
            text.append('\n').append(i == 0 ? "where " : "      ").append(names.get(i)).append(" = ").append(values.get(i));
        }
        return text.toString();
    }
}
