package dev.matcalc.optimization;

/**
 * A search along the ray x(α) = P(x + α·d) for the quasi-Newton and Newton drivers: the
 * {@link MoreThuente} strong-Wolfe search (ftol 1e-3, gtol 0.9, xtol 0.1, as L-BFGS-B uses it),
 * plus the three things a driver needs around it.
 * <ul>
 * <li>Domain: where f is NaN or +∞ the step backs off toward the best point found.
 * <li>Fallback: when the search stops without the Wolfe conditions (evaluation budget, interval
 *     too small, largest step reached), the evaluated point with the lowest f is returned if it is
 *     below f(x).
 * <li>Unboundedness: f ≤ −10³⁰⁰ ends the search as {@link Outcome#UNBOUNDED}. When the search
 *     ran out while still extrapolating with an undiminished slope (never bracketed, φ' ≤ gtol·φ'(0)
 *     at its last and best step) along a ray no bound blocks, a probe multiplies the step by
 *     10, 10², 10⁴, … while f keeps falling: a bounded-below f stops it, an unbounded one reaches
 *     −10³⁰⁰ in a dozen evaluations.
 * <li>Rounding: where f has stopped changing beyond its rounding level (|φ(α) − φ(0)| ≤ 10⁻¹⁰·max(1, |f|)),
 *     the search is fed φ(0) + α·(φ'(0) + φ'(α))/2, the trapezoidal integral of the slope (exact
 *     for a quadratic), instead of the noise. Its sufficient-decrease test then reads
 *     φ'(α) ≤ (2·ftol − 1)·φ'(0), the approximate Wolfe condition of Hager &amp; Zhang (SIAM J.
 *     Optim. 16(1), 2005, §4), which stays meaningful near the solution of an ill-conditioned
 *     problem, where f's differences are noise while gradients are still accurate. Such a step is
 *     reported as {@link Outcome#APPROXIMATE_WOLFE}, with the decrease the slopes predict in
 *     {@link #decrease}, so the driver's relative-decrease test does not take f's standstill for
 *     convergence.
 * </ul>
 * Points are formed by {@link Box#move}, and α = 1 gives the driver's target x̄ exactly.
 * The result lives in {@link #x}, {@link #g}, {@link #f}, {@link #step}; all arrays are reused.
 */
final class LineSearch {
    enum Outcome { WOLFE, DECREASE, APPROXIMATE_WOLFE, NO_DECREASE, UNBOUNDED }

    static final double FTOL = 1e-3, GTOL = 0.9, XTOL = 0.1;
    /** f within NOISE·max(1, |f|) of φ(0) counts as unchanged (rounding noise). */
    static final double NOISE = 1e-10;
    /** The largest step tried along a ray no bound blocks (L-BFGS-B's 10¹⁰). */
    static final double STEP_CAP = 1e10;
    private static final int PROBES = 12;

    /** The accepted point and its gradient (valid unless the outcome is NO_DECREASE). */
    double[] x, g;
    double f, step;
    /**
     * f(x₀) − f at the accepted point; for an {@link Outcome#APPROXIMATE_WOLFE} step the decrease
     * the slopes predict, since f's own difference is noise there.
     */
    double decrease;
    private double[] xTrial, gTrial;
    private boolean bestApproximate;
    private final MoreThuente search = new MoreThuente();

    LineSearch(int n) {
        x = new double[n];
        g = new double[n];
        xTrial = new double[n];
        gTrial = new double[n];
    }

