package dev.matcalc.optimization;

/**
 * The Moré–Thuente line search (Moré &amp; Thuente, "Line search algorithms with guaranteed
 * sufficient decrease", ACM TOMS 20(3), 1994): finds a step α &gt; 0 with the strong Wolfe
 * conditions
 * <pre>
 *   φ(α) ≤ φ(0) + ftol·α·φ'(0)        (sufficient decrease)
 *   |φ'(α)| ≤ gtol·|φ'(0)|             (curvature)
 * </pre>
 * for φ(α) = f(x + α·d), by safeguarded cubic and quadratic interpolation in an interval of
 * uncertainty [stx, sty] that shrinks geometrically once it brackets a minimizer. Written in
 * reverse communication: {@link #start}, then evaluate φ at {@link #step} and call {@link #next}
 * until it says other than {@link Task#EVALUATE}. While the step is at the "stage 1" (sufficient
 * decrease not yet seen with φ' ≥ 0) the auxiliary function ψ(α) = φ(α) − φ(0) − ftol·α·φ'(0)
 * drives the interpolation, as in the paper's §3.
 *
 * <p>Outside φ's domain the caller calls {@link #backOff} instead of {@link #next}: the trial step
 * becomes an upper limit and the next trial is halfway back to the best step.
 */
final class MoreThuente {
    enum Task { EVALUATE, CONVERGED, ROUNDING, INTERVAL_TOO_SMALL, AT_MAX_STEP, AT_MIN_STEP }

    private static final double EXTRAPOLATE_LOWER = 1.1, EXTRAPOLATE_UPPER = 4.0;

    private double ftol, gtol, xtol, stpMin, stpMax;
    private boolean bracketed;
    private int stage;
    private double fInit, gInit, gTest, width, width1;
    private double stx, fx, gx, sty, fy, gy, stMin, stMax;
    /** The step to evaluate next (after {@link #start} or an {@link Task#EVALUATE}). */
    double step;

    void start(double f0, double g0, double firstStep, double ftol, double gtol, double xtol, double stpMin, double stpMax) {
        this.ftol = ftol;
        this.gtol = gtol;
        this.xtol = xtol;
        this.stpMin = stpMin;
        this.stpMax = stpMax;
        step = Math.min(Math.max(firstStep, stpMin), stpMax);
        bracketed = false;
        stage = 1;
        fInit = f0;
        gInit = g0;
        gTest = ftol * g0;
        width = stpMax - stpMin;
        width1 = 2 * width;
        stx = sty = 0;
        fx = fy = f0;
        gx = gy = g0;
        stMin = 0;
        stMax = step + EXTRAPOLATE_UPPER * step;
    }

    boolean bracketed() {
        return bracketed;
    }

    /**
     * φ was not finite at {@link #step}: try halfway back to the best step, and never again go
     * beyond 90% of the way to the bad one (a domain boundary lies in between).
     */
    void backOff() {
        double bad = step;
        if (bad > stx) stpMax = Math.min(stpMax, stx + 0.9 * (bad - stx));
        step = stx + 0.5 * (bad - stx);
    }

    /** φ(step) = f and φ'(step) = g were evaluated; says whether to go on. */
    Task next(double f, double g) {
        double fTest = fInit + step * gTest;
        if (stage == 1 && f <= fTest && g >= 0) stage = 2;
        if (bracketed && (step <= stMin || step >= stMax)) return Task.ROUNDING;
        if (bracketed && stMax - stMin <= xtol * stMax) return Task.INTERVAL_TOO_SMALL;
        if (step == stpMax && f <= fTest && g <= gTest) return Task.AT_MAX_STEP;
        if (step == stpMin && (f > fTest || g >= gTest)) return Task.AT_MIN_STEP;
        if (f <= fTest && Math.abs(g) <= gtol * -gInit) return Task.CONVERGED;

        if (stage == 1 && f <= fx && f > fTest) {
            // ψ, the function shifted by the sufficient-decrease line, drives the interpolation
            double fxm = fx - stx * gTest, fym = fy - sty * gTest, gxm = gx - gTest, gym = gy - gTest;
            interpolate(fxm, gxm, fym, gym, f - step * gTest, g - gTest);
            fx = fxMoved + stx * gTest;
            fy = fyMoved + sty * gTest;
            gx = gxMoved + gTest;
            gy = gyMoved + gTest;
        } else {
            interpolate(fx, gx, fy, gy, f, g);
            fx = fxMoved;
            fy = fyMoved;
            gx = gxMoved;
            gy = gyMoved;
        }
        if (bracketed) {
            // force a sufficient shrink of the interval: bisect when the last two did not halve it
            if (Math.abs(sty - stx) >= 0.66 * width1) step = stx + 0.5 * (sty - stx);
            width1 = width;
            width = Math.abs(sty - stx);
            stMin = Math.min(stx, sty);
            stMax = Math.max(stx, sty);
        } else {
            stMin = step + EXTRAPOLATE_LOWER * (step - stx);
            stMax = step + EXTRAPOLATE_UPPER * (step - stx);
        }
        step = Math.min(Math.max(step, stpMin), stpMax);
        if (bracketed && (step <= stMin || step >= stMax || stMax - stMin <= xtol * stMax)) step = stx;
        return Task.EVALUATE;
    }

