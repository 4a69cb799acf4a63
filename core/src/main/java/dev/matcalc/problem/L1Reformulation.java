package dev.matcalc.problem;

import dev.matcalc.calculus.Forward;
import dev.matcalc.expr.Apply;
import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.Fn;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Transpose;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.render.Render;
import dev.matcalc.simplify.Simplifier;
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
 * equality) is an error that says so: there the reformulation would change the problem.
 */
final class L1Reformulation {

    /**
     * The problem after the rewrite.
     *
     * @param variables the variables to pack: the original ones, a split one replaced by its two parts, then the t's
     * @param recover   for a split variable, its value from its parts ({@code w_pos - w_neg})
     * @param starts    for each new variable, its start from the original variables ({@code relu(w)}, {@code abs(A*w - b)})
     * @param notes     one line per rewrite, for the user
     */
    record Result(Expr objective, List<TypedConstraint> constraints, List<Var> variables, Map<Var, Expr> recover,
                  Map<Var, Expr> starts, List<String> notes) { }

    private final List<Var> variables;
    private final Map<String, DMatrixRMaj> data;
    private final Set<String> taken;
    private final boolean maximized;
    private final Map<Var, Var[]> splits = new LinkedHashMap<>();
    private final Map<Expr, Var> epigraphs = new LinkedHashMap<>();
    private final List<TypedConstraint> added = new ArrayList<>();
    private final Map<Var, Expr> starts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private L1Reformulation(List<Var> variables, Map<String, DMatrixRMaj> data, Set<String> taken, boolean maximized) {
        this.variables = variables;
        this.data = data;
        this.taken = new java.util.HashSet<>(taken);
        this.maximized = maximized;
    }

