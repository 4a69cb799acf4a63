package dev.matcalc.api;

import dev.matcalc.data.DataValue;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.optimization.IterationListener;
import dev.matcalc.optimization.Options;
import dev.matcalc.problem.Problem;
import dev.matcalc.problem.ProblemSolver;
import dev.matcalc.problem.Sense;
import dev.matcalc.problem.Solution;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An optimization problem built from Java, solved by {@link #solve()}:
 * <pre>{@code
 * Solution s = MatCalc.minimize("norm2(A*x - b)^2 + lam*norm1(x)")
 *         .over("x").data("A", rows).data("b", column).data("lam", 0.1)
 *         .solve();
 * s.solution().get("x");                      // a Tensor
 * }</pre>
 * Values are numbers (scalars), {@code double[]} (vectors), {@code double[][]} (matrices, by rows),
 * {@link DMatrixRMaj}, {@link DataValue} or {@link Tensor} (a solution's value); the kind of a
 * {@code double[]}, DataValue or Tensor is kept: a vector of length 1 stays a vector.
 * Every user error is a {@link SourceError} naming what is wrong; {@link #solve()} compiles the
 * problem once and runs the solver its constraints call for ({@link ProblemSolver}).
 */
public final class Optimization {
    private final String objective;
    private final Sense sense;
    private final List<String> over = new ArrayList<>();
    private final Map<String, Declaration> declarations = new LinkedHashMap<>();
    private final Set<String> psd = new LinkedHashSet<>();
    private final List<String> constraints = new ArrayList<>();
    private final Map<String, DMatrixRMaj> data = new LinkedHashMap<>();
    private final Map<String, DMatrixRMaj> start = new LinkedHashMap<>();
    private Double tolerance;
    private Integer maxIterations;
    private IterationListener listener;

    Optimization(String objective, Sense sense) {
        this.objective = java.util.Objects.requireNonNull(objective, "objective");
        this.sense = sense;
    }

    /** Minimizes {@code objective} (matcalc text; definitions may come first). */
    public static Optimization minimize(String objective) {
        return new Optimization(objective, Sense.MIN);
    }

    /** Maximizes {@code objective}: minimizes its negation, reporting the objective as written. */
    public static Optimization maximize(String objective) {
        return new Optimization(objective, Sense.MAX);
    }

    /** Variables to optimize over, in the order their entries are packed. */
    public Optimization over(String... variables) {
        over.addAll(List.of(variables));
        return this;
    }

    /** A shape declaration, as {@code --let} writes it: {@code "S:symmetric(n)"}, {@code "A:matrix(m,n)"}. */
    public Optimization let(String let) {
        Declaration.Let l = Declaration.parseLet(let);
        declarations.put(l.name(), l.declaration());
        return this;
    }

    /** Declares a parameter positive semidefinite (its data is checked). */
    public Optimization psd(String name) {
        psd.add(name);
        return this;
    }

    /** A constraint: {@code "A*x <= b"}, {@code "sum(x) == 1"}, {@code "x >= 0"}. */
    public Optimization subjectTo(String constraint) {
        constraints.add(constraint);
        return this;
    }

    /** The value of a parameter. */
    public Optimization data(String name, Object value) {
        data.put(name, matrix(name, value));
        return this;
    }

    /** Several parameters' values, as {@link dev.matcalc.data.DataSource#parseAll} reads them. */
    public Optimization data(Map<String, ?> values) {
        values.forEach(this::data);
        return this;
    }

    /** A start value of a variable; variables without one start where {@link dev.matcalc.problem.StartPoint} chooses. */
    public Optimization start(String name, Object value) {
        start.put(name, matrix(name, value));
        return this;
    }

    public Optimization start(Map<String, ?> values) {
        values.forEach(this::start);
        return this;
    }

    /** Relative projected-gradient tolerance (default 1e-6); also the constraint tolerance. */
    public Optimization tolerance(double tolerance) {
        this.tolerance = tolerance;
        return this;
    }

    public Optimization maxIterations(int maxIterations) {
        this.maxIterations = maxIterations;
        return this;
    }

    /** Told of every iteration, as it finishes. */
    public Optimization onIteration(IterationListener listener) {
        this.listener = listener;
        return this;
    }

    /** The problem as data, with the kinds of DataValues kept as declarations of undeclared names. */
    public Problem problem() {
        return new Problem(objective, sense, over, declarations, psd, constraints, data, start, null);
    }

    /** The options {@link #solve()} uses. */
    public Options options() {
        return ProblemSolver.options(tolerance, maxIterations, listener);
    }

    /** Compiles and solves the problem; user errors are {@link SourceError}s, a solver's failure is the result's status. */
    public Solution solve() {
        return ProblemSolver.solve(problem(), options());
    }

    /**
     * Solves with the columns of {@code rows} as further data, held in blocks (on a cluster: the
     * Spark module's backend opens one): the objective's row part runs where the rows are.
     */
    public Solution solve(dev.matcalc.problem.rows.RowTable rows) {
        return ProblemSolver.solve(problem(), rows, options());
    }

    private DMatrixRMaj matrix(String name, Object value) {
        if (value instanceof DataValue d && !declarations.containsKey(name))
            declarations.put(name, Problem.kindOf(d));         // the kind as the data wrote it
        if (value instanceof double[] && !declarations.containsKey(name))
            declarations.put(name, Declaration.ofKind(Declaration.Kind.VECTOR));
        if (value instanceof Tensor t && !declarations.containsKey(name))   // a solution's value fed back: its axes say the kind
            declarations.put(name, t.shape().length == 0 ? Declaration.SCALAR
                    : Declaration.ofKind(t.shape().length == 1 ? Declaration.Kind.VECTOR : Declaration.Kind.MATRIX));
        return Points.toMatrix(name, value);
    }
}
