package dev.matcalc.problem;

import dev.matcalc.expr.Apply;
import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Transpose;
import dev.matcalc.expr.Var;
import dev.matcalc.render.Render;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Text;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes L1 terms smooth, exactly, as GENO does: a term c·norm1(v) or c·sum(abs(v)) with c ≥ 0 that
 * is minimized (in the objective of a minimization, or on the left of a ≤ constraint) becomes
 * <ul>
 *   <li>for v a variable: v = p - q with p, q ≥ 0 (bounds), and norm1(v) = sum(p + q) (at a
 *       minimum p and q are never both positive in one entry, so this is |v|);</li>
 *   <li>for v affine in the variables ({@code A*w - b}): norm1(v) = sum(t) with -t ≤ v ≤ t (two
 *       constraints) and t ≥ 0 (a bound): the epigraph of the norm.</li>
 * </ul>
 * Both give a smooth problem with the same minimizers, on which a bound-constrained quasi-Newton
 * method puts zero entries exactly at zero (p and q sit on their bounds) instead of circling them.
 * A norm in any other place (inside another function, maximized, with a negative coefficient, in an
 * equality) is an error that says so: there the reformulation would change the problem. The walk,
 * the splits and the new variables are {@link Reformulation}'s, shared with {@link MaxReformulation}.
 */
final class L1Reformulation extends Reformulation {
    private final Map<Expr, Var> epigraphs = new LinkedHashMap<>();

    private L1Reformulation(List<Var> variables, Map<String, DMatrixRMaj> data, Set<String> taken, boolean maximized) {
        super(variables, data, taken, maximized);
    }

    /** @param taken every name in use (variables, parameters, definitions), which new variables avoid */
    static Result apply(TypedProblem problem, Set<String> taken) {
        L1Reformulation r = new L1Reformulation(problem.variables(), problem.problem().data(), taken,
                problem.problem().sense() == Sense.MAX);
        Expr objective = r.rewrite(evenPowersOfAbs(problem.minimized()), Num.ONE, "the objective");
        List<TypedConstraint> constraints = new ArrayList<>();
        for (TypedConstraint original : problem.constraints()) {
            TypedConstraint c = new TypedConstraint(original.text(), original.equality(), evenPowersOfAbs(original.expr()), original.index());
            if (c.equality() && r.hasTarget(c.expr()))
                throw new SourceError(r.firstTarget(c.expr()) + " in " + c.describe() + " is not supported: an equality "
                        + "with a norm is not convex; norm1 and sum(abs(...)) are reformulated where they are minimized");
            constraints.add(c.equality() ? c : new TypedConstraint(c.text(), false, r.rewrite(c.expr(), Num.ONE, c.describe()), c.index()));
        }
        if (!r.changed()) {
            constraints.addAll(r.constraintsAdded);
            return new Result(objective, constraints, problem.variables(), Map.of(), Map.of(), List.of());
        }
        return r.finish(objective, constraints, Map.of(), List.of(), Map.of());
    }

    /**
     * abs(u).^k = u.^k for an even integer k: no L1 term at all. The norm of one entry is its
     * absolute value, so {@code norm2(x)^2} of a scalar or a vector of length 1 reaches this class as
     * {@code abs(x)^2}, which is smooth and needs no rewrite.
     */
    static Expr evenPowersOfAbs(Expr e) {
        return Nodes.mapBottomUp(e, n -> n instanceof dev.matcalc.expr.Power p && p.base() instanceof Apply a && a.fn() == Fn.ABS
                && p.exponent() instanceof Num k && k.value() % 2 == 0 ? Exprs.pow(a.arg(), k) : n);
    }

    @Override
    protected boolean isTarget(Expr e) {
        return (e instanceof Call c && c.fn() == MatFn.NORM1 || e instanceof Apply a && a.fn() == Fn.ABS) && dependsOnVariables(e);
    }

    @Override
    protected Expr term(Expr e, Expr coefficient, String where) {
        return switch (e) {
            case Call c when c.fn() == MatFn.NORM1 -> replace(c, c.arg(), coefficient, where);
            case Call c when c.fn() == MatFn.SUM && c.arg() instanceof Apply a && a.fn() == Fn.ABS -> replace(c, a.arg(), coefficient, where);
            case Apply a when a.fn() == Fn.ABS && a.isScalar() -> replace(a, a.arg(), coefficient, where);
            default -> null;
        };
    }

    /** The smooth stand-in for the L1 term {@code term} = ‖v‖₁ entering with {@code coefficient}, which must be ≥ 0. */
    private Expr replace(Expr term, Expr v, Expr coefficient, String where) {
        double c = value(coefficient);
        if (!(c >= 0))
            throw new SourceError(Text.abbreviate(Render.text(term)) + " in " + where + " is not supported there: norm1 and "
                    + "sum(abs(...)) are reformulated exactly only where they are minimized, as a term c*norm1(v) with c >= 0; "
                    + entersWith(coefficient, c, where) + ", which makes the problem non-convex");
        Expr arg = v instanceof Ref r ? r.value() : v;
        Expr inner = arg instanceof Transpose t ? t.arg() : arg;   // v' has v's entries
        if (inner instanceof Var x && variables.contains(x)) {
            boolean first = !splits.containsKey(x);
            Var[] parts = split(x);
            if (first)
                notes.add("norm1(" + x.name() + ") → sum(" + parts[0].name() + " + " + parts[1].name() + ") with " + x.name()
                        + " = " + parts[0].name() + " - " + parts[1].name() + ", " + parts[0].name() + " >= 0, "
                        + parts[1].name() + " >= 0");
            return Exprs.call(MatFn.SUM, Exprs.add(parts));
        }
        requireAffine(term, arg);
        Var t = epigraphs.get(arg);
        if (t == null) {
            t = newVariable("t", arg.shape(), Exprs.apply(Fn.ABS, arg));
            epigraphs.put(arg, t);
            String text = Render.text(arg);
            constraintsAdded.add(new TypedConstraint(text + " <= " + t.name(), false, Exprs.sub(arg, t), -1));
            constraintsAdded.add(new TypedConstraint("-" + t.name() + " <= " + text, false, Exprs.sub(Exprs.neg(arg), t), -1));
            constraintsAdded.add(new TypedConstraint(t.name() + " >= 0", false, Exprs.neg(t), -1));
            notes.add(Render.text(term) + " → sum(" + t.name() + ") with -" + t.name() + " <= " + text + " <= " + t.name());
        }
        return Exprs.call(MatFn.SUM, t);
    }

    /** v's differential by each variable may not involve the variables: v is affine in them. */
    private void requireAffine(Expr term, Expr v) {
        Var x = nonAffineIn(v);
        if (x != null)
            throw new SourceError(Text.abbreviate(Render.text(term)) + " is not supported: norm1 and sum(abs(...)) are "
                    + "reformulated exactly when their argument is a variable or affine in the variables (such as "
                    + "A*w - b), and " + Text.abbreviate(Render.text(v)) + " is not affine in " + x.name());
    }

    @Override
    protected SourceError unsupported(Expr e, String where) {
        return new SourceError(firstTarget(e) + " is not supported inside " + Text.abbreviate(Render.text(e)) + " (in " + where
                + "): norm1(v) and sum(abs(v)) are made smooth exactly only as terms c*norm1(v) with a constant c >= 0 "
                + "of a minimized objective or of the left side of a <= constraint");
    }
}
