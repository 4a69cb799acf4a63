package dev.matcalc.problem;

import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MaxMin;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Var;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Text;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes max and min terms smooth, exactly, by their epigraphs, as {@link L1Reformulation} does for
 * norms. A term that is minimized (in the objective of a minimization, or on the left of a ≤
 * constraint) with a constant factor c ≥ 0 becomes
 * <ul>
 *   <li>c·sum(max(u, v)), u and v affine in the variables (one may be a constant, such as the 0 of
 *       a hinge loss {@code sum(max(1 - y.*(X*w), 0))}): c·sum(t) with t ≥ u and t ≥ v, a new
 *       variable t of the term's shape. A constraint with a constant side is a bound on t;</li>
 *   <li>c·sum(max(x, 0)) for a variable x: x = x_pos - x_neg with both parts ≥ 0 and the term
 *       c·sum(x_pos), bounds only (at a minimum the parts are never both positive in one entry);</li>
 *   <li>c·max(u), the largest entry of an affine u (a minimax, Chebyshev approximation
 *       {@code max(abs(A*x - b))} written {@code max(A*x - b)}): c·s with u ≤ s, a new scalar s.</li>
 * </ul>
 * min enters by symmetry, with c ≤ 0: -c·sum(min(u, v)) = c·sum(max(-u, -v)), -c·min(u) = c·max(-u).
 * At a minimum each t is max(u, v) and s is max(u), so the minimizers are the original problem's,
 * and the solver meets a smooth function with constraints instead of a kink where a subgradient is
 * no descent direction. Anything else (max with a negative factor, max inside another function such
 * as a square, an operand that is not affine, an equality) is an error naming the term and why:
 * there the rewrite would change the problem, and the kinks would stay.
 */
final class MaxReformulation extends Reformulation {
    private final Map<Expr, Var> epigraphs = new LinkedHashMap<>();
    /** The parts of the variables L1Reformulation split, so that max(w_pos - w_neg, 0) reads as max(w, 0). */
    private final Map<Expr, Split> splitBefore = new LinkedHashMap<>();

    /** A variable's name and its two parts. */
    private record Split(Var original, Var pos, Var neg) {
        String name() {
            return original.name();
        }
    }

    private MaxReformulation(List<Var> variables, Map<String, DMatrixRMaj> data, Set<String> taken, boolean maximized,
                             Map<Var, Expr> recover) {
        super(variables, data, taken, maximized);
        recover.forEach((x, d) -> splitBefore.put(d, new Split(x, Nodes.variables(d).get(0), Nodes.variables(d).get(1))));
    }

    /** Rewrites the max and min terms of {@code before} (the problem after the L1 rewrite). */
    static Result apply(Result before, Map<String, DMatrixRMaj> data, Set<String> taken, boolean maximized) {
        MaxReformulation r = new MaxReformulation(before.variables(), data, taken, maximized, before.recover());
        Expr objective = r.rewrite(before.objective(), Num.ONE, "the objective");
        List<TypedConstraint> constraints = new ArrayList<>();
        for (TypedConstraint c : before.constraints()) {
            if (c.equality() && r.hasTarget(c.expr()))
                throw new SourceError(r.firstTarget(c.expr()) + " in " + c.describe() + " is not supported: an equality "
                        + "with max or min is not convex; max and min are reformulated where they are minimized");
            constraints.add(c.equality() ? c : new TypedConstraint(c.text(), false, r.rewrite(c.expr(), Num.ONE, c.describe()), c.index()));
        }
        if (!r.changed()) return new Result(objective, constraints, before.variables(), before.recover(), before.starts(), before.notes());
        return r.finish(objective, constraints, before.recover(), before.notes(), before.starts());
    }

    @Override
    protected boolean isTarget(Expr e) {
        return (e instanceof MaxMin || e instanceof Call c && (c.fn() == MatFn.MAX || c.fn() == MatFn.MIN)) && dependsOnVariables(e);
    }

    @Override
    protected Expr term(Expr e, Expr coefficient, String where) {
        return switch (e) {
            case Call c when c.fn() == MatFn.SUM && unref(c.arg()) instanceof MaxMin m -> pointwise(c, m, coefficient, where);
            case MaxMin m when m.isScalar() -> pointwise(m, m, coefficient, where);
            case Call c when c.fn() == MatFn.MAX || c.fn() == MatFn.MIN -> largest(c, coefficient, where);
            default -> null;
        };
    }