    private double fxMoved, gxMoved, fyMoved, gyMoved;

    /**
     * The paper's updating algorithm (§4) with its four cases: a safeguarded trial step from the
     * best point (stx), the other end (sty) and the new point (step), kept in [stMin, stMax], and
     * the new interval.
     */
    private void interpolate(double fxIn, double dx, double fyIn, double dy, double fp, double dp) {
        double stp = step, next;
        double sgnd = dp * Math.signum(dx);
        if (fp > fxIn) {
            // case 1: higher value, the minimizer is bracketed; cubic, or between cubic and quadratic
            double cubic = cubicMinimizer(stx, fxIn, dx, stp, fp, dp, false);
            double quadratic = stx + (dx / ((fxIn - fp) / (stp - stx) + dx)) / 2 * (stp - stx);
            next = Math.abs(cubic - stx) < Math.abs(quadratic - stx) ? cubic : cubic + (quadratic - cubic) / 2;
            bracketed = true;
        } else if (sgnd < 0) {
            // case 2: lower value, derivatives of opposite sign: bracketed; the step farther from stp
            double cubic = cubicMinimizer(stp, fp, dp, stx, fxIn, dx, false);
            double secant = stp + (dp / (dp - dx)) * (stx - stp);
            next = Math.abs(cubic - stp) > Math.abs(secant - stp) ? cubic : secant;
            bracketed = true;
        } else if (Math.abs(dp) < Math.abs(dx)) {
            // case 3: lower value, same sign, |φ'| decreasing: the cubic only if it has a minimizer beyond stp
            double cubic = cubicMinimizer(stp, fp, dp, stx, fxIn, dx, true);
            if (Double.isNaN(cubic)) cubic = stp > stx ? stMax : stMin;
            double secant = stp + (dp / (dp - dx)) * (stx - stp);
            if (bracketed) {
                next = Math.abs(cubic - stp) < Math.abs(secant - stp) ? cubic : secant;
                next = stp > stx ? Math.min(stp + 0.66 * (sty - stp), next) : Math.max(stp + 0.66 * (sty - stp), next);
            } else {
                next = Math.abs(cubic - stp) > Math.abs(secant - stp) ? cubic : secant;
                next = Math.max(stMin, Math.min(stMax, next));
            }
        } else {
            // case 4: lower value, same sign, |φ'| not decreasing: cubic toward sty, or extrapolate to the limit
            if (bracketed) next = cubicMinimizer(stp, fp, dp, sty, fyIn, dy, false);
            else next = stp > stx ? stMax : stMin;
        }
        // the new interval of uncertainty
        fxMoved = fxIn;
        gxMoved = dx;
        fyMoved = fyIn;
        gyMoved = dy;
        if (fp > fxIn) {
            sty = stp;
            fyMoved = fp;
            gyMoved = dp;
        } else {
            if (sgnd < 0) {
                sty = stx;
                fyMoved = fxIn;
                gyMoved = dx;
            }
            stx = stp;
            fxMoved = fp;
            gxMoved = dp;
        }
        step = next;
    }

    /**
     * The minimizer of the cubic interpolating (a, fa, da) and (b, fb, db), written from a's side
     * as in the paper (scaled to avoid overflow). With {@code mayBeUnbounded} (case 3) NaN is
     * returned when the cubic has no minimizer in the direction of the step.
     */
    private static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db, boolean mayBeUnbounded) {
        double theta = 3 * (fa - fb) / (b - a) + da + db;
        double s = Math.max(Math.abs(theta), Math.max(Math.abs(da), Math.abs(db)));
        double radicand = (theta / s) * (theta / s) - (da / s) * (db / s);
        double gamma = s * Math.sqrt(Math.max(0, radicand));
        if (a > b) gamma = -gamma;
        double p = (gamma - da) + theta, q = ((gamma - da) + gamma) + db;
        if (mayBeUnbounded) {
            q = (gamma + (db - da)) + gamma;
            double r = p / q;
            return r < 0 && gamma != 0 ? a + r * (b - a) : Double.NaN;
        }
        return a + (p / q) * (b - a);
    }
}
