package dev.matcalc.optimization;

/**
 * Truncated Newton (Newton–CG) for min f(x) subject to l ≤ x ≤ u, in the projected-Newton form
 * of Bertsekas ("Projected Newton methods for optimization problems with simple constraints",
 * SIAM J. Control Optim. 20(2), 1982) with the inner solve of Nocedal &amp; Wright, Algorithm 7.1.
 *
 * <p>Each iteration splits the coordinates: ε-active ones, within ε = min(10⁻³, ‖P(x − ∇f) − x‖∞)
 * of a bound with the gradient pushing outward (and every l_i = u_i), move by −∇f_i (or not at
 * all when already on the bound); the free ones take the Newton step ∇²f_FF·p = −∇f_F, solved by
 * {@link ConjugateGradient} to ‖r‖ ≤ max(η‖∇f_F‖, ½·tol·max(1, |f|)) with the forcing term
 * η = min(½, √‖∇f_F‖) (superlinear convergence, N&amp;W Theorem 7.2) and at most min(2n, 1000)
 * products. If the whole step stays in the box, the strong-Wolfe {@link LineSearch} runs along it
 * (so negative curvature and unboundedness are handled as in L-BFGS-B); otherwise an Armijo
 * backtracking search along the projection arc P(x + α·d) accepts
 * f(P(x + αd)) ≤ f(x) + 10⁻⁴·∇f'(P(x + αd) − x). If neither finds a lower f, the projected
 * gradient direction is tried before the solve fails.
 *
 * <p>Without a Hessian-vector product the products are forward differences of gradients
 * (one evaluation each). Stopping tests as {@link LbfgsB}.
 */
public final class NewtonCg {
    static final String NAME = "Newton-CG";
    private static final double ACTIVE_EPSILON = 1e-3, ARMIJO = 1e-4;
    private static final int BACKTRACKS = 40;

    private NewtonCg() {
    }

    public static Result minimize(DifferentiableFunction f, double[] x0, Bounds bounds, Options options) {
        Run.check(f, x0, bounds, options);
        Result empty = Run.emptyBox(x0, bounds, NAME);
        return empty != null ? empty : run(new Run(f, x0, bounds, options), x0, ProgressMonitor.NEVER);
    }

