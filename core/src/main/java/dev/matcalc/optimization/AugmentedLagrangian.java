package dev.matcalc.optimization;

/**
 * The augmented Lagrangian method for min f(x) s.t. g(x) ≤ 0, h(x) = 0, l ≤ x ≤ u (Nocedal &amp;
 * Wright, Framework 17.3 and §17.4; with the safeguards and penalty rule of Birgin &amp; Martínez,
 * <i>Practical Augmented Lagrangian Methods for Constrained Optimization</i>, SIAM 2014, Algorithm
 * 4.1, as GENO uses them). The bounds stay with the inner solver; only g and h are penalized.
 *
 * <p>Outer iteration k: minimize L_ρ(·; λ, μ) (see {@link ConstrainedProblem}) over the box from
 * the last x with {@link Solvers#minimize} to the inner tolerance ε_k = max(tol, 10⁻³/10^k), its
 * value shifted by −(‖λ‖² + ‖μ‖²)/(2ρ) so that the relative stopping tests see the objective's
 * scale; then
 * <pre>
 *   λ ← min(max(0, λ + ρ·g(x)), 10²⁰),   μ ← clamp(μ + ρ·h(x), ±10²⁰)    (first-order update, N&amp;W 17.39)
 *   ρ ← 10·ρ  when  max(‖h‖∞, ‖max(g, −λ_old/ρ)‖∞) &gt; ½ of its previous value
 * </pre>
 * starting from λ = μ = 0 and ρ₀ = max(10⁻⁶, min(10, 2·max(1, |f(x₀)|)/max(1, ‖g(x₀)₊‖² + ‖h(x₀)‖²))).
 *
 * <p>Stops: OPTIMAL when the inner solve met the final tolerance and every g_i ≤ ctol, |h_j| ≤ ctol
 * and |min(−g_i, λ_i)| ≤ ctol (complementarity); INFEASIBLE when the violation fell by less than
 * 10% on each of the last {@value #STALLS} penalty increases while the penalty term
 * ρ/2·(‖g₊‖² + ‖h‖²) outweighs max(1, |f|) a million times (f no longer matters to the inner solve,
 * so the iterates approach a minimizer of the infeasibility, not a feasible point), or when ρ
 * passes 10²⁰. The second condition keeps a feasible problem with very large multipliers (a thin
 * feasible set: the violation shrinks only once ρ nears the multiplier over the violation) from being
 * called infeasible. UNBOUNDED when L_ρ is unbounded
 * below (with the quadratic penalty that means f is unbounded on the feasible set, or the
 * constraints grow slower than f decreases); ITERATION_LIMIT after the inner iteration budget
 * or {@value #MAX_OUTER} outer iterations. The multipliers come back in {@link ConstrainedResult}.
 */
public final class AugmentedLagrangian {
    static final int MAX_OUTER = 100, STALLS = 4;
    private static final double MULTIPLIER_MAX = 1e20, PENALTY_MAX = 1e20, GROWTH = 10, SHRINK_REQUIRED = 0.5, STALL_RATIO = 0.9, DOMINANCE = 1e6;

    private AugmentedLagrangian() {
    }

    public static Result minimize(ConstrainedProblem problem, double[] x0, Bounds bounds, Options options) {
        return solve(problem, x0, bounds, options).result();
    }

