package dev.matcalc.shapes;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MaxMin;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Inference.Inferred;
import dev.matcalc.syntax.FunctionNames;
import dev.matcalc.syntax.Node;
import dev.matcalc.syntax.SourceError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pass two of typing: builds the typed {@link Expr} through the smart constructors of
 * {@link Exprs}, now that every dimension class has its final name. Pass one has checked all
 * shapes, so a smart constructor that throws means the two passes disagree: an internal error,
 * still reported as a {@link SourceError} at the node.
 */
final class ExprBuilder {
    private final Inference inference;
    private final Map<Integer, String> names;
    private final Map<String, Var> variables;
    private final Map<String, Expr> defined;

    ExprBuilder(Inference inference, Map<Integer, String> names, Map<String, Var> variables, Map<String, Expr> defined) {
        this.inference = inference;
        this.names = names;
        this.variables = variables;
        this.defined = defined;
    }

    Shape shape(Inferred t) {
        return new Shape(inference.dims.resolve(t.rows(), names), inference.dims.resolve(t.cols(), names));
    }

    Expr build(Node node) {
        try {
            return switch (node) {
                case Node.Name n -> defined.containsKey(n.name()) ? defined.get(n.name()) : variables.get(n.name());
                case Node.Literal l -> Exprs.num(l.value());
                case Node.Negate n -> Exprs.neg(build(n.operand()));
                case Node.Transpose t -> Exprs.transpose(build(t.operand()));
                case Node.Ones o -> Exprs.ones(shape(inference.types.get(o)));
                case Node.Eye e -> Exprs.identity(shape(inference.types.get(e)).rows());
                case Node.Chain c -> chain(c);
                case Node.Call c -> call(c);
                case Node.Brackets b -> Exprs.block(b.rows().stream().map(row -> row.stream().map(this::build).toList())
                        .toList());
            };
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new SourceError("internal error while typing: " + e.getMessage(), inference.source, node.span());
        }
    }

    private Expr call(Node.Call c) {
        if (c.name().equals(FunctionNames.VECTOR)) return Exprs.column(c.args().stream().map(this::build).toList());
        Expr arg = build(c.args().get(0));
        if (FunctionNames.isPairwise(c.name()) && c.args().size() == 2) {
            Expr second = build(c.args().get(1));
            Shape both = Exprs.broadcastShape(arg.shape(), second.shape());
            MaxMin.Op op = c.name().equals("max") ? MaxMin.Op.MAX : MaxMin.Op.MIN;
            return Exprs.maxMin(op, arg.isScalar() ? arg : Exprs.broadcast(arg, both),
                    second.isScalar() ? second : Exprs.broadcast(second, both));
        }
        Optional<Fn> fn = Fn.byName(c.name());
        if (fn.isPresent()) return Exprs.apply(fn.get(), arg);
        int axis = Calls.dimension(c);
        switch (c.name()) {
            case FunctionNames.SIZE -> { return Exprs.call(axis == 1 ? MatFn.SIZE_ROWS : MatFn.SIZE_COLS, arg); }
            case FunctionNames.MEAN -> {
                return axis == 1 ? Exprs.meanColumns(arg) : axis == 2 ? Exprs.meanRows(arg) : Exprs.mean(arg);
            }
            case "sum" -> {
                if (axis == 1) return Exprs.sumColumns(arg);
                if (axis == 2) return Exprs.sumRows(arg);
            }
            case "softmax", "logsumexp" -> {
                MatFn f = c.name().equals("softmax") ? MatFn.SOFTMAX : MatFn.LOGSUMEXP;
                if (axis == 2) return Exprs.transpose(Exprs.call(f, Exprs.transpose(arg)));  // f(X, 2) = f(X', 1)'
                return Exprs.call(f, arg);
            }
            default -> { }
        }
        return Exprs.call(MatFn.byName(c.name(), arg.shape()).orElseThrow(), arg);
    }

    private Expr chain(Node.Chain c) {
        return switch (c.steps().get(0).op()) {
            case ADD, SUB -> sum(c);
            case POW, ELEMENT_POW -> power(c);
            default -> product(c);
        };
    }

    /** One n-ary sum, not a left fold: a fold would copy the growing term list at every step. */
    private Expr sum(Node.Chain c) {
        List<Expr> terms = new ArrayList<>();
        terms.add(build(c.first()));
        Shape target = terms.get(0).shape();
        for (Node.Step step : c.steps()) {
            Expr term = build(step.operand());
            target = Exprs.broadcastShape(target, term.shape());
            terms.add(step.op() == Node.Op.SUB ? Exprs.neg(term) : term);
        }
        Shape shape = target;
        return Exprs.add(terms.stream().map(t -> Exprs.broadcast(t, shape)).toList());
    }

    /**
     * Left to right, as MATLAB evaluates: pending {@code *} factors are collected and multiplied
     * at once, except that a product that has become a scalar (x'*y) is closed first, so that it
     * scales what follows instead of chaining with it.
     */
    private Expr product(Node.Chain c) {
        List<Expr> pending = new ArrayList<>();
        pending.add(build(c.first()));
        // The shape of the pending non-scalar factors chained, or null when there are none.
        Shape chained = pending.get(0).isScalar() ? null : pending.get(0).shape();
        for (Node.Step step : c.steps()) {
            Expr right = build(step.operand());
            switch (step.op()) {
                case MUL -> {
                    if (chained != null && chained.isScalar()) {
                        close(pending);
                        chained = null;
                    }
                    if (!right.isScalar()) {
                        chained = chained == null ? right.shape() : new Shape(chained.rows(), right.shape().cols());
                    }
                    pending.add(right);
                }
                case DIV -> pending.add(Exprs.pow(right, Num.MINUS_ONE));
                case HADAMARD, ELEMENT_DIV -> {
                    Expr left = close(pending);
                    Shape both = Exprs.broadcastShape(left.shape(), right.shape());
                    Expr result = step.op() == Node.Op.HADAMARD
                            ? Exprs.hadamard(Exprs.broadcast(left, both), Exprs.broadcast(right, both))
                            : Exprs.hadamard(Exprs.broadcast(left, both),
                                    Exprs.broadcast(Exprs.pow(right, Num.MINUS_ONE), both));
                    pending.set(0, result);
                    chained = result.isScalar() ? null : result.shape();
                }
                default -> throw new IllegalStateException("not a product: " + step.op());
            }
        }
        return close(pending);
    }

    private static Expr close(List<Expr> pending) {
        Expr product = pending.size() == 1 ? pending.get(0) : Exprs.mul(pending);
        pending.clear();
        pending.add(product);
        return product;
    }

    private Expr power(Node.Chain c) {
        Expr acc = build(c.first());
        for (Node.Step step : c.steps()) {
            Expr exponent = build(step.operand());
            if (step.op() == Node.Op.POW && !acc.isScalar()) acc = matrixPower(acc, Inference.integerLiteral(step.operand()));
            else acc = Exprs.pow(acc, exponent);
        }
        return acc;
    }

    /** A^k as k factors (k ≥ 1), the identity (k = 0), or k factors of inv(A) (k < 0). */
    private static Expr matrixPower(Expr a, int k) {
        if (k == 0) return Exprs.identity(a.shape().rows());
        Expr factor = k > 0 ? a : Exprs.call(MatFn.INV, a);
        return Exprs.mul(Collections.nCopies(Math.abs(k), factor));
    }
}