    static Result run(Run run, double[] start, ProgressMonitor monitor) {
        Objective objective = run.objective;
        int n = objective.n;
        double[] l = run.lower, u = run.upper;
        double[] x = start.clone(), g = new double[n], d = new double[n], xTrial = new double[n], gTrial = new double[n];
        boolean[] free = new boolean[n];
        Box.project(x, l, u);
        ConjugateGradient cg = new ConjugateGradient(n);
        LineSearch search = new LineSearch(n);
        int cgLimit = Math.min(2 * n, 1000);

        double f = objective.evaluate(x, g);
        if (f == Double.NEGATIVE_INFINITY) return run.unbounded(x, NAME);
        if (Double.isNaN(f)) return run.result(Status.FAILED, x, f, Double.NaN, NAME, "f or its gradient is not finite at the starting point");
        run.anchor(f);
        double optimality = Box.projectedGradientNorm(x, g, l, u);
        while (true) {
            if (run.gradientSmall(optimality, f)) return run.result(Status.OPTIMAL, x, f, optimality, NAME, run.gradientMessage(optimality, f));
            Result stop = run.limits(x, f, optimality, NAME);
            if (stop != null) return stop;

            double epsilon = Math.min(ACTIVE_EPSILON, optimality), freeNorm2 = 0;
            for (int i = 0; i < n; i++) {
                free[i] = !(l[i] == u[i] || (x[i] - l[i] <= epsilon && g[i] > 0) || (u[i] - x[i] <= epsilon && g[i] < 0));
                if (free[i]) freeNorm2 += g[i] * g[i];
            }
            double freeNorm = Math.sqrt(freeNorm2);
            double cgTolerance = Math.max(Math.min(0.5, Math.sqrt(freeNorm)) * freeNorm, 0.5 * run.options.tolerance() * Math.max(1, Math.abs(f)));
            cg.solve(objective, x, g, free, cgTolerance, cgLimit);

            double fOld = f;
            boolean moved = false, approximate = false;
            for (int attempt = 0; attempt < 2 && !moved; attempt++) {
                boolean newton = attempt == 0;
                for (int i = 0; i < n; i++) {
                    boolean outward = (x[i] <= l[i] && g[i] > 0) || (x[i] >= u[i] && g[i] < 0) || l[i] == u[i];
                    d[i] = outward ? 0 : (newton && free[i] ? cg.p[i] : -g[i]);
                }
                double slope = Box.dot(g, d);
                if (!(slope < 0)) continue;
                double feasibleMax = Box.maxStep(x, d, l, u);
                if (feasibleMax >= 1) {
                    LineSearch.Outcome outcome = search.search(objective, x, f, d, slope, 1, feasibleMax, l, u, null, LbfgsB.LINE_SEARCH_EVALUATIONS);
                    if (outcome == LineSearch.Outcome.UNBOUNDED) return run.unbounded(search.x, NAME);
                    if (outcome == LineSearch.Outcome.NO_DECREASE) continue;
                    approximate = outcome == LineSearch.Outcome.APPROXIMATE_WOLFE;
                    f = search.f;
                    System.arraycopy(search.x, 0, xTrial, 0, n);
                    System.arraycopy(search.g, 0, gTrial, 0, n);
                } else {
                    double fArc = arcSearch(objective, x, f, g, d, l, u, xTrial, gTrial);
                    if (fArc == Double.NEGATIVE_INFINITY) return run.unbounded(xTrial, NAME);
                    if (Double.isNaN(fArc)) continue;
                    f = fArc;
                }
                moved = true;
            }
            if (!moved) {
                return run.result(Status.FAILED, x, f, optimality, NAME, "no lower f along the Newton or the projected gradient direction (projected gradient "
                        + Run.fmt(optimality) + "); x is the best point found");
            }
            double step = Box.distanceInf(xTrial, x);
            double[] t = x;
            x = xTrial;
            xTrial = t;
            t = g;
            g = gTrial;
            gTrial = t;
            optimality = Box.projectedGradientNorm(x, g, l, u);
            run.reportIteration(f, optimality, step);

            if (run.diverged(x)) return run.divergence(x, f, optimality, NAME);
            if (run.gradientSmall(optimality, f)) continue;
            if (run.flatAndStalled(approximate, optimality)) return run.result(Status.OPTIMAL, x, f, optimality, NAME, run.flatMessage(optimality));
            double fNew = approximate ? fOld - search.decrease : f;
            if (run.decreaseSmall(fOld, fNew)) return run.result(Status.OPTIMAL, x, f, optimality, NAME, run.decreaseMessage(fOld, fNew, optimality));
            String handOver = monitor.handOver(run, f, optimality);
            if (handOver != null) {
                run.handedOver = true;
                run.handOverReason = handOver;
                return run.result(Status.ITERATION_LIMIT, x, f, optimality, NAME, handOver);
            }
        }
    }

    /**
     * Armijo backtracking along P(x + α·d), α = 1, ½, ¼, …; writes the point into xTrial, gTrial and
     * returns its f, NaN when none was accepted, −∞ when f is unbounded below.
     */
    private static double arcSearch(Objective objective, double[] x, double f, double[] g, double[] d,
                                    double[] l, double[] u, double[] xTrial, double[] gTrial) {
        double alpha = 1;
        for (int k = 0; k < BACKTRACKS; k++, alpha *= 0.5) {
            Box.move(x, d, alpha, l, u, xTrial);
            double fTrial = objective.evaluate(xTrial, gTrial);
            if (fTrial == Double.NEGATIVE_INFINITY) return fTrial;
            if (Double.isNaN(fTrial)) continue;
            double predicted = 0;
            for (int i = 0; i < x.length; i++) predicted += g[i] * (xTrial[i] - x[i]);
            if (predicted < 0 && fTrial <= f + ARMIJO * predicted) return fTrial;
        }
        return Double.NaN;
    }
}
