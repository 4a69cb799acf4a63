package dev.matcalc.render;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;

import java.util.List;
import java.util.stream.Collectors;

/**
 * matcalc input syntax: the answer a user can paste back ({@code (A + A')*x},
 * {@code -inv(X)'}, {@code W'*exp(W*x + b)}).
 *
 * <p>Spacing style: a space on each side of binary {@code +} and {@code -}, none around
 * {@code *}, {@code /}, {@code .*}, {@code ./}, {@code ^}: the terms of a sum stand apart, the
 * factors of a term stay together ({@code x'*A*x - 2*b'*x}).
 *
 * <p>The text re-parses to the same expression, with one exception that only changes grouping,
 * not value: a subtracted scalar chain of non-scalar factors ({@code a - x'*y}) parses as
 * {@code -(x'*y)} where the engine built {@code (-x')*y}.
 */
public final class TextRenderer extends ExprRenderer {

    @Override
    protected String variable(Var v) {
        return v.name();
    }

    @Override
    protected Piece number(double v) {
        if (Double.isNaN(v)) return Piece.atom("NaN"); // no matcalc spelling: never produced by folding finite input
        if (Double.isInfinite(v)) return Piece.of("1/0", Piece.PRODUCT); // re-parses (and folds) to +Inf
        return Piece.atom(Numbers.plain(v));
    }

    @Override
    protected Piece ones(Shape shape) {
        if (shape.isScalar()) return Piece.atom("1");
        if (shape.isRow()) return Piece.of("vector(1)'", Piece.POSTFIX);
        return Piece.atom(shape.isColumn() ? "vector(1)" : "matrix(1)");
    }

    @Override
    protected String identity() {
        return "eye";
    }

    @Override
    protected String zero(Shape shape) {
        if (shape.isScalar()) return "0";
        return "0*" + ones(shape).text();          // the size must survive a re-parse: 0*vector(1), not 0
    }

    @Override
    protected Piece zeroPiece(Shape shape) {
        return shape.isScalar() ? Piece.atom("0") : Piece.of(zero(shape), Piece.PRODUCT);
    }





    @Override
    protected String elementwiseOperator(boolean divide) {
        return divide ? "./" : ".*";
    }

    @Override
    protected boolean productsShareLevel() {
        return true;
    }

    /** In order, so it re-parses to the same chain: {@code 2*x/a*y}, {@code 1/b*x}. */
    @Override
    protected Piece product(Piece coefficient, List<Factor> factors, boolean looseFirst) {
        StringBuilder text = new StringBuilder();
        boolean leadingMinus = false;
        if (coefficient != null) text.append(coefficient.text());
        for (Factor f : factors) {
            boolean first = text.isEmpty();
            if (f.denominator()) {
                text.append(first ? "1/" : "/").append(tight(f.piece()).text());
            } else if (first && looseFirst) {
                Piece p = wrap(f.piece(), Piece.PRODUCT);
                leadingMinus = p.leadingMinus();
                text.append(p.text());
            } else {
                text.append(first ? "" : "*").append(tight(f.piece()).text());
            }
        }
        return new Piece(text.toString(), Piece.PRODUCT, leadingMinus);
    }

    @Override
    protected Piece reciprocal(Piece denominator, boolean scalar) {
        return Piece.of((scalar ? "1/" : "1./") + tight(denominator).text(), Piece.PRODUCT);
    }

    @Override
    protected Piece power(Piece base, Expr exponent, Piece exponentPiece, boolean scalarBase) {
        // ^ is not chained and its exponent is never negative here, so a bare number or atom suffices
        String exp = wrap(exponentPiece, Piece.ATOM).text();
        return Piece.of(wrap(base, Piece.POSTFIX).text() + (scalarBase ? "^" : ".^") + exp, Piece.POWER);
    }

    @Override
    protected Piece transpose(Piece arg, Expr argExpr) {
        return Piece.of(wrap(arg, Piece.POSTFIX).text() + "'", Piece.POSTFIX);
    }

    @Override
    protected Piece apply(Fn fn, Piece arg) {
        return Piece.atom(fn.fnName() + "(" + arg.text() + ")");
    }

    @Override
    protected Piece call(MatFn fn, Piece arg) {
        return Piece.atom(fn.fnName() + "(" + arg.text() + ")");
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
        Piece factor = cIsNumber ? c : tight(c); // x'*y*vector(1) would chain x' with y and vector(1)
        return new Piece(factor.text() + "*" + ones(shape).text(), Piece.PRODUCT, factor.leadingMinus());
    }

    /** {@code BODY}, then {@code where t0 = ...} and the further definitions aligned under it. */
    @Override
    protected String withDefinitions(String body, List<String> names, List<String> values) {
        StringBuilder text = new StringBuilder(body);
        for (int i = 0; i < names.size(); i++) {
            text.append('\n').append(i == 0 ? "where " : "      ").append(names.get(i)).append(" = ").append(values.get(i));
        }
        return text.toString();
    }
}
