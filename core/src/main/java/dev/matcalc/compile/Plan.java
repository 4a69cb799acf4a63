package dev.matcalc.compile;

import dev.matcalc.expr.Expr;
import dev.matcalc.numeric.Evaluator;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Expressions compiled for one set of sizes: steps in dependency order over buffers allocated once.
 * Not thread-safe: the buffers are reused by every run. Results are valid until the next run.
 */
public final class Plan {
    private final List<Step> steps;
    private final List<Step> dependent;
    private final Map<String, Step> inputs;
    private final List<Step> roots;

    Plan(List<Step> steps, Map<String, Step> inputs, List<Step> roots) {
        this.steps = List.copyOf(steps);
        this.dependent = steps.stream().filter(s -> s.dependent).toList();
        this.inputs = inputs;
        this.roots = List.copyOf(roots);
    }

    /**
     * Compiles {@code roots} for the sizes of {@code at} (an evaluator bound to values of every
     * variable; differential variables, the directions, get values later by {@link #set}).
     */
    public static Plan compile(List<Expr> roots, Evaluator at) {
        return new PlanBuilder(at).build(roots);
    }

    /** Sets a variable (a value or a direction): the matrix is read, never written, by later runs. */
    public Plan set(String name, DMatrixRMaj value) {
        Step in = inputs.get(name);
        if (in == null) return this; // a variable the compiled expressions do not need
        if (value.numRows != in.rows || value.numCols != in.cols)
            throw new IllegalArgumentException(name + " is " + value.numRows + "×" + value.numCols
                    + " but the plan was compiled for " + in.rows + "×" + in.cols);
        if (in.sparse != value instanceof dev.matcalc.numeric.SparseMatrix)
            throw new IllegalArgumentException(name + " is " + (in.sparse ? "dense" : "sparse") + " but the plan was compiled for a "
                    + (in.sparse ? "sparse" : "dense") + " value");
        in.out = value;
        return this;
    }

    public Plan setAll(Map<String, DMatrixRMaj> values) {
        values.forEach(this::set);
        return this;
    }

    /**
     * body() with the plans it runs kept on the calling thread: for callers that already run one
     * task per core (Spark's tasks, each evaluating its own blocks), where a plan splitting its
     * loops over the cores would only make the tasks wait for each other.
     */
    public static <T> T onOneThread(java.util.function.Supplier<T> body) {
        return Parallel.onOneThread(body);
    }

    /** The value input {@code name} reads now, or null (for tests). */
    DMatrixRMaj input(String name) {
        Step in = inputs.get(name);
        return in == null ? null : in.out;
    }

    /** Runs every step. */
    public Plan run() {
        for (Step s : steps) s.kernel.run(s);
        return this;
    }

    /** Reruns only the steps that depend on a direction (after {@link #run()} and a new direction). */
    public Plan runDependent() {
        for (Step s : dependent) s.kernel.run(s);
        return this;
    }

    /**
     * Runs every step with root {@code i} written straight into {@code into} (row-major, its
     * rows·cols entries): no result buffer to allocate or copy for a caller that keeps its own.
     */
    public Plan runInto(int i, double[] into) {
        Step root = roots.get(i);
        if (into.length != root.rows * root.cols)
            throw new IllegalArgumentException("the result has " + root.rows * root.cols + " entries; the array given has " + into.length);
        if (!root.owned) { // an input or a constant: nothing to compute into
            run();
            System.arraycopy(root.out.data, 0, into, 0, into.length);
            return this;
        }
        DMatrixRMaj own = root.out;
        root.out = DMatrixRMaj.wrap(root.rows, root.cols, into); // kernels write self.out, read their inputs'
        try {
            run();
        } finally {
            root.out = own;
        }
        return this;
    }

    /** The number of entries of root {@code i} (rows·cols). */
    public int entries(int i) {
        return roots.get(i).rows * roots.get(i).cols;
    }

    /** The value of root {@code i}: a plan buffer (or an input), overwritten by the next run. */
    public DMatrixRMaj result(int i) {
        return roots.get(i).out;
    }

    /**
     * Runs the plan {@code runs} times (at least once) timing each step: the steps as {@link #describe}
     * gives them, each followed by its average time in microseconds. For finding what a plan spends
     * its time on; the inputs must be set first.
     */
    public List<String> profile(int runs) {
        long[] nanos = new long[steps.size()];
        for (int r = 0; r < Math.max(1, runs); r++)
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                long t = System.nanoTime();
                s.kernel.run(s);
                nanos[i] += System.nanoTime() - t;
            }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++)
            lines.add(String.format(java.util.Locale.ROOT, "%-50s %10.1f µs", steps.get(i), nanos[i] / 1e3 / Math.max(1, runs)));
        return Collections.unmodifiableList(lines);
    }

    /** The steps, one per line: what the plan does (for tests and curious users). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Step s : steps) lines.add(s.toString());
        return Collections.unmodifiableList(lines);
    }
}
