package dev.matcalc.problem;

import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.optimization.Bounds;
import dev.matcalc.optimization.Method;
import dev.matcalc.optimization.Options;
import dev.matcalc.optimization.Result;
import dev.matcalc.optimization.Solvers;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
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
        String method;
        if (!compiled.generalConstraints().isEmpty()) {
            r = Solvers.minimize(compiled.problem(), compiled.start(), bounds, options);
            method = r.method();          // "augmented Lagrangian (L-BFGS-B)"
        } else {
            r = Solvers.minimize(compiled.problem().objective(), compiled.start(), bounds, options);
            method = r.method();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Solution(r.status(), compiled.objectiveValue(r.x()), tensors(compiled, r.x()), r.iterations(),
                r.evaluations(), r.optimality(), r.violation(), seconds, method, r.message(),
                compiled.startSentence(), compiled.reformulations());
    }

    /** The variables' values as tensors of their kinds: a scalar 0-d, a vector 1-d, a matrix 2-d. */
    private static Map<String, Tensor> tensors(CompiledProblem compiled, double[] x) {
        Map<String, DMatrixRMaj> values = compiled.solution(x);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Var v : compiled.typed().variables()) {
            DMatrixRMaj m = values.get(v.name());
            int[] axes = v.shape().rows().isOne() && v.shape().cols().isOne() ? new int[0]
                    : v.shape().cols().isOne() ? new int[] {m.numRows} : new int[] {m.numRows, m.numCols};
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
