package dev.matcalc.problem;

import dev.matcalc.calculus.Forward;
import dev.matcalc.expr.Add;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Ref;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.render.Render;
import dev.matcalc.simplify.Simplifier;
import dev.matcalc.syntax.Text;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the exact rewrites of non-smooth convex terms share ({@link L1Reformulation} for norm1 and
 * abs, {@link MaxReformulation} for max and min): the walk down the minimized function that keeps
 * each term's constant coefficient (a term is rewritten only where it enters with the sign that
 * keeps the problem convex), splits of a variable into nonnegative parts, new epigraph variables
 * with their constraints and start values, and the result with the split variables substituted.
 * {@link #apply} runs the two rewrites in turn: L1 first, then max and min on its result.
 */
abstract class Reformulation {

    /**
     * The problem after the rewrite.
     *
     * @param variables the variables to pack: the original ones, a split one replaced by its two parts, then the new ones
     * @param recover   for a split variable, its value from its parts ({@code w_pos - w_neg})
     * @param starts    for each new variable, its start, evaluated in order from the original variables and the
     *                  new ones before it ({@code relu(w)}, {@code abs(A*w - b)})
     * @param notes     one line per rewrite, for the user
     */
    record Result(Expr objective, List<TypedConstraint> constraints, List<Var> variables, Map<Var, Expr> recover,
                  Map<Var, Expr> starts, List<String> notes) { }

    /** L1 terms, then max and min terms, rewritten; every new name avoids {@code taken}. */
    static Result apply(TypedProblem problem, Set<String> taken) {
        Result l1 = L1Reformulation.apply(problem, taken);
        Set<String> names = new HashSet<>(taken);
        l1.variables().forEach(v -> names.add(v.name()));
        return MaxReformulation.apply(l1, problem.problem().data(), names, problem.problem().sense() == Sense.MAX);
    }

    protected final List<Var> variables;
    protected final Map<String, DMatrixRMaj> data;
    protected final boolean maximized;
    private final Set<String> taken;
    protected final Map<Var, Var[]> splits = new LinkedHashMap<>();
    protected final List<Var> added = new ArrayList<>();
    protected final List<TypedConstraint> constraintsAdded = new ArrayList<>();
    protected final Map<Var, Expr> starts = new LinkedHashMap<>();
    protected final List<String> notes = new ArrayList<>();

    protected Reformulation(List<Var> variables, Map<String, DMatrixRMaj> data, Set<String> taken, boolean maximized) {
        this.variables = variables;
        this.data = data;
        this.taken = new HashSet<>(taken);
        this.maximized = maximized;
    }

    /** Whether {@code e} itself is a node this rewrite handles (its argument depending on a variable). */
    protected abstract boolean isTarget(Expr e);

    /** The smooth stand-in for {@code e}, a target's term entering with {@code coefficient}; null when e is no such term. */
    protected abstract Expr term(Expr e, Expr coefficient, String where);

    /** The error for a target inside {@code e}, where it cannot be rewritten. */
    protected abstract RuntimeException unsupported(Expr e, String where);

    /** {@code e}, which enters the minimized function with the (constant) factor {@code coefficient}, with its terms rewritten. */
    protected final Expr rewrite(Expr e, Expr coefficient, String where) {
        if (!hasTarget(e)) return e;
        return switch (e) {
            case Ref r -> rewrite(r.value(), coefficient, where);
            case Add a -> Exprs.add(a.terms().stream().map(t -> rewrite(t, coefficient, where)).toList());
            case MatMul m when m.factors().stream().allMatch(Expr::isScalar) -> {
                List<Expr> withTarget = m.factors().stream().filter(this::hasTarget).toList();
                List<Expr> others = m.factors().stream().filter(f -> !hasTarget(f)).toList();
                if (withTarget.size() != 1 || others.stream().anyMatch(this::dependsOnVariables)) throw unsupported(e, where);
                List<Expr> factors = new ArrayList<>(others);
                List<Expr> scale = new ArrayList<>(others);
                scale.add(coefficient);
                factors.add(rewrite(withTarget.get(0), Exprs.mul(scale), where));
                yield Exprs.mul(factors);
            }
            default -> {
                Expr replaced = term(e, coefficient, where);
                if (replaced == null) throw unsupported(e, where);
                yield replaced;
            }
        };
    }

    /** The coefficient's value (a constant of the data). */
    protected final double value(Expr coefficient) {
        return Evaluator.evaluate(coefficient, data).data[0];
    }

    /** "here it enters [the maximized objective, that is, the minimized -f, ]with the factor -lam = -3.0" */
    protected final String entersWith(Expr coefficient, double c, String where) {
        return "here it enters " + (maximized && where.equals("the objective") ? "the maximized objective, that is, "
                + "the minimized -f, " : "") + "with the factor " + Render.text(Simplifier.simplify(coefficient)) + " = " + c;
    }

    /** x = x_pos - x_neg with both parts ≥ 0 (bounds); the parts once per variable, substituted for x by {@link #finish}. */
    protected final Var[] split(Var x) {
        return splits.computeIfAbsent(x, v -> {
            Var pos = new Var(fresh(v.name() + "_pos", false), v.shape(), v.kind());
            Var neg = new Var(fresh(v.name() + "_neg", false), v.shape(), v.kind());
            constraintsAdded.add(new TypedConstraint(pos.name() + " >= 0", false, Exprs.neg(pos), -1));
            constraintsAdded.add(new TypedConstraint(neg.name() + " >= 0", false, Exprs.neg(neg), -1));
            starts.put(pos, Exprs.apply(dev.matcalc.expr.Fn.RELU, v));
            starts.put(neg, Exprs.apply(dev.matcalc.expr.Fn.RELU, Exprs.neg(v)));
            return new Var[] {pos, neg};
        });
    }

    /** A new variable of {@code shape}, packed after the others, starting at {@code start}. */
    protected final Var newVariable(String base, dev.matcalc.shapes.Shape shape, Expr start) {
        Var t = new Var(fresh(base, true), shape);
        added.add(t);
        starts.put(t, start);
        return t;
    }

    /** Replaces each split variable by its parts everywhere, and lists the variables to pack. */
    protected final Result finish(Expr objective, List<TypedConstraint> constraints, Map<Var, Expr> recoverBefore,
                                  List<String> notesBefore, Map<Var, Expr> startsBefore) {
        constraints = new ArrayList<>(constraints);
        constraints.addAll(constraintsAdded);
        Map<Var, Expr> recover = new LinkedHashMap<>(recoverBefore);
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
        packed.addAll(added);
        Map<Var, Expr> allStarts = new LinkedHashMap<>(startsBefore);
        allStarts.putAll(starts);
        List<String> allNotes = new ArrayList<>(notesBefore);
        allNotes.addAll(notes);
        return new Result(objective, constraints, packed, recover, allStarts, allNotes);
    }

    /** Whether anything was rewritten (a rewrite that only reads an earlier split leaves a note). */
    protected final boolean changed() {
        return !splits.isEmpty() || !added.isEmpty() || !notes.isEmpty();
    }

    /** A variable v is not affine in, or null: v's differential by each variable may not involve the variables. */
    protected final Var nonAffineIn(Expr v) {
        for (Var x : variables) {
            if (!Nodes.contains(v, x)) continue;
            Expr d = Simplifier.simplify(Forward.differential(v, x, Forward.differentialOf(x)));
            if (dependsOnVariables(d)) return x;
        }
        return null;
    }

    /** {@code base}, or base1, base2, ... where taken ({@code numbered}: always with a number, t1 rather than t). */
    protected final String fresh(String base, boolean numbered) {
        String name = base;
        for (int k = 1; taken.contains(name) || (numbered && k == 1); k++) name = base + k;
        taken.add(name);
        return name;
    }

    protected final boolean dependsOnVariables(Expr e) {
        return variables.stream().anyMatch(v -> Nodes.contains(e, v));
    }

    protected final boolean hasTarget(Expr e) {
        return findTarget(e) != null;
    }

    /** The first target in {@code e}, abbreviated, or "". */
    protected final String firstTarget(Expr e) {
        Expr found = findTarget(e);
        return found == null ? "" : Text.abbreviate(Render.text(found));
    }

    private Expr findTarget(Expr e) {
        return findTarget(e, new IdentityHashMap<>());
    }

    private Expr findTarget(Expr e, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) return null;     // a shared subterm, searched already
        if (isTarget(e)) return e;
        for (Expr child : Nodes.children(e)) {
            Expr found = findTarget(child, seen);
            if (found != null) return found;
        }
        return null;
    }
}