    /** The stand-in for {@code term}, sum(max(u, v)) or sum(min(u, v)) (or a scalar max(u, v)), entering with {@code coefficient}. */
    private Expr pointwise(Expr term, MaxMin m, Expr coefficient, String where) {
        boolean max = m.op() == MaxMin.Op.MAX;
        requireConvex(term, max, coefficient, where);
        Expr u = unref(m.left()), v = unref(m.right());
        requireAffine(term, u);
        requireAffine(term, v);
        Expr a = max ? u : Exprs.neg(u), b = max ? v : Exprs.neg(v);   // min(u, v) = -max(-u, -v)
        Split parts = isZero(b) ? parts(u) : isZero(a) ? parts(v) : null;
        if (parts != null) {                                          // sum(max(x, 0)) = sum(x_pos), bounds only
            Var part = max ? parts.pos() : parts.neg();                // -min(x, 0) = max(-x, 0) = x_neg
            notes.add(written(term) + " → " + (max ? "" : "-") + "sum(" + part.name() + ") with " + parts.name() + " = "
                    + parts.pos().name() + " - " + parts.neg().name() + ", " + parts.pos().name() + " >= 0, "
                    + parts.neg().name() + " >= 0");
            return signed(max, Exprs.call(MatFn.SUM, part));
        }
        Expr key = Exprs.maxMin(MaxMin.Op.MAX, a, b);
        Var t = epigraphs.get(key);
        if (t == null) {
            t = newVariable("t", key.shape(), key);
            epigraphs.put(key, t);
            String ta = Render.text(a), tb = Render.text(b);
            constraintsAdded.add(new TypedConstraint(t.name() + " >= " + ta, false, Exprs.sub(a, t), -1));
            constraintsAdded.add(new TypedConstraint(t.name() + " >= " + tb, false, Exprs.sub(b, t), -1));
            notes.add(written(term) + " → " + (max ? "" : "-") + "sum(" + t.name() + ") with " + t.name() + " >= " + ta
                    + ", " + t.name() + " >= " + tb);
        }
        return signed(max, Exprs.call(MatFn.SUM, t));
    }

    /** The stand-in for max(u) or min(u), the largest or smallest entry, entering with {@code coefficient}. */
    private Expr largest(Call term, Expr coefficient, String where) {
        boolean max = term.fn() == MatFn.MAX;
        requireConvex(term, max, coefficient, where);
        Expr u = unref(term.arg());
        requireAffine(term, u);
        Expr a = max ? u : Exprs.neg(u);                              // min(u) = -max(-u)
        Expr key = Exprs.call(MatFn.MAX, a);
        Var s = epigraphs.get(key);
        if (s == null) {
            s = newVariable("s", Shape.SCALAR, key);
            epigraphs.put(key, s);
            String ta = Render.text(a);
            constraintsAdded.add(new TypedConstraint(ta + " <= " + s.name(), false, Exprs.sub(a, s), -1));
            notes.add(written(term) + " → " + (max ? "" : "-") + s.name() + " with " + ta + " <= " + s.name());
        }
        return signed(max, s);
    }

    /** max under a factor c ≥ 0, min under c ≤ 0: else the term is concave where it is minimized. */
    private void requireConvex(Expr term, boolean max, Expr coefficient, String where) {
        double c = value(coefficient);
        if (max ? c >= 0 : c <= 0) return;
        throw new SourceError(Text.abbreviate(Render.text(term)) + " in " + where + " is not supported there: max and min "
                + "are reformulated exactly only where the problem stays convex, as a minimized term c*sum(max(u, v)) "
                + "or c*max(u) with c >= 0, or c*sum(min(u, v)) or c*min(u) with c <= 0; " + entersWith(coefficient, c, where)
                + ", which makes the problem non-convex");
    }

    private void requireAffine(Expr term, Expr v) {
        Var x = nonAffineIn(v);
        if (x != null)
            throw new SourceError(Text.abbreviate(Render.text(term)) + " is not supported: max and min are reformulated "
                    + "exactly when their operands are affine in the variables (such as 1 - y.*(X*w), or a constant), and "
                    + Text.abbreviate(Render.text(v)) + " is not affine in " + x.name());
    }

    @Override
    protected SourceError unsupported(Expr e, String where) {
        return new SourceError(firstTarget(e) + " is not supported inside " + Text.abbreviate(Render.text(e)) + " (in " + where
                + "): max and min are made smooth exactly only as terms c*sum(max(u, v)) or c*max(u) with a constant "
                + "c >= 0 (min with c <= 0) of a minimized objective or of the left side of a <= constraint; inside "
                + "another function the problem may be non-convex and its kinks would stay");
    }

    /** The two parts of a variable to split ({@code x}, or {@code x_pos - x_neg} split already), else null. */
    private Split parts(Expr e) {
        if (e instanceof Var x && variables.contains(x)) {
            Var[] p = split(x);
            return new Split(x, p[0], p[1]);
        }
        return splitBefore.get(e);
    }

    /** The term as the user wrote it: a variable the L1 rewrite split shown as itself, not as its parts. */
    private String written(Expr term) {
        return Render.text(splitBefore.isEmpty() ? term : Nodes.mapBottomUp(term, n -> {
            Split s = splitBefore.get(n);
            return s == null ? n : s.original();
        }));
    }

    private static Expr signed(boolean max, Expr e) {
        return max ? e : Exprs.neg(e);
    }

    private static boolean isZero(Expr e) {
        return e instanceof Num n && n.value() == 0 || e instanceof dev.matcalc.expr.Zero;
    }

    private static Expr unref(Expr e) {
        return e instanceof Ref r ? unref(r.value()) : e;
    }
}
