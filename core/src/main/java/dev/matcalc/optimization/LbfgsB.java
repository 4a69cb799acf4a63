package dev.matcalc.optimization;

/**
 * L-BFGS-B: limited-memory BFGS for min f(x) subject to l ≤ x ≤ u (Byrd, Lu, Nocedal &amp; Zhu,
 * "A limited memory algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16(5),
 * 1995; with the subspace projection of Morales &amp; Nocedal, ACM TOMS 38(1), 2011).
 *
 * <p>Each iteration: the generalized Cauchy point x^c along the projected gradient path
 * ({@link CauchyPoint}), a quasi-Newton step over the coordinates still free there
 * ({@link SubspaceMinimization}) giving x̄, and a strong-Wolfe line search from x toward x̄
 * ({@link LineSearch}, Moré–Thuente). The pair (s, y) joins the {@link CompactLbfgs} memory when
 * s'y &gt; ε·(−∇f'd)·α (otherwise it is skipped). When the search direction is not a descent
 * direction, the line search finds no lower f, or a factorization fails, the memory is emptied
 * and the iteration retried from steepest descent; only a failure from an empty memory ends the
 * solve. As in the reference implementation, the first iteration tries α = min(1/‖d‖₂, 1) (1 for
 * a fully boxed problem) with steps capped at 1 when there are bounds; later iterations try α = 1
 * and may go up to the box's edge.
 *
 * <p>Stops (checked in this order after every iteration): ‖x‖∞ beyond max(1, ‖x₀‖∞)/ε ≈ 4.5·10¹⁵
 * times (UNBOUNDED: the iterates diverge, and steps at the start's scale would vanish in
 * rounding); projected gradient
 * ≤ tol·max(1, |f|) (OPTIMAL); relative decrease ≤ decreaseTolerance (OPTIMAL), or, after steps
 * accepted on the approximate Wolfe conditions (where f's changes are rounding noise), 100 such
 * steps in a row without a better projected gradient (OPTIMAL); at the next iteration's start, the
 * iteration limit (ITERATION_LIMIT).
 *
 * <p>Work per iteration O(mn) plus O(m²) per Cauchy breakpoint passed and O(m²·min(|F|, |A|)) in
 * the subspace step; all arrays are allocated once per solve.
 */
public final class LbfgsB {
    static final String NAME = "L-BFGS-B";
    static final int LINE_SEARCH_EVALUATIONS = 20;
    private static final double EPS = Math.ulp(1.0);

    private LbfgsB() {
    }

    public static Result minimize(DifferentiableFunction f, double[] x0, Bounds bounds, Options options) {
        Run.check(f, x0, bounds, options);
        Result empty = Run.emptyBox(x0, bounds, NAME);
        return empty != null ? empty : run(new Run(f, x0, bounds, options), x0, ProgressMonitor.NEVER);
    }

    static Result run(Run run, double[] start, ProgressMonitor monitor) {
        Objective objective = run.objective;
        int n = objective.n, m = run.options.memory();
        double[] l = run.lower, u = run.upper;
        double[] x = start.clone(), g = new double[n], d = new double[n], s = new double[n], y = new double[n];
        Box.project(x, l, u);
        CompactLbfgs memory = new CompactLbfgs(n, m);
        CauchyPoint cauchy = new CauchyPoint(n, m);
        SubspaceMinimization subspace = new SubspaceMinimization(n, m);
        LineSearch search = new LineSearch(n);
        boolean constrained = Box.anyBound(l, u), boxed = Box.boxed(l, u);

        double f = objective.evaluate(x, g);
        if (f == Double.NEGATIVE_INFINITY) return run.unbounded(x, NAME);
        if (Double.isNaN(f)) return run.result(Status.FAILED, x, f, Double.NaN, NAME, "f or its gradient is not finite at the starting point");
        run.anchor(f);
        double optimality = Box.projectedGradientNorm(x, g, l, u);
        boolean first = true;
        while (true) {
            if (run.gradientSmall(optimality, f)) return run.result(Status.OPTIMAL, x, f, optimality, NAME, run.gradientMessage(optimality, f));
            Result stop = run.limits(x, f, optimality, NAME);
            if (stop != null) return stop;

            cauchy.compute(x, g, l, u, memory);
            if (!subspace.compute(x, g, l, u, cauchy, memory)) {
                memory.reset();
                continue;
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                d[i] = subspace.xBar[i] - x[i];
                slope += g[i] * d[i];
            }
            if (!(slope < 0)) {
                if (memory.size() > 0) {
                    memory.reset();
                    continue;
                }
                return run.result(Status.FAILED, x, f, optimality, NAME, "no descent direction found (projected gradient " + Run.fmt(optimality) + "); rounding errors dominate");
            }
            double feasibleMax = first && constrained ? 1 : Box.maxStep(x, d, l, u);
            double firstStep = first && !boxed ? Math.min(1 / Box.norm2(d), feasibleMax) : 1;
            LineSearch.Outcome outcome = search.search(objective, x, f, d, slope, firstStep, feasibleMax, l, u, subspace.xBar, LINE_SEARCH_EVALUATIONS);
            switch (outcome) {
                case UNBOUNDED -> {
                    return run.unbounded(search.x, NAME);
                }
                case NO_DECREASE -> {
                    if (memory.size() > 0) {
                        memory.reset();
                        continue;
                    }
                    return run.result(Status.FAILED, x, f, optimality, NAME, "the line search found no lower f along a descent direction (projected gradient "
                            + Run.fmt(optimality) + "); x is the best point found");
                }
                case WOLFE, DECREASE, APPROXIMATE_WOLFE -> {
                }
            }
            first = false;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[i] = search.x[i] - x[i];
                y[i] = search.g[i] - g[i];
                sy += s[i] * y[i];
            }
            if (sy > EPS * -slope * search.step) memory.add(s, y);
            double fOld = f;
            f = search.f;
            System.arraycopy(search.x, 0, x, 0, n);
            System.arraycopy(search.g, 0, g, 0, n);
            optimality = Box.projectedGradientNorm(x, g, l, u);
            run.reportIteration(f, optimality, Box.normInf(s));

            if (run.diverged(x)) return run.divergence(x, f, optimality, NAME);
            if (run.gradientSmall(optimality, f)) continue;
            boolean approximate = outcome == LineSearch.Outcome.APPROXIMATE_WOLFE;
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
}