    /**
     * @param slope0      φ'(0) = ∇f(x)'d &lt; 0
     * @param firstStep   the first trial step
     * @param feasibleMax the largest step that stays in the box ({@link Box#maxStep}), +∞ if none blocks
     * @param target      the point at α = 1 (x̄), or null to compute it
     */
    Outcome search(Objective objective, double[] x0, double f0, double[] d, double slope0, double firstStep,
                   double feasibleMax, double[] l, double[] u, double[] target, int maxEvaluations) {
        double stepMax = Math.min(feasibleMax, STEP_CAP);
        search.start(f0, slope0, Math.min(firstStep, stepMax), FTOL, GTOL, XTOL, 0, stepMax);
        f = f0;
        step = 0;
        double lastSlope = slope0, noise = NOISE * Math.max(1, Math.abs(f0)), bestSearchValue = f0;
        boolean lastWasBest = false, finished = false;
        bestApproximate = false;
        for (int evaluation = 0; evaluation < maxEvaluations && !finished; evaluation++) {
            double alpha = search.step;
            double fTrial = evaluateAt(objective, x0, d, alpha, l, u, target);
            if (fTrial == Double.NEGATIVE_INFINITY) return unbounded(alpha);
            if (Double.isNaN(fTrial)) {
                search.backOff();
                lastWasBest = false;
                continue;
            }
            lastSlope = Box.dot(gTrial, d);
            // where f's change is rounding noise, the search sees φ(0) + α(φ'(0) + φ'(α))/2 instead
            boolean approximate = Math.abs(fTrial - f0) <= noise;
            double searchValue = approximate ? f0 + 0.5 * alpha * (slope0 + lastSlope) : fTrial;
            lastWasBest = searchValue < bestSearchValue;
            if (lastWasBest) {
                keepTrial(fTrial, alpha);
                bestSearchValue = searchValue;
                bestApproximate = approximate;
            }
            MoreThuente.Task task = search.next(searchValue, lastSlope);
            if (task == MoreThuente.Task.CONVERGED) {
                if (!lastWasBest) keepTrial(fTrial, alpha);   // the Wolfe point, for a curvature pair s'y > 0
                decrease = f0 - searchValue;
                return approximate ? Outcome.APPROXIMATE_WOLFE : Outcome.WOLFE;
            }
            finished = task != MoreThuente.Task.EVALUATE;
        }
        if (feasibleMax == Double.POSITIVE_INFINITY && !search.bracketed() && lastWasBest && lastSlope <= GTOL * slope0) {
            Outcome probed = probe(objective, x0, d, l, u);
            if (probed != null) return probed;
        }
        decrease = bestApproximate ? f0 - bestSearchValue : f0 - f;
        return step == 0 ? Outcome.NO_DECREASE : bestApproximate ? Outcome.APPROXIMATE_WOLFE : Outcome.DECREASE;
    }

    private Outcome probe(Objective objective, double[] x0, double[] d, double[] l, double[] u) {
        double factor = 10;
        for (int i = 0; i < PROBES; i++, factor *= factor) {
            double alpha = step * factor;
            if (!Double.isFinite(alpha)) return null;
            double fTrial = evaluateAt(objective, x0, d, alpha, l, u, null);
            if (fTrial == Double.NEGATIVE_INFINITY) return unbounded(alpha);
            if (!(fTrial < f)) return null;
            keepTrial(fTrial, alpha);
            bestApproximate = false;
        }
        return null;
    }

    private double evaluateAt(Objective objective, double[] x0, double[] d, double alpha, double[] l, double[] u, double[] target) {
        if (alpha == 1 && target != null) System.arraycopy(target, 0, xTrial, 0, xTrial.length);
        else Box.move(x0, d, alpha, l, u, xTrial);
        for (double v : xTrial) {
            if (!Double.isFinite(v)) return Double.NaN;
        }
        return objective.evaluate(xTrial, gTrial);
    }

    private void keepTrial(double fTrial, double alpha) {
        double[] t = x;
        x = xTrial;
        xTrial = t;
        t = g;
        g = gTrial;
        gTrial = t;
        f = fTrial;
        step = alpha;
    }

    private Outcome unbounded(double alpha) {
        keepTrial(Double.NEGATIVE_INFINITY, alpha);
        decrease = Double.POSITIVE_INFINITY;
        return Outcome.UNBOUNDED;
    }
}
