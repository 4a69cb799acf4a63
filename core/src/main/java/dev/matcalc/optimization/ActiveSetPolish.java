package dev.matcalc.optimization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last step of a solve: from a point that met the tolerance, Newton's method on the KKT
 * conditions of the active set, so that an active bound holds exactly, the active constraints hold
 * to rounding, and the digits the first-order solvers leave at the tolerance (1e-6 relative by
 * default) come out as far as rounding allows (a quadratic with linear constraints is solved in one
 * step). It is the "polish" of OSQP (Stellato et al., Math. Prog. Comp. 12, 2020, §5.2) and the
 * second phase of active-set methods (Nocedal &amp; Wright §16.5, §18.1).
 *
 * <p>The working set: bounds within 10·tol·max(1, |bound|) of x (and fixed coordinates),
 * inequalities with a positive multiplier or within 10·tol of 0, every equality. On it, with F the
 * coordinates not on a bound, W the working constraints c_W and J their Jacobian:
 * <pre>
 *   [ H_FF  J_Fᵀ ] [ d_F ]     [ ∇f_F ]
 *   [ J_F    0   ] [  ν  ] = − [ c_W  ]         H = ∇²(f + νᵀc) (+ J_WᵀJ_W, which moves no d)
 * </pre>
 * repeated from the new point (H kept: the chord method) until the residual stops falling. J is
 * read off the augmented Lagrangian's gradient, which is linear in each active multiplier
 * ({@link ConstrainedProblem}): one gradient per working constraint; H_FF costs one
 * Hessian-vector product per free coordinate. The working set is corrected, at most
 * {@value #MAX_CHANGES} times, where the answer disagrees with it: a free coordinate leaves the box
 * or an inequality off the set is violated (added), or a bound's or an inequality's multiplier has
 * the wrong sign beyond tol·max(1, |f|) (released).
 *
 * <p>The polished point replaces the solver's only when it is at least as good on every count: no
 * larger projected gradient of the Lagrangian, no larger violation, f not higher than the change in
 * feasibility explains, and a step within 1% of the point's scale (so it stays with the minimizer
 * the solver found). H comes from Hessian-vector products, or forward differences of the gradient
 * where there are none. It is not tried above {@value #MAX_SIZE} free coordinates and working
 * constraints, or when it would cost more than the caller's budget of gradients and products
 * (checked before anything is evaluated where the free coordinates' Hessian columns alone exceed
 * it; the caller sets it from the solve's own work and what an evaluation reads, see
 * {@code ProblemSolver}); what an attempt spent is reported whether or not its point is kept.
 */
public final class ActiveSetPolish {
    static final int MAX_SIZE = 400, MAX_CHANGES = 10, MAX_NEWTON = 8;
    /** How near a bound (times tol·max(1, |bound|)) a coordinate must be to start on the working set. */
    private static final double NEAR = 10;
    /** The largest accepted step, relative to max(1, ‖x‖∞): a polish, not a new solve. */
    private static final double MAX_STEP = 1e-2;
    /**
     * ρ for the Hessian: small, so that the ρ·JᵀJ every L_ρ's Hessian holds is negligible beside
     * the Lagrangian's (it would move no step on the working set, but shift ν by ρ·c, and bend the
     * steps of a constraint released later).
     */
    private static final double HESSIAN_PENALTY = 1e-12;

    private ActiveSetPolish() {
    }

    /**
     * A polished point.
     *
     * @param x                      the point, inside the bounds
     * @param objective              f(x)
     * @param optimality             ‖P(x − ∇L) − x‖∞ with L = f + νᵀc the Lagrangian at the working multipliers
     * @param violation              max(0, g_i, |h_j|)
     * @param evaluations            gradients spent
     * @param hessianVectorProducts  Hessian-vector products spent
     * @param activeBounds           coordinates held on a bound
     * @param activeConstraints      constraints held as equalities (the equalities among them)
     */
    public record Polished(double[] x, double objective, double optimality, double violation, int evaluations,
                           int hessianVectorProducts, int activeBounds, int activeConstraints) {
    }

    /**
     * What a polish spent, and its point where it did better than the solver's (else null).
     *
     * @param polished              the polished point, or null when the polish was not tried or did no better
     * @param evaluations           gradients spent, also on a polish that was given up
     * @param hessianVectorProducts Hessian-vector products spent
     */
    public record Attempt(Polished polished, int evaluations, int hessianVectorProducts) {
        public static final Attempt NOT_TRIED = new Attempt(null, 0, 0);
    }

    /**
     * Polishes {@code x}; the attempt's point is null when the polish is not tried or does no better.
     * It is not tried, and costs nothing, where the free coordinates at x (those not within 10·tol of
     * a bound) and the equalities are more than {@value #MAX_SIZE}, or where their Hessian columns and
     * two gradients would already exceed the budget.
     *
     * @param f          the objective (for a constrained problem, its {@link ConstrainedProblem#objective()})
     * @param problem    the general constraints, or null when there are none
     * @param x          the solver's point, inside the bounds
     * @param lambda     the inequality multipliers found (length p; ignored without constraints)
     * @param mu         the equality multipliers found (length q)
     * @param optimality the solver's projected gradient at x (the augmented Lagrangian's, under constraints)
     * @param violation  the solver's largest violation at x
     * @param tolerance  the solve's relative tolerance
     * @param budget     the most gradients plus Hessian-vector products to spend
     */
    public static Attempt polish(DifferentiableFunction f, ConstrainedProblem problem, Bounds bounds, double[] x,
                                 double[] lambda, double[] mu, double optimality, double violation, double tolerance,
                                 int budget) {
        int free = 0;
        double[] l = bounds.lower(), u = bounds.upper();
        for (int i = 0; i < x.length; i++)
            if (l[i] != u[i] && !near(x[i], l[i], tolerance) && !near(x[i], u[i], tolerance)) free++;
        long least = free + (problem == null ? 0 : problem.equalities());
        if (least > MAX_SIZE || least + 2 > budget) return Attempt.NOT_TRIED;
        Work work = null;
        try {
            work = new Work(f, problem, bounds, x, lambda, mu, tolerance, budget);
            return new Attempt(work.run(optimality, violation), work.evaluations, work.products);
        } catch (OutOfBudget | ArithmeticException e) {
            return work == null ? new Attempt(null, 1, 0) : new Attempt(null, work.evaluations, work.products);
        }
    }

    /** Whether x is within 10·tol·max(1, |bound|) of a finite bound: it starts on the working set. */
    static boolean near(double xi, double bound, double tol) {
        return Double.isFinite(bound) && Math.abs(xi - bound) <= NEAR * tol * Math.max(1, Math.abs(bound));
    }

    private static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super(null, null, false, false);
        }
    }

    /** One polish: the state and the counts. */
    private static final class Work {
        final DifferentiableFunction f;
        final ConstrainedProblem problem;
        final double[] l, u, x0, lambda0, mu0;
        final int n, p, q;
        final double tol, scale, f0;
        final int budget;
        int evaluations, products;
        /** Hessian columns by coordinate, computed once at x0 with the solver's multipliers. */
        final Map<Integer, double[]> columns = new HashMap<>();

        Work(DifferentiableFunction f, ConstrainedProblem problem, Bounds bounds, double[] x, double[] lambda, double[] mu,
             double tolerance, int budget) {
            this.f = f;
            this.problem = problem;
            this.l = bounds.lower();
            this.u = bounds.upper();
            this.x0 = x.clone();
            this.n = x.length;
            this.p = problem == null ? 0 : problem.inequalities();
            this.q = problem == null ? 0 : problem.equalities();
            this.lambda0 = problem == null ? new double[0] : lambda.clone();
            this.mu0 = problem == null ? new double[0] : mu.clone();
            this.tol = tolerance;
            this.budget = budget;
            double[] g = new double[n];
            this.f0 = f.valueAndGradient(x, g);
            evaluations++;
            if (!Double.isFinite(f0)) throw new ArithmeticException("f is not finite");
            this.scale = Math.max(1, Math.abs(f0));
        }

        Polished run(double optimality0, double violation0) {
            // the working set: -1 on the lower bound, +1 on the upper, 0 free; working inequalities
            int[] side = new int[n];
            for (int i = 0; i < n; i++) {
                if (l[i] == u[i] || near(x0[i], l[i])) side[i] = -1;
                else if (near(x0[i], u[i])) side[i] = 1;
            }
            double[] g0 = new double[p], h0 = new double[q];
            if (problem != null) problem.constraints(x0, g0, h0);
            boolean[] working = new boolean[p];
            for (int i = 0; i < p; i++) working[i] = lambda0[i] > 0 || g0[i] >= -NEAR * tol;

            for (int change = 0; change <= MAX_CHANGES; change++) {
                Candidate c = newton(side, working);
                if (c == null) return null;
                if (!c.adjust(side, working)) return c.accept(optimality0, violation0, side, working);
            }
            return null;
        }

        boolean near(double xi, double bound) {
            return ActiveSetPolish.near(xi, bound, tol);
        }

        /** The point the working set leads to, or null where the KKT system cannot be solved. */
        Candidate newton(int[] side, boolean[] working) {
            int[] free = freeCoordinates(side);
            int[] rows = workingRows(working);
            int nf = free.length, m = rows.length;
            if (nf + m > MAX_SIZE) return null;
            spend(nf - (int) Arrays.stream(free).filter(columns::containsKey).count(), m + 1);
            double[][] hessian = hessian(free);
            double[] x = x0.clone();
            for (int i = 0; i < n; i++) if (side[i] != 0) x[i] = side[i] < 0 ? l[i] : u[i];
            double[] nu = new double[m];       // the solver's estimates to begin with
            for (int r = 0; r < m; r++) nu[r] = rows[r] < p ? lambda0[rows[r]] : mu0[rows[r] - p];
            State s = state(x, rows, nu);
            double residual = s.residual(free);
            for (int k = 0; k < MAX_NEWTON && residual > 0; k++) {
                double[] solution = KktSystem.solve(hessian, s.jacobian, s.base, s.c, free);
                if (solution == null) return null;
                double[] next = x.clone();
                for (int a = 0; a < nf; a++) next[free[a]] += solution[a];
                double[] nextNu = Arrays.copyOfRange(solution, nf, nf + m);
                if (k + 1 < MAX_NEWTON) spend(0, m + 1);
                State t;
                try {
                    t = state(next, rows, nextNu);
                } catch (ArithmeticException outsideDomain) {
                    break;                          // the step left f's domain: keep the last point
                }
                double r = t.residual(free);
                if (!(r < residual)) break;        // rounding level reached (or no progress): keep the best
                x = next;
                nu = nextNu;
                s = t;
                residual = r;
            }
            return new Candidate(x, nu, rows, s, free);
        }

        int[] freeCoordinates(int[] side) {
            return java.util.stream.IntStream.range(0, n).filter(i -> side[i] == 0).toArray();
        }

        /** Working constraint rows: inequality i as i, equality j as p + j. */
        int[] workingRows(boolean[] working) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < p; i++) if (working[i]) rows.add(i);
            for (int j = 0; j < q; j++) rows.add(p + j);
            return rows.stream().mapToInt(Integer::intValue).toArray();
        }

        void spend(int hvps, int gradients) {
            if (evaluations + products + hvps + gradients > budget) throw new OutOfBudget();
        }

        /**
         * H's columns for the free coordinates, at x0 with the solver's multipliers (H_FF = hessian[a][b]
         * for free[a], free[b]): Hessian-vector products, or where there are none (a Hessian with no
         * matrix form to derive, a linear f), forward differences of the gradient, whose error of
         * about √ε the Newton iterations then correct, as the chord method does any error in H.
         */
        double[][] hessian(int[] free) {
            DifferentiableFunction lagrangian = problem == null ? f : lagrangianAt(x0, workingMultipliers(), HESSIAN_PENALTY);
            boolean exact = lagrangian.hasHessianVectorProduct();
            double[] e = new double[n], g0 = null, shifted = null;
            double[][] h = new double[free.length][];
            for (int a = 0; a < free.length; a++) {
                int i = free[a];
                double[] col = columns.get(i);
                if (col == null) {
                    col = new double[n];
                    if (exact) {
                        e[i] = 1;
                        lagrangian.hessianVectorProduct(x0, e, col);
                        e[i] = 0;
                        products++;
                    } else {
                        if (g0 == null) {
                            g0 = new double[n];
                            shifted = x0.clone();
                            lagrangian.valueAndGradient(x0, g0);
                            evaluations++;
                        }
                        // a step into the box (the side away from a near bound), of √ε relative size
                        double step = Math.sqrt(Math.ulp(1.0)) * Math.max(1, Math.abs(x0[i]));
                        if (x0[i] + step > u[i]) step = -step;
                        shifted[i] = x0[i] + step;
                        lagrangian.valueAndGradient(shifted, col);
                        shifted[i] = x0[i];
                        evaluations++;
                        for (int k = 0; k < n; k++) col[k] = (col[k] - g0[k]) / step;
                    }
                    for (double v : col) if (!Double.isFinite(v)) throw new ArithmeticException("H is not finite");
                    columns.put(i, col);
                }
                h[a] = col;
            }
            return h;
        }

        /** The solver's multipliers as the Lagrangian's: inequality i active where λ_i > 0, every equality. */
        double[] workingMultipliers() {
            double[] nu = new double[p + q];
            System.arraycopy(lambda0, 0, nu, 0, p);
            System.arraycopy(mu0, 0, nu, p, q);
            return nu;
        }

        DifferentiableFunction lagrangianAt(double[] x, double[] nu) {
            return lagrangianAt(x, nu, 1);
        }

        /**
         * L_ρ with multipliers chosen so that its gradient at x is ∇f + Σ ν_k∇c_k (ν by constraint,
         * length p + q, inequalities with ν ≤ 0 left out): ρ·max(0, g + λ'/ρ) = ν for λ' = ν − ρg(x).
         * Its Hessian is that of f + νᵀc plus ρ·Σ∇c_k∇c_kᵀ over the constraints kept.
         */
        DifferentiableFunction lagrangianAt(double[] x, double[] nu, double rho) {
            double[] g = new double[p], h = new double[q];
            problem.constraints(x, g, h);
            double[] lambda = new double[p], mu = new double[q];
            for (int i = 0; i < p; i++) lambda[i] = nu[i] > 0 ? nu[i] - rho * g[i] : -rho * (g[i] + 1);
            for (int j = 0; j < q; j++) mu[j] = nu[p + j] - rho * h[j];
            return problem.lagrangian(lambda, mu, rho);
        }

        /** f, ∇f, c_W and J_W at x; ν is carried for the residual. */
        State state(double[] x, int[] rows, double[] nu) {
            int m = rows.length;
            double[] base = new double[n];
            double fx;
            double[][] jacobian = new double[m][];
            double[] c = new double[m], g = new double[p], h = new double[q];
            if (problem == null) {
                fx = f.valueAndGradient(x, base);
                evaluations++;
            } else {
                problem.constraints(x, g, h);
                // L at ν = 0 is f (every penalty term is 0): f and ∇f computed as each row's gradient is, so rounding cancels
                fx = lagrangianAt(x, new double[p + q]).valueAndGradient(x, base);
                evaluations++;
                double[] with = new double[n];
                for (int r = 0; r < m; r++) {
                    double[] unit = new double[p + q];
                    unit[rows[r]] = 1;
                    lagrangianAt(x, unit).valueAndGradient(x, with);
                    evaluations++;
                    jacobian[r] = new double[n];
                    for (int i = 0; i < n; i++) jacobian[r][i] = with[i] - base[i];
                    c[r] = rows[r] < p ? g[rows[r]] : h[rows[r] - p];
                }
            }
            if (!Double.isFinite(fx)) throw new ArithmeticException("f is not finite");
            for (double v : base) if (!Double.isFinite(v)) throw new ArithmeticException("∇f is not finite");
            for (double v : c) if (!Double.isFinite(v)) throw new ArithmeticException("a constraint is not finite");
            return new State(x, fx, base, c, jacobian, nu, g, h);
        }

        /** What one Newton run on a working set reached. */
        final class Candidate {
            final double[] x, nu;
            final int[] rows, free;
            final State s;
            final double[] lagrangianGradient;

            Candidate(double[] x, double[] nu, int[] rows, State s, int[] free) {
                this.x = x;
                this.nu = nu;
                this.rows = rows;
                this.s = s;
                this.free = free;
                this.lagrangianGradient = s.lagrangianGradient(nu);
            }

            /** Corrects the working set where this point disagrees with it; false when it agrees. */
            boolean adjust(int[] side, boolean[] working) {
                boolean changed = false;
                for (int i : free) {
                    if (x[i] < l[i]) {
                        side[i] = -1;
                        changed = true;
                    } else if (x[i] > u[i]) {
                        side[i] = 1;
                        changed = true;
                    }
                }
                for (int i = 0; i < p; i++) {
                    if (!working[i] && s.g[i] > 0) {
                        working[i] = true;
                        changed = true;
                    }
                }
                if (changed) return true;
                double eps = tol * scale;
                int worst = -1;
                double worstValue = eps;
                for (int i = 0; i < n; i++) {
                    if (side[i] == 0 || l[i] == u[i]) continue;
                    double wrong = side[i] < 0 ? -lagrangianGradient[i] : lagrangianGradient[i];
                    if (wrong > worstValue) {
                        worstValue = wrong;
                        worst = i;
                    }
                }
                int worstRow = -1;
                for (int r = 0; r < rows.length; r++) {
                    if (rows[r] < p && -nu[r] > worstValue) {
                        worstValue = -nu[r];
                        worstRow = rows[r];
                    }
                }
                // release one at a time, the worst first (as active-set methods do), so that the set does not cycle
                if (worstRow >= 0) working[worstRow] = false;
                else if (worst >= 0) side[worst] = 0;
                return worstRow >= 0 || worst >= 0;
            }

            /** This point if it is at least as good as the solver's on every count, else null. */
            Polished accept(double optimality0, double violation0, int[] side, boolean[] working) {
                double optimality = Box.projectedGradientNorm(x, lagrangianGradient, l, u);
                double violation = AugmentedLagrangian.violation(s.g, s.h);
                if (!(violation <= Math.max(violation0, 0)) && !(violation <= 1e-14 * scale)) return null;
                if (!(optimality <= optimality0) && !(optimality <= 1e-14 * scale)) return null;
                if (Box.distanceInf(x, x0) > MAX_STEP * Math.max(1, Box.normInf(x0))) return null;
                // f may rise by what the feasibility gained is worth, Σ|ν|·|c(x0)|, and by rounding
                double[] g0 = new double[p], h0 = new double[q];
                if (problem != null) problem.constraints(x0, g0, h0);
                double worth = 0;
                for (int r = 0; r < rows.length; r++)
                    worth += Math.abs(nu[r]) * Math.abs(rows[r] < p ? Math.max(0, g0[rows[r]]) : h0[rows[r] - p]);
                for (int i = 0; i < n; i++)
                    if (side[i] != 0) worth += Math.abs(lagrangianGradient[i]) * Math.abs(x[i] - x0[i]);
                if (!(s.f <= f0 + 2 * worth + tol * scale)) return null;
                int bounds = 0, constraints = 0;
                for (int v : side) if (v != 0) bounds++;
                for (boolean w : working) if (w) constraints++;
                return new Polished(x, s.f, optimality, violation, evaluations, products, bounds, constraints + q);
            }
        }

        /** One point's values. */
        final class State {
            final double[] x, base, c, g, h, nu;
            final double[][] jacobian;
            final double f;

            State(double[] x, double f, double[] base, double[] c, double[][] jacobian, double[] nu, double[] g, double[] h) {
                this.x = x;
                this.f = f;
                this.base = base;
                this.c = c;
                this.jacobian = jacobian;
                this.nu = nu;
                this.g = g;
                this.h = h;
            }

            /** ∇f + J_Wᵀν. */
            double[] lagrangianGradient(double[] nu) {
                double[] r = base.clone();
                for (int k = 0; k < jacobian.length; k++) for (int i = 0; i < n; i++) r[i] += nu[k] * jacobian[k][i];
                return r;
            }

            /** The KKT residual: the Lagrangian's gradient on the free coordinates and the working constraints' values. */
            double residual(int[] free) {
                double[] r = lagrangianGradient(nu);
                double worst = 0;
                for (int i : free) worst = Math.max(worst, Math.abs(r[i]));
                for (double v : c) worst = Math.max(worst, Math.abs(v));
                return worst;
            }
        }
    }
}
