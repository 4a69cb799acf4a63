package dev.matcalc.problem;

import dev.matcalc.api.Work;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.optimization.Bounds;
import dev.matcalc.problem.rows.RowPlaceholder;
import dev.matcalc.problem.rows.RowSeparableObjective;
import dev.matcalc.problem.rows.RowSeparation;
import dev.matcalc.problem.rows.RowTable;
import dev.matcalc.problem.rows.Separation;
import dev.matcalc.render.Render;
import dev.matcalc.shapes.Typed;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Problem} made ready for a solver, once: typed and checked ({@link ProblemTyper}), its L1,
 * max and min terms made smooth ({@link L1Reformulation}, {@link MaxReformulation}), its variables packed into one vector
 * ({@link Packing}), its bounds separated from its other constraints ({@link BoundClassifier}),
 * the objective and the augmented Lagrangian compiled ({@link AugmentedLagrangian}), and a start
 * point chosen inside the domain and the bounds ({@link StartPoint}). A solver needs
 * {@link #problem()}, {@link #bounds()} and {@link #start()}; {@link #solution} and
 * {@link #objectiveValue} read its answer in the user's terms.
 */
public final class CompiledProblem implements AutoCloseable {
    private final TypedProblem typed;
    private final Reformulation.Result reformulated;
    private final Packing packing;
    private final BoundClassifier.Result classified;
    private final dev.matcalc.optimization.DifferentiableFunction objective;
    private final RowSeparableObjective distributed;
    private final AugmentedLagrangian lagrangian;
    private final double[] start;
    private final String startSentence;

    private CompiledProblem(Problem problem, RowTable rows) {
        Map<String, DMatrixRMaj> local = problem.data();
        if (rows != null) problem = withPlaceholders(problem, rows);
        typed = ProblemTyper.type(problem);
        reformulated = Reformulation.apply(typed, names(typed.typed()));
        packing = new Packing(reformulated.variables(), sizes(reformulated.variables(), problem));
        if (rows != null) checkConstraints(rows);
        classified = BoundClassifier.classify(reformulated.constraints(), packing, problem.data());
        if (rows == null) {
            CompiledObjective o = new CompiledObjective(reformulated.objective(), packing, problem.data());
            objective = o;
            distributed = null;
            lagrangian = new AugmentedLagrangian(o, classified.general(), problem.data());
        } else {
            checkSparse(reformulated.objective(), rows, problem.data());
            Separation separation = RowSeparation.split(reformulated.objective(), rows.shapes().keySet(), rows.rows());
            distributed = new RowSeparableObjective(separation, packing, local, problem.data(), rows);
            objective = distributed;
            lagrangian = new AugmentedLagrangian(packing, distributed, distributed.localPart(), distributed.remotePart(),
                    classified.general(), local);
        }
        Map<String, int[]> originalSizes = sizes(typed.variables(), problem);
        double[] chosen = null;
        String choices = null;
        for (boolean ones : new boolean[] {false, true}) {
            StartPoint.Start s = StartPoint.choose(typed.variables(), originalSizes, problem.start(), uses(), ones);
            double[] x = pack(s.values());
            List<String> moved = project(x);
            if (chosen == null) {       // the first choice is what an error reports
                chosen = x;
                choices = s.choices(problem.start().keySet());
            }
            if (inDomain(x)) {
                this.start = x;
                this.startSentence = s.sentence(problem.start().keySet()) + movedNote(moved);
                return;
            }
            if (s.reasons().isEmpty()) break;      // every value given: nothing to choose again
        }
        throw outsideDomain(chosen, choices, problem.start().size() == typed.variables().size());
    }

    /** Types, checks and compiles {@code problem}; every user error is a {@link SourceError}. */
    public static CompiledProblem compile(Problem problem) {
        return Work.call(() -> new CompiledProblem(problem, null));
    }

    /**
     * As {@link #compile(Problem)}, with the columns of {@code rows} as further data, held in
     * blocks elsewhere: the objective is split by {@link RowSeparation} (refused, naming the
     * subexpression, where it mixes rows), its row part evaluated where the rows are.
     */
    public static CompiledProblem compile(Problem problem, RowTable rows) {
        return Work.call(() -> new CompiledProblem(problem, rows));
    }

    /** The objective's split between the driver and the rows' blocks, or null for a local problem. */
    public RowSeparableObjective distributed() {
        return distributed;
    }

    /** Releases the table's compiled plans (a distributed problem); nothing for a local one. */
    @Override
    public void close() {
        if (distributed != null) distributed.close();
    }

    /** The problem's data with each table column as a placeholder of its size. */
    private static Problem withPlaceholders(Problem problem, RowTable rows) {
        Map<String, DMatrixRMaj> data = new LinkedHashMap<>(problem.data());
        rows.shapes().forEach((name, shape) -> {
            if (data.containsKey(name))
                throw new SourceError(name + " is bound twice: to columns of the table and by --data");
            data.put(name, new RowPlaceholder(shape.rows(), shape.cols()));
        });
        return problem.withData(data);
    }

    /**
     * A sparse column (a LIBSVM table's features) only in products with dense operands: anything
     * else would make it dense, refused before anything runs, naming the subexpression and the size.
     */
    private void checkSparse(dev.matcalc.expr.Expr objective, RowTable rows, Map<String, DMatrixRMaj> data) {
        if (rows.sparse().isEmpty()) return;
        Map<String, DMatrixRMaj> at = new LinkedHashMap<>(data);
        for (Packing.Slot s : packing.slots()) at.put(s.variable().name(), new RowPlaceholder(s.rows(), s.cols()));
        dev.matcalc.expr.Expr e = dev.matcalc.expr.Refs.unwrap(objective);
        dev.matcalc.numeric.Evaluator ev = new dev.matcalc.numeric.Evaluator(at).bind(e);
        dev.matcalc.compile.SparseUses.check(e, rows.sparse(), rows.sparseSource(), ev::size);
    }

    /** Constraints are evaluated on the driver: they may not use the table's columns. */
    private void checkConstraints(RowTable rows) {
        for (TypedConstraint c : typed.constraints())
            for (Var v : dev.matcalc.expr.Nodes.variables(c.expr()))
                if (rows.shapes().containsKey(v.name()))
                    throw new SourceError(c.describe() + " uses " + v.name() + ", a column of the table: constraints are "
                            + "checked on the driver, which does not hold the table's rows (one constraint per row would be "
                            + "as many as the rows); keep the table's columns in the objective");
    }

    public TypedProblem typed() {
        return typed;
    }

    /** The objective (minimized: -f for a maximization) and constraints the solver sees. */
    public AugmentedLagrangian problem() {
        return lagrangian;
    }

    public Bounds bounds() {
        return new Bounds(classified.bounds().lower().clone(), classified.bounds().upper().clone());
    }

    public Packing packing() {
        return packing;
    }

    /** The start point, packed, inside the bounds and the objective's domain (a fresh copy). */
    public double[] start() {
        return start.clone();
    }

    /** What the start is: {@code Starting from x = 0, S = identity (S is under logdet).} */
    public String startSentence() {
        return startSentence;
    }

    /** The constraints kept as bounds, and the rest, in normal form. */
    public List<TypedConstraint> boundConstraints() {
        return classified.asBounds();
    }

    public List<TypedConstraint> generalConstraints() {
        return classified.general();
    }

    /**
     * How many numbers an evaluation reads: the entries of every bound value (data, a table's
     * columns) and of x. The solver's rules for what is cheap (the polish) count by it, so that
     * they do not depend on the machine's speed.
     */
    public long entriesRead() {
        long entries = start.length;
        for (DMatrixRMaj m : typed.problem().data().values()) entries += (long) m.getNumRows() * m.getNumCols();
        return entries;
    }

    /** One line per rewrite of an L1, max or min term (empty when there was none). */
    public List<String> reformulations() {
        return reformulated.notes();
    }

    /** The minimized objective after the rewrites, as the solver sees it. */
    public Expr minimizedObjective() {
        return reformulated.objective();
    }

    /** The user's variables at a solver's x, by name, in the order of {@link Problem#over} (a split one recovered). */
    public Map<String, DMatrixRMaj> solution(double[] x) {
        Map<String, DMatrixRMaj> packed = packing.values(x);
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (Var v : typed.variables()) {
            Expr recover = reformulated.recover().get(v);
            out.put(v.name(), recover == null ? packed.get(v.name()) : Evaluator.evaluate(recover, packed));
        }
        return out;
    }

    /** The objective as written (not negated for a maximization) at a solver's x. */
    public double objectiveValue(double[] x) {
        if (distributed != null)       // the minimized objective over the table (L1 rewrites are exact at a solution)
            return (typed.problem().sense() == Sense.MAX ? -1 : 1) * distributed.value(x);
        Map<String, DMatrixRMaj> at = new HashMap<>(typed.problem().data());
        at.putAll(solution(x));
        return Evaluator.evaluate(typed.objective(), at).data[0];
    }

    /** The problem as the solver sees it, for a person: variables, objective, bounds, other constraints. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("variables: ");
        List<String> vars = new ArrayList<>();
        for (Packing.Slot s : packing.slots())
            vars.add(s.variable().name() + " (" + (s.symmetric() ? "symmetric " : "") + s.rows() + "×" + s.cols() + ")");
        sb.append(String.join(", ", vars)).append(", ").append(packing.dimension()).append(" unknowns\n");
        sb.append("min ").append(Render.text(reformulated.objective())).append('\n');
        if (distributed != null) sb.append("  (").append(distributed.separation().describe()).append(")\n");
        for (String note : reformulated.notes()) sb.append("  (").append(note).append(")\n");
        for (TypedConstraint c : classified.asBounds()) sb.append("bound: ").append(c.text()).append('\n');
        for (TypedConstraint c : classified.general())
            sb.append("constraint: ").append(Render.text(c.expr())).append(c.equality() ? " == 0" : " <= 0")
                    .append("   (").append(c.text()).append(")\n");
        return sb.toString();
    }

    private List<Expr> uses() {
        List<Expr> uses = new ArrayList<>();
        uses.add(typed.objective());
        typed.constraints().forEach(c -> uses.add(c.expr()));
        return uses;
    }

    /**
     * The packed start from the original variables' values: the new variables' starts are derived from
     * them, in order (a max term's t from the parts of a variable the L1 rewrite split).
     */
    private double[] pack(Map<String, DMatrixRMaj> original) {
        Map<String, DMatrixRMaj> all = new HashMap<>(typed.problem().data());
        all.putAll(original);
        Map<String, DMatrixRMaj> packed = new HashMap<>(original);
        reformulated.starts().forEach((v, e) -> {
            DMatrixRMaj value = Evaluator.evaluate(e, all);
            packed.put(v.name(), value);
            all.put(v.name(), value);
        });
        return packing.pack(packed);
    }

    /** Moves x onto the bounds where it is outside them; returns the entries moved. */
    private List<String> project(double[] x) {
        List<String> moved = new ArrayList<>();
        double[] lo = classified.bounds().lower(), hi = classified.bounds().upper();
        for (int i = 0; i < x.length; i++) {
            double y = Math.min(Math.max(x[i], lo[i]), hi[i]);
            if (y != x[i]) moved.add(packing.describe(i));
            x[i] = y;
        }
        return moved;
    }

    private static String movedNote(List<String> moved) {
        if (moved.isEmpty()) return "";
        List<String> shown = moved.size() > 5 ? moved.subList(0, 5) : moved;
        return " Moved onto the bounds: " + String.join(", ", shown) + (moved.size() > 5 ? " and " + (moved.size() - 5) + " more" : "") + ".";
    }

    private boolean inDomain(double[] x) {
        if (!Double.isFinite(objective.valueAndGradient(x, new double[x.length]))) return false;
        double[] g = new double[lagrangian.inequalities()], h = new double[lagrangian.equalities()];
        lagrangian.constraints(x, g, h);
        for (double v : g) if (!Double.isFinite(v)) return false;
        for (double v : h) if (!Double.isFinite(v)) return false;
        return true;
    }

    /** Names the term that has no value at the start (in the objective, its gradient, or a constraint). */
    private SourceError outsideDomain(double[] x, String choices, boolean given) {
        if (distributed != null)       // the culprit would need the table's rows here
            return given ? new SourceError("the start point is outside the domain of the objective: it has no value there")
                    : new SourceError("no start point inside the domain was found: at " + choices + ", the objective "
                    + "has no value; give start values");
        Map<String, DMatrixRMaj> at = new HashMap<>(typed.problem().data());
        at.putAll(solution(x));
        String why = DomainCheck.culprit(typed.minimized(), at);
        String where = "the objective";
        if (why == null) {
            Map<String, DMatrixRMaj> packed = new HashMap<>(typed.problem().data());
            packed.putAll(packing.values(x));
            for (int k = 0; k < packing.slots().size() && why == null; k++) {
                why = DomainCheck.culprit(((CompiledObjective) objective).gradients().get(k), packed);
                where = "the objective's gradient by " + packing.slots().get(k).variable().name();
            }
            for (int k = 0; k < typed.constraints().size() && why == null; k++) {
                why = DomainCheck.culprit(typed.constraints().get(k).expr(), at);
                where = typed.constraints().get(k).describe();
            }
        }
        String what = why == null ? "it has no value there" : why;
        return given
                ? new SourceError("the start point is outside the domain of " + where + ": " + what)
                : new SourceError("no start point inside the domain was found: at " + choices + ", " + where
                + " has no value, as " + what + "; give start values");
    }

    /** Every name the problem uses (variables, parameters, definitions), which new variables avoid. */
    private static Set<String> names(Typed typed) {
        Set<String> taken = new HashSet<>();
        typed.variables().forEach(v -> taken.add(v.name()));
        typed.definitions().forEach(d -> taken.add(d.name()));
        return taken;
    }

    /** {rows, cols} of each variable, from the data's and the start values' sizes. */
    private Map<String, int[]> sizes(List<Var> vars, Problem problem) {
        Map<String, DMatrixRMaj> given = new HashMap<>(problem.data());
        given.putAll(problem.start());
        Evaluator at = new Evaluator(given);
        for (Var v : typed.typed().variables()) if (given.containsKey(v.name())) at.bind(v);
        Map<String, int[]> sizes = new LinkedHashMap<>();
        for (Var v : vars) {
            try {
                sizes.put(v.name(), at.size(v.shape()));
            } catch (SourceError unknown) {
                throw new SourceError("the size of " + v.name() + " (" + v.shape() + ") is not known: no data has "
                        + "that size; give " + v.name() + " a start value, or data for a parameter of that size");
            }
        }
        return sizes;
    }
}
