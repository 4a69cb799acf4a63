package dev.matcalc.compile;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses, for every subexpression, whether the plan computes it or its transpose. A derivative
 * holds transposes of the function's own subterms: {@code tanh(X'*W1')} beside {@code tanh(W1*X)},
 * {@code T' - V*U'} beside {@code T - U*V'}, which numbering by structure alone cannot see as one.
 * Here every node gets a canonical orientation:
 * <ul>
 *   <li>a product is as cheap either way round (BLAS reads operands transposed by flag), so it is
 *       <em>flexible</em>: it takes whichever form its consumer wants;</li>
 *   <li>an element-wise node (sum, Hadamard product, function, power) follows the majority of its
 *       operands that are not flexible, those whose other orientation would be a copy; its own other
 *       orientation is a copy;</li>
 *   <li>vectors are flexible (a vector's transpose is a view of the same data).</li>
 * </ul>
 * Free choices go to the form with the smaller structural number, so two occurrences of a subterm
 * in opposite orientations choose the same form, and the plan computes it once.
 */
final class Orientation {
    /**
     * A node in canonical form: the node equals {@code form}, or {@code form'} when {@code transposed}.
     * {@code flipped} computes {@code form'}: natively when {@code flexible}, else a copy (a Transpose node).
     */
    private record Oriented(Expr form, boolean transposed, boolean flexible, Expr flipped) { }

    private final PlanBuilder plan;
    private final Map<Expr, Oriented> memo = new IdentityHashMap<>();

    Orientation(PlanBuilder plan) {
        this.plan = plan;
    }

    /** {@code e} rewritten in canonical orientations (the same value). */
    Expr canonical(Expr e) {
        return as(of(e), false);
    }

    /** The canonical form of {@code e} or of {@code e'}, whichever the plan computes (for values the same either way). */
    Expr form(Expr e) {
        return of(e).form;
    }

    /** The node itself ({@code transposed} false) or its transpose, from its canonical form. */
    private Expr as(Oriented o, boolean transposed) {
        if (isScalar(o.form) || transposed == o.transposed) return o.form;
        return o.flipped;
    }

    private Oriented of(Expr e) {
        Oriented known = memo.get(e);
        if (known != null) return known;
        Oriented o = orient(e);
        memo.put(e, o);
        return o;
    }

    private Oriented orient(Expr e) {
        return switch (e) {
            case Ref r -> of(r.value());
            case Transpose t -> {
                Oriented o = of(t.arg());
                yield new Oriented(o.form, !o.transposed, o.flexible, o.flipped);
            }
            case Var v -> v.isSymmetric() ? new Oriented(v, false, true, v) : leaf(v);
            case Identity i -> new Oriented(i, false, true, i);
            case Ones o -> new Oriented(o, false, true, new Ones(o.shape().transpose()));
            case Zero z -> new Oriented(z, false, true, new Zero(z.shape().transpose()));
            case MatMul m -> product(m);
            case Add a -> elementwise(a, a.terms());
            case Hadamard h -> elementwise(h, List.of(h.left(), h.right()));
            case Apply a -> elementwise(a, List.of(a.arg()));
            case Power p when isScalar(p.exponent()) -> elementwise(p, List.of(p.base(), p.exponent()));
            case Call c -> call(c);
            case MaxMin m -> elementwise(m, List.of(m.left(), m.right()));
            default -> leaf(rebuild(e, Nodes.children(e).stream().map(this::canonical).toList(), false));
        };
    }

    /** A node computed as it is: its transpose is a copy, unless it is a vector or a scalar. */
    private Oriented leaf(Expr e) {
        return new Oriented(e, false, isVector(e), isScalar(e) ? e : new Transpose(e));
    }

    private Oriented product(MatMul m) {
        List<Oriented> fs = m.factors().stream().map(this::of).toList();
        List<Expr> scalars = new ArrayList<>(), plain = new ArrayList<>(), flipped = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            Oriented f = fs.get(i);
            if (isScalar(f.form)) scalars.add(f.form);
            else plain.add(as(f, false));
            Oriented g = fs.get(fs.size() - 1 - i);
            if (!isScalar(g.form)) flipped.add(as(g, true)); // (F₁⋯Fₖ)' = Fₖ'⋯F₁'
        }
        if (plain.size() == 1) { // c*X is a scaling, element-wise: it goes the way X goes
            Oriented x = fs.stream().filter(f -> !isScalar(f.form)).findFirst().orElseThrow();
            List<Expr> form = new ArrayList<>(scalars), other = new ArrayList<>(scalars);
            form.add(x.form);
            other.add(x.flexible ? x.flipped : new Transpose(x.form)); // a scaling reads a transpose in its one pass
            Shape shape = x.transposed ? m.shape().transpose() : m.shape();
            MatMul scaled = new MatMul(form, shape);
            return new Oriented(scaled, x.transposed, x.flexible,
                    isVector(scaled) ? new Transpose(scaled) : new MatMul(other, shape.transpose()));
        }
        plain.addAll(0, scalars);
        flipped.addAll(0, scalars);
        return choose(new MatMul(plain, m.shape()), new MatMul(flipped, m.shape().transpose()), true);
    }

    /** Sums, Hadamard products, functions and powers: computed in the orientation most operands have. */
    private Oriented elementwise(Expr e, List<Expr> operands) {
        List<Oriented> os = operands.stream().map(this::of).toList();
        int transposed = 0, plain = 0;
        for (Oriented o : os) {
            if (o.flexible || isScalar(o.form)) continue;
            if (o.transposed) transposed++;
            else plain++;
        }
        if (transposed != plain) {
            boolean t = transposed > plain;
            Expr form = rebuild(e, os.stream().map(o -> as(o, t)).toList(), t);
            return new Oriented(form, t, isVector(e), new Transpose(form));
        }
        // no operand prefers a side: the form with the smaller number, so that every occurrence agrees;
        // the other orientation, where a consumer needs it, is a copy (computing it again would cost a
        // pass over the operands too, and products and their transposes are shared by the planner)
        Expr asIs = rebuild(e, os.stream().map(o -> as(o, false)).toList(), false);
        Expr other = rebuild(e, os.stream().map(o -> as(o, true)).toList(), true);
        Oriented chosen = choose(asIs, other, false);
        return new Oriented(chosen.form, chosen.transposed, isVector(e), chosen.flipped);
    }

    private Oriented call(Call c) {
        Oriented arg = of(c.arg());
        return switch (c.fn()) {
            // the same number for a matrix and its transpose: the argument keeps its canonical form
            case SUM, TR, DET, LOGDET, NORM1, NORM2, MAX, MIN -> new Oriented(new Call(c.fn(), arg.form), false, true, new Call(c.fn(), arg.form));
            case INV -> { // inv(X') = inv(X)'
                Call inv = new Call(c.fn(), arg.form);
                yield new Oriented(inv, arg.transposed, isVector(c), new Transpose(inv));
            }
            case DIAG_MATRIX -> { // symmetric
                Call d = new Call(c.fn(), as(arg, false));
                yield new Oriented(d, false, true, d);
            }
            default -> leaf(new Call(c.fn(), as(arg, false)));
        };
    }

    /** The form with the smaller structural number, so that both orientations of a subterm agree. */
    private Oriented choose(Expr asIs, Expr transposed, boolean flexible) {
        boolean plain = plan.id(asIs) <= plan.id(transposed);
        Expr form = plain ? asIs : transposed, other = plain ? transposed : asIs;
        // a vector's transpose is a view of the same step: computing its other form would be a second step
        return new Oriented(form, !plain, flexible, flexible && !isVector(form) ? other : new Transpose(form));
    }

    /** The node over new operands, its shape transposed when the operands are. */
    private static Expr rebuild(Expr e, List<Expr> kids, boolean transposed) {
        return switch (e) {
            case Add a -> new Add(kids, transposed ? a.shape().transpose() : a.shape());
            case Hadamard h -> new Hadamard(kids.get(0), kids.get(1));
            case Apply a -> new Apply(a.fn(), kids.get(0));
            case MaxMin m -> new MaxMin(m.op(), kids.get(0), kids.get(1));
            case Power p -> new Power(kids.get(0), kids.get(1));
            case Block b -> {
                List<List<Expr>> rows = new ArrayList<>();
                int k = 0;
                for (List<Expr> row : b.rows()) {
                    rows.add(kids.subList(k, k + row.size()));
                    k += row.size();
                }
                yield new Block(rows, b.shape());
            }
            default -> Nodes.rebuild(e, kids);
        };
    }

    private boolean isScalar(Expr e) {
        return plan.isScalar(e);
    }

    private boolean isVector(Expr e) {
        return plan.isVector(e);
    }
}