    /** @param taken every name in use (variables, parameters, definitions), which new variables avoid */
    static Result apply(TypedProblem problem, Set<String> taken) {
        L1Reformulation r = new L1Reformulation(problem.variables(), problem.problem().data(), taken,
                problem.problem().sense() == Sense.MAX);
        Expr objective = r.rewrite(evenPowersOfAbs(problem.minimized()), Num.ONE, "the objective");
        List<TypedConstraint> constraints = new ArrayList<>();
        for (TypedConstraint original : problem.constraints()) {
            TypedConstraint c = new TypedConstraint(original.text(), original.equality(), evenPowersOfAbs(original.expr()), original.index());
            if (c.equality() && r.hasL1(c.expr()))
                throw new SourceError(r.firstL1(c.expr()) + " in " + c.describe() + " is not supported: an equality "
                        + "with a norm is not convex; norm1 and sum(abs(...)) are reformulated where they are minimized");
            constraints.add(c.equality() ? c : new TypedConstraint(c.text(), false, r.rewrite(c.expr(), Num.ONE, c.describe()), c.index()));
        }
        constraints.addAll(r.added);
        if (r.splits.isEmpty() && r.epigraphs.isEmpty())
            return new Result(objective, constraints, problem.variables(), Map.of(), Map.of(), List.of());
        return r.finish(objective, constraints);
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

    /** Replaces each split variable by its parts everywhere, and lists the variables to pack. */
    private Result finish(Expr objective, List<TypedConstraint> constraints) {
        Map<Var, Expr> recover = new LinkedHashMap<>();
        List<Var> packed = new ArrayList<>();
        for (Var v : variables) {
            Var[] parts = splits.get(v);
            if (parts == null) {
                packed.add(v);
                continue;
            }
            Expr difference = Exprs.sub(parts[0], parts[1]);
            recover.put(v, difference);
            objective = Nodes.substitute(objective, v, difference);
            List<TypedConstraint> substituted = new ArrayList<>();
            for (TypedConstraint c : constraints)
                substituted.add(new TypedConstraint(c.text(), c.equality(), Nodes.substitute(c.expr(), v, difference), c.index()));
            constraints = substituted;
            packed.add(parts[0]);
            packed.add(parts[1]);
        }
        packed.addAll(epigraphs.values());
        return new Result(objective, constraints, packed, recover, starts, notes);
    }

    /** {@code e}, which enters the minimized function with the (constant) factor {@code coefficient}, with its L1 terms rewritten. */
    private Expr rewrite(Expr e, Expr coefficient, String where) {
        if (!hasL1(e)) return e;
        return switch (e) {
            case Ref r -> rewrite(r.value(), coefficient, where);
            case dev.matcalc.expr.Add a -> Exprs.add(a.terms().stream().map(t -> rewrite(t, coefficient, where)).toList());
            case MatMul m when m.factors().stream().allMatch(Expr::isScalar) -> {
                List<Expr> withL1 = m.factors().stream().filter(this::hasL1).toList();
                List<Expr> others = m.factors().stream().filter(f -> !hasL1(f)).toList();
                if (withL1.size() != 1 || others.stream().anyMatch(this::dependsOnVariables)) throw unsupported(e, where);
                List<Expr> factors = new ArrayList<>(others);
                List<Expr> scale = new ArrayList<>(others);
                scale.add(coefficient);
                factors.add(rewrite(withL1.get(0), Exprs.mul(scale), where));
                yield Exprs.mul(factors);
            }
            case Call c when c.fn() == MatFn.NORM1 -> replace(c, c.arg(), coefficient, where);
            case Call c when c.fn() == MatFn.SUM && c.arg() instanceof Apply a && a.fn() == Fn.ABS -> replace(c, a.arg(), coefficient, where);
            case Apply a when a.fn() == Fn.ABS && a.isScalar() -> replace(a, a.arg(), coefficient, where);
            default -> throw unsupported(e, where);
        };
    }

    /** The smooth stand-in for the L1 term {@code term} = ‖v‖₁ entering with {@code coefficient}, which must be ≥ 0. */
    private Expr replace(Expr term, Expr v, Expr coefficient, String where) {
        double c = Evaluator.evaluate(coefficient, data).data[0];
        if (!(c >= 0))
            throw new SourceError(Text.abbreviate(Render.text(term)) + " in " + where + " is not supported there: norm1 and "
                    + "sum(abs(...)) are reformulated exactly only where they are minimized, as a term c*norm1(v) with c >= 0; "
                    + "here it enters " + (maximized && where.equals("the objective") ? "the maximized objective, that is, "
                    + "the minimized -f, " : "") + "with the factor " + Render.text(Simplifier.simplify(coefficient))
                    + " = " + c + ", which makes the problem non-convex");
        Expr arg = v instanceof Ref r ? r.value() : v;
        Expr inner = arg instanceof Transpose t ? t.arg() : arg;   // v' has v's entries
        if (inner instanceof Var x && variables.contains(x)) return Exprs.call(MatFn.SUM, Exprs.add(split(x)));
        requireAffine(term, arg);
        Var t = epigraphs.get(arg);
        if (t == null) {
            t = new Var(fresh("t"), arg.shape());
            epigraphs.put(arg, t);
            String text = Render.text(arg);
            added.add(new TypedConstraint(text + " <= " + t.name(), false, Exprs.sub(arg, t), -1));
            added.add(new TypedConstraint("-" + t.name() + " <= " + text, false, Exprs.sub(Exprs.neg(arg), t), -1));
            added.add(new TypedConstraint(t.name() + " >= 0", false, Exprs.neg(t), -1));
            starts.put(t, Exprs.apply(Fn.ABS, arg));
            notes.add(Render.text(term) + " → sum(" + t.name() + ") with -" + t.name() + " <= " + text + " <= " + t.name());
        }
        return Exprs.call(MatFn.SUM, t);
    }

    /** x = x_pos - x_neg with both parts ≥ 0; the parts once per variable. */
    private Var[] split(Var x) {
        return splits.computeIfAbsent(x, v -> {
            Var pos = new Var(fresh(v.name() + "_pos"), v.shape(), v.kind());
            Var neg = new Var(fresh(v.name() + "_neg"), v.shape(), v.kind());
            added.add(new TypedConstraint(pos.name() + " >= 0", false, Exprs.neg(pos), -1));
            added.add(new TypedConstraint(neg.name() + " >= 0", false, Exprs.neg(neg), -1));
            starts.put(pos, Exprs.apply(Fn.RELU, v));
            starts.put(neg, Exprs.apply(Fn.RELU, Exprs.neg(v)));
            notes.add("norm1(" + v.name() + ") → sum(" + pos.name() + " + " + neg.name() + ") with " + v.name() + " = "
                    + pos.name() + " - " + neg.name() + ", " + pos.name() + " >= 0, " + neg.name() + " >= 0");
            return new Var[] {pos, neg};
        });
    }

    /** v's differential by each variable may not involve the variables: v is affine in them. */
    private void requireAffine(Expr term, Expr v) {
        for (Var x : variables) {
            if (!Nodes.contains(v, x)) continue;
            Expr d = Simplifier.simplify(Forward.differential(v, x, Forward.differentialOf(x)));
            if (dependsOnVariables(d))
                throw new SourceError(Text.abbreviate(Render.text(term)) + " is not supported: norm1 and sum(abs(...)) are "
                        + "reformulated exactly when their argument is a variable or affine in the variables (such as "
                        + "A*w - b), and " + Text.abbreviate(Render.text(v)) + " is not affine in " + x.name());
        }
    }

    private SourceError unsupported(Expr e, String where) {
        return new SourceError(firstL1(e) + " is not supported inside " + Text.abbreviate(Render.text(e)) + " (in " + where
                + "): norm1(v) and sum(abs(v)) are made smooth exactly only as terms c*norm1(v) with a constant c >= 0 "
                + "of a minimized objective or of the left side of a <= constraint");
    }

    private String fresh(String base) {
        String name = base;
        for (int k = 1; taken.contains(name) || (base.equals("t") && k == 1); k++) name = base + k;
        taken.add(name);
        return name;
    }

    private boolean dependsOnVariables(Expr e) {
        return variables.stream().anyMatch(v -> Nodes.contains(e, v));
    }

    /** Whether {@code e} has an L1 node (norm1, abs) whose argument depends on a variable. */
    private boolean hasL1(Expr e) {
        return findL1(e) != null;
    }

    private String firstL1(Expr e) {
        Expr l1 = findL1(e);
        return l1 == null ? "" : Text.abbreviate(Render.text(l1));
    }

    private Expr findL1(Expr e) {
        return findL1(e, new java.util.IdentityHashMap<>());
    }

    private Expr findL1(Expr e, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) return null;     // a shared subterm, searched already
        if ((e instanceof Call c && c.fn() == MatFn.NORM1 || e instanceof Apply a && a.fn() == Fn.ABS) && dependsOnVariables(e))
            return e;
        for (Expr child : Nodes.children(e)) {
            Expr found = findL1(child, seen);
            if (found != null) return found;
        }
        return null;
    }
}
