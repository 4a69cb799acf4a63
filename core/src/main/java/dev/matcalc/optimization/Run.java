package dev.matcalc.optimization;

/**
 * One solve's bookkeeping, shared by the drivers (and carried across a method switch): the
 * counted function, the box, the options, the iteration count, the clock and the stopping tests
 * every driver applies the same way.
 */
final class Run {
    /**
     * ‖x‖∞ beyond this (times max(1, ‖x₀‖∞)) means the iterates diverge: 1/ε, where a step at the
     * starting point's scale no longer changes x in floating point.
     */
    static final double DIVERGENCE = 1 / Math.ulp(1.0);
    /** |f| counts as a scale up to this multiple of max(1, |f(x₀)|). */
    static final double SCALE_GROWTH = 10;

    final Objective objective;
    final Options options;
    final double[] lower, upper;
    final long startNanos = System.nanoTime();
    final double divergenceLimit;
    int iterations;
    private double scaleCap = Double.NaN;
    /** Set by a driver that stopped because its {@link ProgressMonitor} asked it to hand over. */
    boolean handedOver;
    String handOverReason = "";

    Run(DifferentiableFunction f, double[] x0, Bounds bounds, Options options) {
        this.objective = new Objective(f);
        this.options = options;
        this.lower = bounds.lower();
        this.upper = bounds.upper();
        this.divergenceLimit = DIVERGENCE * Math.max(1, Box.normInf(x0));
    }

    /** The argument checks every entry point makes; they are programming errors, not solver outcomes. */
    static void check(DifferentiableFunction f, double[] x0, Bounds bounds, Options options) {
        if (f == null || x0 == null || bounds == null || options == null) throw new IllegalArgumentException("minimize: function, start, bounds and options are all required");
        int n = f.dimension();
        if (x0.length != n) throw new IllegalArgumentException("minimize: the start has " + x0.length + " entries but the function has dimension " + n);
        if (bounds.dimension() != n) throw new IllegalArgumentException("minimize: the bounds have dimension " + bounds.dimension() + " but the function has dimension " + n);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x0[i])) throw new IllegalArgumentException("minimize: start coordinate " + i + " is " + x0[i]);
        }
    }

    /** INFEASIBLE for an empty box, else null. */
    static Result emptyBox(double[] x0, Bounds bounds, String method) {
        int i = bounds.firstEmptyCoordinate();
        if (i < 0) return null;
        double gap = 0;
        for (int j = 0; j < x0.length; j++) gap = Math.max(gap, bounds.lower()[j] - bounds.upper()[j]);
        return new Result(Status.INFEASIBLE, x0.clone(), Double.NaN, 0, 0, Double.NaN, gap, method,
                "the bounds are empty: lower bound " + bounds.lower()[i] + " > upper bound " + bounds.upper()[i] + " at coordinate " + i);
    }

    /**
     * Fixes the cap on |f| as a scale from f at the start (the first call counts, so a method
     * switch keeps it): a function unbounded below would otherwise pass the relative gradient test
     * by its own size, its gradient growing slower than f.
     */
    void anchor(double f0) {
        if (Double.isNaN(scaleCap) && Double.isFinite(f0)) scaleCap = SCALE_GROWTH * Math.max(1, Math.abs(f0));
    }

    /** max(1, |f|) with |f| capped at {@value #SCALE_GROWTH}·max(1, |f(x₀)|). */
    double scale(double f) {
        return Math.max(1, Double.isNaN(scaleCap) ? Math.abs(f) : Math.min(Math.abs(f), scaleCap));
    }

    boolean gradientSmall(double optimality, double f) {
        return optimality <= options.tolerance() * scale(f);
    }

    /** Approximate-Wolfe steps in a row without a new best projected gradient that end a solve. */
    static final int FLAT_LIMIT = 100;
    private int flatSteps;
    private double flatBest = Double.POSITIVE_INFINITY;

    /**
     * The stopping test after a step accepted on the approximate Wolfe conditions (f flat at its
     * rounding level, so the relative-decrease test would stop at once): true once
     * {@value #FLAT_LIMIT} such steps in a row have not improved the projected gradient.
     */
    boolean flatAndStalled(boolean approximateStep, double optimality) {
        if (!approximateStep) {
            flatSteps = 0;
            flatBest = Double.POSITIVE_INFINITY;
            return false;
        }
        if (optimality < flatBest) {
            flatBest = optimality;
            flatSteps = 0;
        } else {
            flatSteps++;
        }
        return flatSteps >= FLAT_LIMIT;
    }

    String flatMessage(double optimality) {
        return "f is flat at its rounding level and " + FLAT_LIMIT + " steps taken on the gradient alone did not lower the projected gradient "
                + fmt(optimality) + " further";
    }

    boolean decreaseSmall(double fOld, double f) {
        double scale = Math.max(1, Math.max(Math.abs(fOld), Math.abs(f)));
        return fOld >= f && fOld - f <= options.decreaseTolerance() * scale;
    }

    String gradientMessage(double optimality, double f) {
        return "projected gradient " + fmt(optimality) + " ≤ " + fmt(options.tolerance() * scale(f)) + " = " + fmt(options.tolerance()) + "·max(1, |f|)";
    }

    String decreaseMessage(double fOld, double f, double optimality) {
        double scale = Math.max(1, Math.max(Math.abs(fOld), Math.abs(f)));
        return "relative decrease of f " + fmt((fOld - f) / scale) + " ≤ " + fmt(options.decreaseTolerance()) + " (projected gradient " + fmt(optimality) + ")";
    }

    boolean outOfIterations() {
        return iterations >= options.maxIterations();
    }

    boolean diverged(double[] x) {
        return Box.normInf(x) > divergenceLimit;
    }

    void reportIteration(double f, double optimality, double step) {
        iterations++;
        IterationListener listener = options.listener();
        if (listener != null) {
            listener.onIteration(new Iteration(iterations, f, optimality, step, objective.evaluations, System.nanoTime() - startNanos));
        }
    }

    /** The stop every driver checks at the top of an iteration, or null to go on. */
    Result limits(double[] x, double f, double optimality, String method) {
        if (outOfIterations()) return result(Status.ITERATION_LIMIT, x, f, optimality, method, "iteration limit " + options.maxIterations() + " reached; projected gradient " + fmt(optimality));
        if (Thread.currentThread().isInterrupted()) return result(Status.FAILED, x, f, optimality, method, "interrupted");
        return null;
    }

    Result result(Status status, double[] x, double f, double optimality, String method, String message) {
        return new Result(status, x.clone(), f, iterations, objective.evaluations, optimality, 0, method, message, objective.hessianProducts);
    }

    Result unbounded(double[] x, String method) {
        return result(Status.UNBOUNDED, x, Double.NEGATIVE_INFINITY, Double.NaN, method, "f fell below " + fmt(Objective.UNBOUNDED_BELOW) + ": unbounded below");
    }

    Result divergence(double[] x, double f, double optimality, String method) {
        return result(Status.UNBOUNDED, x, f, optimality, method, "the iterates diverge (‖x‖∞ = " + fmt(Box.normInf(x)) + ") while f decreases: unbounded below");
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
