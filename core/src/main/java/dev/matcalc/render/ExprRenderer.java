package dev.matcalc.render;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The walk shared by the renderers. It decides the structure a person reads, once for every
 * format: which sum terms are subtracted ({@code a - 2*b}), which product factors are divided by
 * ({@code x/(a*b)}), when a power is a reciprocal ({@code 1/x^2}), where a minus sign goes
 * ({@code -2*x}) and which operands must be bracketed. The subclasses only spell the pieces.
 *
 * <p>Parenthesization rules (text grammar; the other formats reuse them, tightening some):
 * the first operand of a left-associative level may be at that level ({@code a*b*c},
 * {@code a.*b*c}); a right operand, and the operand of unary minus, must bind tighter than
 * {@code *} and not start with a minus ({@code a/(b*c)}, {@code a*(-b)}); later sum terms must
 * bind tighter than {@code +} ({@code a - (b - c)}).
 */
public abstract class ExprRenderer {

    /** The expression in this format. */
    public final String render(Expr e) {
        return piece(e).text();
    }

    /** An expression with its named common subexpressions: the body, then its definitions. */
    public final String render(CommonSubexpressions.Named named) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (CommonSubexpressions.Definition d : named.definitions()) {
            names.add(variable(new Var(d.name(), d.value().shape())));
            values.add(render(d.value()));
        }
        return names.isEmpty() ? render(named.body()) : withDefinitions(render(named.body()), names, values);
    }

    /** A factor of a product; a denominator factor is the base b of a scalar {@code b^-p}, shown as {@code /b^p}. */
    protected record Factor(Piece piece, boolean denominator) { }

    // ---- spellings, per format ----

    protected abstract String variable(Var v);

    /** A non-negative number, or a non-finite one. */
    protected abstract Piece number(double v);

    protected abstract Piece ones(Shape shape);

    protected abstract String identity();

    protected abstract String zero(Shape shape);

    /** A zero; a product-level piece when the format spells its size ({@code 0*vector(1)}). */
    protected Piece zeroPiece(Shape shape) {
        return Piece.atom(zero(shape));
    }

    /** Plain ASCII spellings by default; a format overrides what it writes otherwise. */
    protected String parens(String inner) {
        return "(" + inner + ")";
    }

    protected String minus() {
        return "-";
    }

    /** The binary operators of a sum, with their spacing. */
    protected String plusOperator() {
        return " + ";
    }

    protected String minusOperator() {
        return " - ";
    }

    /** {@code .*} or {@code ./} with spacing. */
    protected abstract String elementwiseOperator(boolean divide);

    /** Whether the left operand of an element-wise product may be any product (text: one precedence level). */
    protected abstract boolean productsShareLevel();

    /**
     * A product chain without its sign: an optional coefficient (a positive number), then the
     * factors in order. {@code looseFirst}: no coefficient precedes, so the first factor may be
     * a product itself (text left-associativity).
     */
    protected abstract Piece product(Piece coefficient, List<Factor> factors, boolean looseFirst);

    /** 1/d (scalar) or 1./d (element-wise), d the piece for {@code b} or {@code b^p}. */
    protected abstract Piece reciprocal(Piece denominator, boolean scalar);

    /** {@code base^exponent} with a non-negative or symbolic exponent. */
    protected abstract Piece power(Piece base, Expr exponent, Piece exponentPiece, boolean scalarBase);

    protected abstract Piece transpose(Piece arg, Expr argExpr);

    protected abstract Piece apply(Fn fn, Piece arg);

    protected abstract Piece call(MatFn fn, Piece arg);

    /** {@code max(a, b)} or {@code min(a, b)}, element-wise. */
    protected abstract Piece maxMin(MaxMin.Op op, Piece a, Piece b);

    /** {@code name(arg, axis)} for a function along a dimension (axis 1 or 2), {@code name(arg)} for axis 0. */
    protected abstract Piece alongDimension(String name, String latex, Piece arg, int axis);

    protected abstract Piece block(List<List<Piece>> rows);

    /** A scalar {@code c} expanded to a non-scalar shape: {@code c*vector(1)}. */
    protected abstract Piece scalarExpanded(Piece c, boolean cIsNumber, Shape shape);

    protected abstract String withDefinitions(String body, List<String> names, List<String> values);

    // ---- the walk ----

    protected final Piece piece(Expr e) {
        return switch (e) {
            case Var v -> Piece.atom(variable(v));
            case Ref r -> Piece.atom(variable(new Var(r.name(), r.shape())));
            case Num n -> n.value() < 0 ? negate(number(-n.value())) : number(n.value());
            case Ones o -> ones(o.shape());
            case Identity i -> Piece.atom(identity());
            case Zero z -> zeroPiece(z.shape());
            case Add a -> sum(a);
            case MatMul m -> product(m);
            case Hadamard h -> hadamard(h);
            case Power p -> power(p);
            case Transpose t when t.arg() instanceof Call c && (c.fn() == MatFn.SOFTMAX || c.fn() == MatFn.LOGSUMEXP)
                    && c.arg().shape().isMatrix() ->                                       // f(X', 1)' = f(X, 2)
                    alongDimension(c.fn().fnName(), c.fn().latex(), piece(transposed(c.arg())), 2);
            case Transpose t -> transpose(piece(t.arg()), t.arg());
            case Apply a -> apply(a.fn(), piece(a.arg()));
            case Call c -> c.fn().axis(c.arg().shape()) != 0
                    ? alongDimension(c.fn().fnName(), c.fn().latex(), piece(c.arg()), c.fn().axis(c.arg().shape()))
                    : call(c.fn(), piece(c.arg()));
            case MaxMin m -> maxMin(m);
            case Block b -> block(b.rows().stream().map(row -> row.stream().map(this::piece).toList()).toList());
        };
    }

    /** max(W*X + b, 0): an expanded operand shows bare beside a full-size one, as in a sum. */
    private Piece maxMin(MaxMin m) {
        Expr l = m.left(), r = m.right();
        if (Reductions.fullSize(l)) r = Reductions.unexpanded(r).orElse(r);
        if (Reductions.fullSize(r)) l = Reductions.unexpanded(l).orElse(l);
        return maxMin(m.op(), piece(l), piece(r));
    }

    private Piece sum(Add a) {
        if (a.terms().size() == 1) {
            Expr c = a.terms().get(0);
            return scalarExpanded(piece(c), c instanceof Num, a.shape());
        }
        // scalars only, expanded to a vector or matrix ((1 + a)·1): the expansion must show, as for one term
        if (!a.isScalar() && a.terms().stream().allMatch(Expr::isScalar))
            return scalarExpanded(sum(new Add(a.terms(), Shape.SCALAR)), false, a.shape());
        List<Expr> terms = a.terms();
        if (terms.stream().anyMatch(Reductions::fullSize)) // the others expand implicitly: W*X + b
            terms = terms.stream().map(t -> Reductions.unexpanded(t).orElse(t)).toList();
        Piece first = wrap(piece(terms.get(0)), Piece.PRODUCT);
        StringBuilder text = new StringBuilder(first.text());
        for (Expr term : terms.subList(1, terms.size())) {
            Optional<Expr> positive = positivePart(term);
            text.append(positive.isPresent() ? minusOperator() : plusOperator());
            text.append(wrapNoMinus(piece(positive.orElse(term)), Piece.PRODUCT).text());
        }
        return new Piece(text.toString(), Piece.SUM, first.leadingMinus());
    }

    /** For a negative number or a product with a negative coefficient, the value with the sign dropped. */
    static Optional<Expr> positivePart(Expr e) {
        if (e instanceof Num n && n.value() < 0) return Optional.of(new Num(-n.value()));
        if (e instanceof MatMul m && m.factors().size() > 1 && m.factors().get(0) instanceof Num c && c.value() < 0) {
            List<Expr> rest = m.factors().subList(1, m.factors().size());
            if (c.value() != -1) {
                List<Expr> scaled = new ArrayList<>(m.factors());
                scaled.set(0, new Num(-c.value()));
                return Optional.of(new MatMul(scaled, m.shape()));
            }
            return Optional.of(rest.size() == 1 ? rest.get(0) : new MatMul(rest, m.shape()));
        }
        return Optional.empty();
    }

    private Piece product(MatMul m) {
        Optional<Reductions.Reduced> reduced = Reductions.reduced(m);
        if (reduced.isPresent()) {
            Reductions.Reduced r = reduced.get();
            String latex = "\\operatorname{" + r.name() + "}";
            Piece whole = r.axis() != 0 && r.arg() instanceof Transpose t      // sum(X', 2) = sum(X, 1)'
                    ? transpose(alongDimension(r.name(), latex, piece(t.arg()), 3 - r.axis()), m)
                    : alongDimension(r.name(), latex, piece(r.arg()), r.axis());
            if (r.scalars().isEmpty() && r.before().isEmpty() && r.after().isEmpty()) return whole;
            // scalar divisors after the reduction: sum(X, 2)/c, not 1/c*sum(X, 2)
            List<Expr> leading = new ArrayList<>(r.scalars().stream().filter(f -> denominator(f).isEmpty()).toList());
            leading.addAll(r.before());
            List<Expr> trailing = new ArrayList<>(r.after());
            r.scalars().stream().filter(f -> denominator(f).isPresent()).forEach(trailing::add);
            return product(leading, Optional.of(whole), trailing);
        }
        return product(m.factors(), Optional.empty(), List.of());
    }

    /** The factors fs, then {@code extra} (a piece already rendered), then the factors {@code after}. */
    private Piece product(List<Expr> fs, Optional<Piece> extra, List<Expr> after) {
        if (fs.size() == 1 && extra.isEmpty()) return piece(fs.get(0));
        boolean hasCoefficient = fs.size() + (extra.isPresent() ? 1 : 0) + after.size() > 1 && !fs.isEmpty()
                && fs.get(0) instanceof Num;
        double coefficient = hasCoefficient ? ((Num) fs.get(0)).value() : 1;
        double magnitude = Math.abs(coefficient);
        List<Factor> factors = new ArrayList<>();
        for (Expr f : fs.subList(hasCoefficient ? 1 : 0, fs.size())) {
            Optional<Piece> den = f.isScalar() ? denominator(f) : Optional.empty();
            factors.add(den.map(d -> new Factor(d, true)).orElseGet(() -> new Factor(piece(f), false)));
        }
        extra.ifPresent(p -> factors.add(new Factor(p, false)));
        for (Expr f : after) {
            Optional<Piece> den = f.isScalar() ? denominator(f) : Optional.empty();
            factors.add(den.map(d -> new Factor(d, true)).orElseGet(() -> new Factor(piece(f), false)));
        }
        Piece positive;
        if (magnitude == 1 && factors.size() == 1 && !factors.get(0).denominator()) {
            Piece only = factors.get(0).piece();
            positive = hasCoefficient ? tight(only) : only;
        } else {
            positive = product(magnitude == 1 ? null : number(magnitude), factors, !hasCoefficient);
        }
        return coefficient < 0 ? negate(positive) : positive;
    }

    /** For {@code b^-p} (p a positive number), the piece for {@code b} (p = 1) or {@code b^p}. */
    private Optional<Piece> denominator(Expr e) {
        if (e instanceof Power p && p.exponent() instanceof Num n && n.value() < 0) {
            return Optional.of(n.value() == -1 ? piece(p.base()) : piece(new Power(p.base(), new Num(-n.value()))));
        }
        return Optional.empty();
    }

    private Piece hadamard(Hadamard h) {
        Expr l = h.left(), r = h.right();
        if (Reductions.fullSize(l)) r = Reductions.unexpanded(r).orElse(r);   // X.*b: b expands implicitly
        if (Reductions.fullSize(r)) l = Reductions.unexpanded(l).orElse(l);
        Expr rightExpr = r;
        Optional<Piece> den = denominator(rightExpr);
        Piece left = piece(l);
        left = productsShareLevel() || l instanceof Hadamard ? wrap(left, Piece.PRODUCT) : tight(left);
        Piece right = tight(den.orElseGet(() -> piece(rightExpr)));
        return new Piece(left.text() + elementwiseOperator(den.isPresent()) + right.text(), Piece.PRODUCT, left.leadingMinus());
    }

    private Piece power(Power p) {
        Optional<Piece> den = denominator(p);
        if (den.isPresent()) return reciprocal(den.get(), p.base().isScalar());
        return power(piece(p.base()), p.exponent(), piece(p.exponent()), p.base().isScalar());
    }

    /** e' with the transpose pushed into products and sums, as a person writes it: (K*Q')' = Q*K'. */
    private static Expr transposed(Expr e) {
        return switch (e) {
            case Transpose t -> t.arg();
            case MatMul m -> {           // the matrices reversed, the scalars where they stand: (K*Q'/c)' = Q*K'/c
                List<Expr> matrices = m.factors().stream().filter(f -> !f.isScalar()).toList().reversed();
                List<Expr> out = new ArrayList<>();
                int next = 0;
                for (Expr f : m.factors()) out.add(f.isScalar() ? f : transposed(matrices.get(next++)));
                yield new MatMul(out, m.shape().transpose());
            }
            case Add a -> new Add(a.terms().stream().map(ExprRenderer::transposed).toList(), a.shape().transpose());
            default -> Exprs.transpose(e);
        };
    }

    /** -x: the minus binds to the first factor, so {@code -2*x} needs no brackets. */
    protected final Piece negate(Piece positive) {
        Piece p = positive.leadingMinus() || positive.prec() < Piece.PRODUCT ? bracket(positive) : positive;
        return new Piece(minus() + p.text(), p.prec() == Piece.PRODUCT ? Piece.PRODUCT : Piece.UNARY, true);
    }

    // ---- bracketing helpers for the subclasses ----

    protected final Piece bracket(Piece p) {
        return Piece.atom(parens(p.text()));
    }

    /** p as an operand that must bind at least at {@code minPrec}. */
    protected final Piece wrap(Piece p, int minPrec) {
        return p.prec() < minPrec ? bracket(p) : p;
    }

    /** As {@link #wrap}, and not starting with a minus (it follows a binary operator). */
    protected final Piece wrapNoMinus(Piece p, int minPrec) {
        return p.prec() < minPrec || p.leadingMinus() ? bracket(p) : p;
    }

    /** A right operand of a product or the operand of unary minus: binds tighter than {@code *}. */
    protected final Piece tight(Piece p) {
        return wrapNoMinus(p, Piece.POWER);
    }
}
