package dev.matcalc.problem;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.optimization.ActiveSetPolish;
import dev.matcalc.optimization.Bounds;
import dev.matcalc.optimization.ConstrainedProblem;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.optimization.ConstrainedResult;
import dev.matcalc.optimization.Status;
import dev.matcalc.optimization.Method;
import dev.matcalc.optimization.Options;
import dev.matcalc.optimization.Result;
import dev.matcalc.optimization.Solvers;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that runs a {@link Problem}: compiled once ({@link CompiledProblem}), then handed to
 * the solver its constraints call for. Without constraints, {@link Solvers#minimize} with the
 * options' method (AUTO: L-BFGS-B, Newton-CG where progress is slow); with bounds only, the same
 * bound-constrained solvers on the box; with other constraints, the augmented Lagrangian, whose inner
 * solves keep the bounds. A maximization was compiled as the minimization of -f
 * ({@link CompiledProblem#problem()}); the answer reports f as written.
 */
public final class ProblemSolver {
    /** The tolerance when none is given. */
    public static final double DEFAULT_TOLERANCE = Options.defaults().tolerance();

    private ProblemSolver() { }

    /** Compiles and solves {@code problem}; user errors are {@link dev.matcalc.syntax.SourceError}s. */
    public static Solution solve(Problem problem, Options options) {
        return solve(CompiledProblem.compile(problem), options);
    }

    /**
     * Solves {@code problem} with the columns of {@code rows} as further data, held in blocks
     * elsewhere (a cluster): the same solver on the driver, the objective's row part summed over
     * the blocks at each evaluation.
     */
    public static Solution solve(Problem problem, dev.matcalc.problem.rows.RowTable rows, Options options) {
        try (CompiledProblem compiled = CompiledProblem.compile(problem, rows)) {
            return solve(compiled, options);
        }
    }

    public static Solution solve(CompiledProblem compiled, Options options) {
        Bounds bounds = compiled.bounds();
        long started = System.nanoTime();
        Result r;
        ActiveSetPolish.Attempt attempt = ActiveSetPolish.Attempt.NOT_TRIED;
        DifferentiableFunction f = compiled.problem().objective();
        ConstrainedProblem constrained = compiled.problem();
        List<Expr> exprs = new ArrayList<>(List.of(compiled.minimizedObjective()));
        compiled.generalConstraints().forEach(c -> exprs.add(c.expr()));
        DefiniteDomain domain = DefiniteDomain.of(compiled.packing(), exprs);
        if (domain != null) {
            f = domain.guard(f, compiled.packing());
            constrained = domain.guard(constrained, compiled.packing());
        }
        if (!compiled.generalConstraints().isEmpty()) {
            ConstrainedResult c = dev.matcalc.optimization.AugmentedLagrangian.solve(constrained, compiled.start(), bounds, options);
            r = c.result();                // method "augmented Lagrangian (L-BFGS-B)"
            if (r.status() == Status.OPTIMAL)
                attempt = ActiveSetPolish.polish(constrained.objective(), constrained, bounds, r.x(), c.inequalityMultipliers(),
                        c.equalityMultipliers(), r.optimality(), r.violation(), options.tolerance(), constrainedPolishBudget(r));
        } else {
            r = Solvers.minimize(f, compiled.start(), bounds, options);
            if (r.status() == Status.OPTIMAL)
                attempt = ActiveSetPolish.polish(f, null, bounds, r.x(), new double[0], new double[0], r.optimality(),
                        r.violation(), options.tolerance(), polishBudget(r, compiled.entriesRead()));
        }
        ActiveSetPolish.Polished polished = attempt.polished();
        double[] x = polished == null ? r.x() : polished.x();
        double seconds = (System.nanoTime() - started) / 1e9;
        String message = polished == null ? r.message() : r.message() + "; " + polishNote(polished);
        return new Solution(r.status(), compiled.objectiveValue(x), tensors(compiled, x), r.iterations(),
                r.evaluations() + attempt.evaluations(),
                polished == null ? r.optimality() : polished.optimality(),
                polished == null ? r.violation() : polished.violation(), seconds, r.method(), message,
                compiled.startSentence(), compiled.reformulations());
    }

    private static String polishNote(ActiveSetPolish.Polished p) {
        if (p.activeBounds() == 0 && p.activeConstraints() == 0) return "polished by Newton's method";
        return "polished on the active set (" + p.activeBounds() + (p.activeBounds() == 1 ? " bound, " : " bounds, ")
                + p.activeConstraints() + (p.activeConstraints() == 1 ? " constraint" : " constraints") + " held)";
    }

    /**
     * What the polish may spend under general constraints (gradients plus Hessian-vector
     * products): up to 4 times the solve's own work, and at least {@value #POLISH_FLOOR}. There the
     * augmented Lagrangian leaves the active constraints violated at the tolerance, and the polish
     * is what makes them hold.
     */
    private static int constrainedPolishBudget(Result r) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(POLISH_FLOOR, 4 * work(r)));
    }

    /**
     * What the polish may spend without general constraints, where L-BFGS-B's answer already meets
     * the tolerance and its active bounds hold exactly (the projection puts them there), so the
     * polish only adds digits to the free coordinates: half the solve's own work, or, where an
     * evaluation is cheap (it reads at most {@value #CHEAP_ENTRIES}/{@value #POLISH_FLOOR}
     * numbers), {@value #POLISH_FLOOR}; in between, as many as read {@value #CHEAP_ENTRIES} numbers.
     * Small problems come out to rounding; on large data the polish costs at most half a solve
     * more, and is skipped when that is not enough (a Hessian column per free coordinate).
     */
    static int polishBudget(Result r, long entriesRead) {
        long cheap = Math.min(POLISH_FLOOR, CHEAP_ENTRIES / Math.max(1, entriesRead));
        return (int) Math.min(Integer.MAX_VALUE, Math.max(cheap, work(r) / 2));
    }

    private static long work(Result r) {
        return (long) r.evaluations() + r.hessianVectorProducts();
    }

    /** Numbers the polish may read without general constraints however short the solve: about 10 ms of evaluations. */
    static final long CHEAP_ENTRIES = 20_000_000;
    static final int POLISH_FLOOR = 200;

    /**
     * The variables' values as tensors of their kinds: a scalar 0-d, a vector 1-d, a matrix 2-d; the
     * kind declared (or given by a start value's data) first, so that a vector of length 1 stays a vector.
     */
    private static Map<String, Tensor> tensors(CompiledProblem compiled, double[] x) {
        Map<String, DMatrixRMaj> values = compiled.solution(x);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Var v : compiled.typed().variables()) {
            DMatrixRMaj m = values.get(v.name());
            Declaration declared = compiled.typed().problem().declarations().get(v.name());
            int rank = declared != null ? switch (declared.kind()) {
                case SCALAR -> 0;
                case VECTOR -> 1;
                case MATRIX, SYMMETRIC -> 2;
            } : v.shape().rows().isOne() && v.shape().cols().isOne() ? 0 : v.shape().cols().isOne() ? 1 : 2;
            int[] axes = rank == 0 ? new int[0] : rank == 1 ? new int[] {m.numRows} : new int[] {m.numRows, m.numCols};
            out.put(v.name(), new Tensor(axes, java.util.Arrays.copyOf(m.getData(), m.getNumElements())));
        }
        return out;
    }

    /** Options for the common settings: a tolerance, an iteration limit and a listener (each may be absent). */
    public static Options options(Double tolerance, Integer maxIterations, dev.matcalc.optimization.IterationListener listener) {
        Options o = Options.defaults().withMethod(Method.AUTO);
        if (tolerance != null) {
            if (!(tolerance > 0) || tolerance.isInfinite())
                throw new SourceError("the tolerance must be a positive number, not " + tolerance);
            o = o.withTolerance(tolerance).withConstraintTolerance(Math.max(tolerance, 1e-12));
        }
        if (maxIterations != null) {
            if (maxIterations < 0) throw new SourceError("the iteration limit must be 0 or more, not " + maxIterations);
            o = o.withMaxIterations(maxIterations);
        }
        if (listener != null) o = o.withListener(listener);
        return o;
    }
}