    public static ConstrainedResult solve(ConstrainedProblem problem, double[] x0, Bounds bounds, Options options) {
        int n = problem.dimension(), p = problem.inequalities(), q = problem.equalities();
        Run.check(problem.objective(), x0, bounds, options);
        if (n != problem.objective().dimension()) throw new IllegalArgumentException("constrained problem: dimension " + n + " but the objective has dimension " + problem.objective().dimension());
        double[] lambda = new double[p], mu = new double[q], g = new double[p], h = new double[q];
        String name = "augmented Lagrangian";
        Result empty = Run.emptyBox(x0, bounds, name);
        if (empty != null) return new ConstrainedResult(empty, lambda, mu, 0, 0);

        double[] x = x0.clone(), gradient = new double[n];
        Box.project(x, bounds.lower(), bounds.upper());
        long start = System.nanoTime();
        int iterations = 0, evaluations = 0, hessianProducts = 0;
        double f0 = problem.objective().valueAndGradient(x, gradient);
        evaluations++;
        problem.constraints(x, g, h);
        double violation = violation(g, h);
        if (!Double.isFinite(f0) || !Double.isFinite(violation)) {
            Result r = new Result(Status.FAILED, x, f0, 0, evaluations, Double.NaN, violation, name, "f or a constraint is not finite at the starting point");
            return new ConstrainedResult(r, lambda, mu, 0, 0);
        }
        double sumSquares = 0;
        for (double gi : g) sumSquares += Math.max(0, gi) * Math.max(0, gi);
        for (double hj : h) sumSquares += hj * hj;
        double rho = Math.max(1e-6, Math.min(10, 2 * Math.max(1, Math.abs(f0)) / Math.max(1, sumSquares)));
        double innerTolerance = p + q == 0 ? options.tolerance() : Math.max(options.tolerance(), 1e-3);
        double progress = Double.POSITIVE_INFINITY, stalledViolation = Double.NaN;
        int stalls = 0, outer = 0;
        Result inner = null;
        Status status;
        String message;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                status = Status.FAILED;
                message = "interrupted";
                break;
            }
            outer++;
            int offsetIterations = iterations, offsetEvaluations = evaluations;
            IterationListener listener = options.listener() == null ? null : it -> options.listener().onIteration(new Iteration(offsetIterations + it.iteration(),
                    it.objective(), it.optimality(), it.step(), offsetEvaluations + it.evaluations(), System.nanoTime() - start));
            Options innerOptions = options.withTolerance(innerTolerance).withMaxIterations(options.maxIterations() - iterations).withListener(listener);
            inner = Solvers.minimize(phr(problem.lagrangian(lambda.clone(), mu.clone(), rho), lambda, mu, rho), x, bounds, innerOptions);
            iterations += inner.iterations();
            evaluations += inner.evaluations();
            hessianProducts += inner.hessianVectorProducts();
            if (inner.status() == Status.UNBOUNDED) {
                status = Status.UNBOUNDED;
                message = "the augmented Lagrangian is unbounded below at ρ = " + Run.fmt(rho) + ": f is unbounded on the feasible set";
                x = inner.x();
                break;
            }
            if (inner.status() == Status.FAILED && inner.iterations() == 0 && !Double.isFinite(inner.objective())) {
                status = Status.FAILED;
                message = "the augmented Lagrangian is not finite at x: " + inner.message();
                break;
            }
            x = inner.x();
            problem.constraints(x, g, h);
            violation = violation(g, h);
            double newProgress = 0, complementarity = 0;
            for (int i = 0; i < p; i++) {
                newProgress = Math.max(newProgress, Math.abs(Math.max(g[i], -lambda[i] / rho)));
                lambda[i] = Math.min(Math.max(0, lambda[i] + rho * g[i]), MULTIPLIER_MAX);
                complementarity = Math.max(complementarity, Math.abs(Math.min(-g[i], lambda[i])));
            }
            for (int j = 0; j < q; j++) {
                newProgress = Math.max(newProgress, Math.abs(h[j]));
                mu[j] = Math.max(-MULTIPLIER_MAX, Math.min(mu[j] + rho * h[j], MULTIPLIER_MAX));
            }
            if (!Double.isFinite(violation)) {
                status = Status.FAILED;
                message = "a constraint is not finite at the inner solution";
                break;
            }
            double ctol = options.constraintTolerance();
            boolean finalTolerance = innerTolerance <= options.tolerance();
            if (violation <= ctol && complementarity <= ctol && finalTolerance && inner.status() != Status.ITERATION_LIMIT) {
                // a feasible point whose inner solve either converged or cannot go on (FAILED says why)
                status = inner.status();
                message = "constraint violation " + Run.fmt(violation) + " and complementarity " + Run.fmt(complementarity) + " ≤ " + Run.fmt(ctol)
                        + "; inner solve: " + inner.message();
                break;
            }
            if (iterations >= options.maxIterations() || outer >= MAX_OUTER) {
                status = Status.ITERATION_LIMIT;
                message = (outer >= MAX_OUTER ? MAX_OUTER + " outer iterations" : "iteration limit " + options.maxIterations()) + " reached; violation " + Run.fmt(violation);
                break;
            }
            if (newProgress > SHRINK_REQUIRED * progress && violation > ctol) {
                stalls = violation > STALL_RATIO * stalledViolation ? stalls + 1 : 0;
                stalledViolation = violation;
                boolean penaltyDominates = false;
                if (stalls >= STALLS) {
                    double penalty = 0;
                    for (double gi : g) penalty += Math.max(0, gi) * Math.max(0, gi);
                    for (double hj : h) penalty += hj * hj;
                    double f = problem.objective().valueAndGradient(x, gradient);
                    evaluations++;
                    penaltyDominates = rho / 2 * penalty >= DOMINANCE * Math.max(1, Math.abs(f));
                }
                if (penaltyDominates || rho * GROWTH > PENALTY_MAX) {
                    status = Status.INFEASIBLE;
                    message = "the constraint violation stays at " + Run.fmt(violation) + " while ρ grows to " + Run.fmt(rho)
                            + ": no feasible point found (x is the least violating point reached)";
                    break;
                }
                rho *= GROWTH;
            } else {
                stalls = 0;
                stalledViolation = Double.NaN;
            }
            progress = newProgress;
            innerTolerance = Math.max(options.tolerance(), innerTolerance / 10);
        }
        DifferentiableFunction f = problem.objective();
        double objective = f.valueAndGradient(x, gradient);
        evaluations++;
        String method = name + " (" + (inner == null ? "none" : inner.method()) + ")";
        Result result = new Result(status, x.clone(), objective, iterations, evaluations, inner == null ? Double.NaN : inner.optimality(),
                violation, method, message + " after " + outer + " outer iterations", hessianProducts);
        return new ConstrainedResult(result, lambda, mu, rho, outer);
    }

    /**
     * The caller's L_ρ less (‖λ‖² + ‖μ‖²)/(2ρ): the standard PHR value (N&amp;W eq. 17.65), which is
     * close to f near a solution where L_ρ itself is f + ‖λ‖²/(2ρ) + …, so the inner solver's
     * relative tests measure against the objective's scale, not the penalty's.
     */
    private static DifferentiableFunction phr(DifferentiableFunction l, double[] lambda, double[] mu, double rho) {
        double shift = (Box.dot(lambda, lambda) + Box.dot(mu, mu)) / (2 * rho);
        return new DifferentiableFunction() {
            public int dimension() {
                return l.dimension();
            }

            public double valueAndGradient(double[] x, double[] gradient) {
                return l.valueAndGradient(x, gradient) - shift;
            }

            public boolean hasHessianVectorProduct() {
                return l.hasHessianVectorProduct();
            }

            public void hessianVectorProduct(double[] x, double[] v, double[] out) {
                l.hessianVectorProduct(x, v, out);
            }
        };
    }

    /** max(0, max_i g_i, max_j |h_j|); NaN when a value is not finite. */
    static double violation(double[] g, double[] h) {
        double v = 0;
        for (double gi : g) {
            if (!Double.isFinite(gi)) return Double.NaN;
            v = Math.max(v, gi);
        }
        for (double hj : h) {
            if (!Double.isFinite(hj)) return Double.NaN;
            v = Math.max(v, Math.abs(hj));
        }
        return v;
    }
}
