package dev.matcalc.optimization;

/**
 * The front door: runs the method {@link Options#method()} names.
 *
 * <p><b>The AUTO rule.</b> Without a Hessian-vector product, L-BFGS-B. With one, L-BFGS-B first
 * (cheap iterations, usually enough); it hands over to Newton-CG, from its current point and with
 * the remaining iteration budget, when progress is slow: from iteration {@value #WARMUP} on, the
 * best projected-gradient norm of the last {@value #WINDOW} iterations is not {@value #FACTOR}×
 * below the best before them. {@link Result#method()} then reads "L-BFGS-B, then Newton-CG" and
 * the message says when and why.
 *
 * <p>What it buys, measured on n = 100 (iterations; work = evaluations + Hessian-vector products):
 * on quadratics with condition number 10⁴–10⁶ AUTO needs 30–40 iterations where L-BFGS-B needs
 * 700–4500, and 1.4–2.1× less work; on Rosenbrock's curved valley (slow progress at a
 * condition number of a few hundred) it halves the iterations but costs about 4× the work. A cheap
 * condition estimate would spare the latter, but the estimates tried (Lanczos from the gradient,
 * the curvature of the L-BFGS pairs) missed the small eigenvalues by orders of magnitude, and a
 * one-iteration Newton trial judged per unit of work chose wrongly both ways; so the rule is
 * the one observable that does not mislead: slow progress, with a Hessian-vector product at hand.
 */
public final class Solvers {
    static final int WARMUP = 20, WINDOW = 10;
    static final double FACTOR = 10;

    private Solvers() {
    }

    public static Result minimize(DifferentiableFunction f, double[] x0, Bounds bounds, Options options) {
        return switch (options.method()) {
            case LBFGSB -> LbfgsB.minimize(f, x0, bounds, options);
            case NEWTON_CG -> NewtonCg.minimize(f, x0, bounds, options);
            case AUTO -> automatic(f, x0, bounds, options);
        };
    }

    /** Constrained problems: the {@link AugmentedLagrangian}, whose inner solves use {@code options.method()}. */
    public static Result minimize(ConstrainedProblem problem, double[] x0, Bounds bounds, Options options) {
        return AugmentedLagrangian.minimize(problem, x0, bounds, options);
    }

    private static Result automatic(DifferentiableFunction f, double[] x0, Bounds bounds, Options options) {
        if (!f.hasHessianVectorProduct()) return LbfgsB.minimize(f, x0, bounds, options);
        Run.check(f, x0, bounds, options);
        Result empty = Run.emptyBox(x0, bounds, LbfgsB.NAME);
        if (empty != null) return empty;
        Run run = new Run(f, x0, bounds, options);
        Result first = LbfgsB.run(run, x0, new SlowProgress());
        if (!run.handedOver) return first;
        Result second = NewtonCg.run(run, first.x(), ProgressMonitor.NEVER);
        return new Result(second.status(), second.x(), second.objective(), second.iterations(), second.evaluations(),
                second.optimality(), second.violation(), LbfgsB.NAME + ", then " + NewtonCg.NAME,
                second.message() + " (Newton-CG took over at iteration " + first.iterations() + ": " + run.handOverReason + ")",
                second.hessianVectorProducts());
    }

    /** The slow-progress test of the AUTO rule, over a ring of the last WINDOW + 1 best-so-far values. */
    private static final class SlowProgress implements ProgressMonitor {
        private final double[] bestSoFar = new double[WINDOW + 1];
        private double best = Double.POSITIVE_INFINITY;

        @Override
        public String handOver(Run run, double f, double optimality) {
            int iteration = run.iterations;
            best = Math.min(best, optimality);
            bestSoFar[iteration % (WINDOW + 1)] = best;
            if (iteration < WARMUP) return null;
            double before = bestSoFar[(iteration - WINDOW) % (WINDOW + 1)];
            return best > before / FACTOR
                    ? "slow progress, projected gradient only " + Run.fmt(before) + " → " + Run.fmt(best) + " in the last " + WINDOW + " iterations"
                    : null;
        }
    }
}
