package dev.matcalc.render;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * LaTeX math (no surrounding {@code $}): {@code x^\top A x}, {@code A^{-1}}, {@code \odot},
 * {@code \frac{a}{b}} for scalar division, {@code \oslash} element-wise,
 * {@code \lVert x\rVert_2}, {@code \begin{bmatrix}...\end{bmatrix}}.
 *
 * <p>Anything carrying a superscript counts as postfix-level and is bracketed before another
 * superscript is attached ({@code \left(x^\top\right)^{\odot 2}}), since TeX rejects a double
 * superscript. Products juxtapose their factors and use {@code \cdot} only before a factor that
 * starts with a digit ({@code 2 \cdot 3}); scalar denominators of a product are gathered into one
 * {@code \frac} (scalars commute, so the order of the matrix factors is kept).
 */
public final class LatexRenderer extends ExprRenderer {

    @Override
    protected String variable(Var v) {
        return Names.latex(v);
    }

    @Override
    protected Piece number(double v) {
        if (Double.isNaN(v)) return Piece.atom("\\mathrm{NaN}");
        if (Double.isInfinite(v)) return Piece.atom("\\infty");
        Numbers.Scientific s = Numbers.scientific(v);
        if (s.exponent() == null) return Piece.atom(s.mantissa());
        String power = "10^{" + s.exponent() + "}";
        return s.mantissa().equals("1") ? Piece.of(power, Piece.POSTFIX) : Piece.of(s.mantissa() + " \\cdot " + power, Piece.PRODUCT);
    }

    @Override
    protected Piece ones(Shape shape) {
        return shape.isRow() ? Piece.of("\\mathbf{1}^\\top", Piece.POSTFIX) : Piece.atom("\\mathbf{1}");
    }

    @Override
    protected String identity() {
        return "I";
    }

    @Override
    protected String zero(Shape shape) {
        return shape.isScalar() ? "0" : "\\mathbf{0}";
    }

    @Override
    protected String parens(String inner) {
        return "\\left(" + inner + "\\right)";
    }




    @Override
    protected String elementwiseOperator(boolean divide) {
        return divide ? " \\oslash " : " \\odot ";
    }

    @Override
    protected boolean productsShareLevel() {
        return false;
    }

    @Override
    protected Piece product(Piece coefficient, List<Factor> factors, boolean looseFirst) {
        List<String> numerator = new ArrayList<>();
        List<Piece> denominator = new ArrayList<>();
        if (coefficient != null) numerator.add(coefficient.text());
        for (Factor f : factors) {
            if (f.denominator()) denominator.add(f.piece());
            else numerator.add(tight(f.piece()).text());
        }
        String top = numerator.isEmpty() ? "1" : juxtapose(numerator);
        if (denominator.isEmpty()) return Piece.of(top, Piece.PRODUCT);
        String bottom = denominator.size() == 1 ? denominator.get(0).text()
                : juxtapose(denominator.stream().map(p -> tight(p).text()).toList());
        return Piece.atom("\\frac{" + top + "}{" + bottom + "}");
    }

    /** Factors side by side; {@code \cdot} where a digit would run into the previous factor. */
    static String juxtapose(List<String> factors) {
        StringBuilder text = new StringBuilder(factors.get(0));
        for (String f : factors.subList(1, factors.size())) {
            text.append(Character.isDigit(f.charAt(0)) ? " \\cdot " : " ").append(f);
        }
        return text.toString();
    }

    @Override
    protected Piece reciprocal(Piece denominator, boolean scalar) {
        if (scalar) return Piece.atom("\\frac{1}{" + denominator.text() + "}");
        return Piece.of("\\mathbf{1} \\oslash " + tight(denominator).text(), Piece.PRODUCT);
    }

    @Override
    protected Piece power(Piece base, Expr exponent, Piece exponentPiece, boolean scalarBase) {
        if (scalarBase && exponent instanceof Num n && n.value() == 0.5) return Piece.atom("\\sqrt{" + base.text() + "}");
        String sup = (scalarBase ? "" : "\\odot ") + exponentPiece.text();
        return Piece.of(wrap(base, Piece.ATOM).text() + "^{" + sup + "}", Piece.POSTFIX);
    }

    @Override
    protected Piece transpose(Piece arg, Expr argExpr) {
        if (argExpr instanceof Call c && c.fn() == MatFn.INV) {
            return Piece.of(wrap(piece(c.arg()), Piece.ATOM).text() + "^{-\\top}", Piece.POSTFIX);
        }
        return Piece.of(wrap(arg, Piece.ATOM).text() + "^\\top", Piece.POSTFIX);
    }

    @Override
    protected Piece apply(Fn fn, Piece arg) {
        if (fn == Fn.SQRT) return Piece.atom("\\sqrt{" + arg.text() + "}");
        if (fn == Fn.GE0) return Piece.atom("\\left[" + arg.text() + " \\geq 0\\right]");   // Iverson's bracket
        return Piece.atom(fn.latex() + parens(arg.text()));
    }

    @Override
    protected Piece call(MatFn fn, Piece arg) {
        return switch (fn) {
            case INV -> Piece.of(wrap(arg, Piece.ATOM).text() + "^{-1}", Piece.POSTFIX);
            case NORM1 -> Piece.atom("\\lVert " + arg.text() + "\\rVert_1");
            case NORM2 -> Piece.atom("\\lVert " + arg.text() + "\\rVert_2");
            default -> Piece.atom(fn.latex() + parens(arg.text()));
        };
    }

    @Override
    protected Piece maxMin(MaxMin.Op op, Piece a, Piece b) {
        return Piece.atom("\\" + op.fnName() + parens(a.text() + ", " + b.text()));
    }

    @Override
    protected Piece alongDimension(String name, String latex, Piece arg, int axis) {
        return Piece.atom(latex + parens(arg.text() + (axis == 0 ? "" : ", " + axis)));
    }

    @Override
    protected Piece block(List<List<Piece>> rows) {
        return Piece.atom(rows.stream()
                .map(row -> row.stream().map(Piece::text).collect(Collectors.joining(" & ")))
                .collect(Collectors.joining(" \\\\ ", "\\begin{bmatrix} ", " \\end{bmatrix}")));
    }

    @Override
    protected Piece scalarExpanded(Piece c, boolean cIsNumber, Shape shape) {
        Piece factor = cIsNumber ? c : tight(c);
        return new Piece(factor.text() + " " + ones(shape).text(), Piece.PRODUCT, factor.leadingMinus());
    }

    @Override
    protected String withDefinitions(String body, List<String> names, List<String> values) {
        List<String> defs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) defs.add(names.get(i) + " = " + values.get(i));
        return body + ", \\quad \\text{where } " + String.join(", \\; ", defs);
    }
}
