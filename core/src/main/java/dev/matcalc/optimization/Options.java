package dev.matcalc.optimization;

/**
 * Solver settings. Build from {@link #defaults()} and the {@code with…} methods.
 *
 * <p>Stopping tests (each documented in {@code package-info}):
 * <ul>
 * <li>{@code tolerance}: ‖P(x − ∇f) − x‖∞ ≤ tolerance · max(1, |f|) (relative projected gradient),
 *     where |f| counts at most 10·max(1, |f(x₀)|): a function unbounded below must not pass the
 *     test merely because |f| outgrows its gradient (so from f(x₀) = 0 the test is absolute, as
 *     SciPy's {@code gtol} is).
 * <li>{@code decreaseTolerance}: (f_k − f_{k+1}) ≤ decreaseTolerance · max(|f_k|, |f_{k+1}|, 1), SciPy's
 *     {@code ftol = factr · eps}. The default 1e-15 (factr ≈ 4.5, SciPy's "extremely high
 *     accuracy") makes it a guard against stagnation at rounding level, so that the gradient test
 *     normally decides; SciPy's default is 2.2e-9, which often stops first with a projected
 *     gradient well above 1e-6. 0 switches the test off.
 * <li>{@code constraintTolerance}: the augmented Lagrangian stops when every g_i(x) ≤ tol, |h_j(x)| ≤ tol
 *     and complementarity |min(−g_i, λ_i)| ≤ tol hold (absolute).
 * </ul>
 *
 * @param tolerance           relative projected-gradient tolerance, default 1e-6
 * @param maxIterations       iteration limit (for the augmented Lagrangian: inner iterations in all), default 10 000
 * @param memory              L-BFGS memory m (correction pairs kept), default 10
 * @param method              which algorithm {@link Solvers} runs, default {@link Method#AUTO}
 * @param listener            told of every iteration, or null
 * @param decreaseTolerance   relative-decrease tolerance, default 1e-15
 * @param constraintTolerance constraint violation tolerance, default 1e-6
 */
public record Options(double tolerance, int maxIterations, int memory, Method method, IterationListener listener,
                      double decreaseTolerance, double constraintTolerance) {
    public Options {
        if (!(tolerance >= 0) || tolerance == Double.POSITIVE_INFINITY) throw new IllegalArgumentException("options: tolerance must be ≥ 0 and finite, not " + tolerance);
        if (maxIterations < 0) throw new IllegalArgumentException("options: maxIterations must be ≥ 0, not " + maxIterations);
        if (memory < 1) throw new IllegalArgumentException("options: memory must be ≥ 1, not " + memory);
        if (method == null) throw new IllegalArgumentException("options: method is missing");
        if (!(decreaseTolerance >= 0) || decreaseTolerance == Double.POSITIVE_INFINITY) throw new IllegalArgumentException("options: decreaseTolerance must be ≥ 0 and finite, not " + decreaseTolerance);
        if (!(constraintTolerance > 0) || constraintTolerance == Double.POSITIVE_INFINITY) throw new IllegalArgumentException("options: constraintTolerance must be > 0 and finite, not " + constraintTolerance);
    }

    /** The five settings of the original API; the other two take their defaults. */
    public Options(double tolerance, int maxIterations, int memory, Method method, IterationListener listener) {
        this(tolerance, maxIterations, memory, method, listener, DEFAULT_DECREASE_TOLERANCE, DEFAULT_CONSTRAINT_TOLERANCE);
    }

    static final double DEFAULT_DECREASE_TOLERANCE = 1e-15;
    static final double DEFAULT_CONSTRAINT_TOLERANCE = 1e-6;

    public static Options defaults() {
        return new Options(1e-6, 10_000, 10, Method.AUTO, null);
    }

    public Options withTolerance(double t) {
        return new Options(t, maxIterations, memory, method, listener, decreaseTolerance, constraintTolerance);
    }

    public Options withMaxIterations(int k) {
        return new Options(tolerance, k, memory, method, listener, decreaseTolerance, constraintTolerance);
    }

    public Options withMemory(int m) {
        return new Options(tolerance, maxIterations, m, method, listener, decreaseTolerance, constraintTolerance);
    }

    public Options withMethod(Method m) {
        return new Options(tolerance, maxIterations, memory, m, listener, decreaseTolerance, constraintTolerance);
    }

    public Options withListener(IterationListener l) {
        return new Options(tolerance, maxIterations, memory, method, l, decreaseTolerance, constraintTolerance);
    }

    public Options withDecreaseTolerance(double t) {
        return new Options(tolerance, maxIterations, memory, method, listener, t, constraintTolerance);
    }

    public Options withConstraintTolerance(double t) {
        return new Options(tolerance, maxIterations, memory, method, listener, decreaseTolerance, t);
    }
}
