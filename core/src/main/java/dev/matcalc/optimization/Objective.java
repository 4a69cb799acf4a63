package dev.matcalc.optimization;

/**
 * The user's function as the solvers call it: counts evaluations and Hessian-vector products and
 * folds every way of leaving the domain into one signal.
 *
 * <p>{@link #evaluate} returns f(x); NaN when x is outside the domain (f is NaN or +∞, or the
 * gradient is not finite), so callers back off; −∞ when f is −∞ or below {@link #UNBOUNDED_BELOW}.
 * Without a Hessian-vector product, {@link #hessianTimes} uses a forward difference of gradients
 * (Nocedal &amp; Wright, eq. 8.10), which costs one evaluation per product.
 */
final class Objective {
    /** Values at or below this count as −∞ (f unbounded below). */
    static final double UNBOUNDED_BELOW = -1e300;

    final DifferentiableFunction function;
    final int n;
    int evaluations;
    int hessianProducts;
    private double[] shifted, shiftedGradient;

    Objective(DifferentiableFunction function) {
        this.function = function;
        this.n = function.dimension();
    }

    double evaluate(double[] x, double[] gradient) {
        evaluations++;
        double f = function.valueAndGradient(x, gradient);
        if (f == Double.NEGATIVE_INFINITY || f <= UNBOUNDED_BELOW) return Double.NEGATIVE_INFINITY;
        if (!Double.isFinite(f)) return Double.NaN;
        for (double gi : gradient) {
            if (!Double.isFinite(gi)) return Double.NaN;
        }
        return f;
    }

    boolean exactHessian() {
        return function.hasHessianVectorProduct();
    }

    /** out := ∇²f(x)·v; {@code gradient} is ∇f(x) (used by the difference quotient only). */
    void hessianTimes(double[] x, double[] gradient, double[] v, double[] out) {
        hessianProducts++;
        if (function.hasHessianVectorProduct()) {
            function.hessianVectorProduct(x, v, out);
            return;
        }
        if (shifted == null) {
            shifted = new double[n];
            shiftedGradient = new double[n];
        }
        double vNorm = Box.norm2(v);
        if (vNorm == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double h = Math.sqrt(Math.ulp(1.0)) * (1 + Box.norm2(x)) / vNorm;
        for (int i = 0; i < n; i++) shifted[i] = x[i] + h * v[i];
        evaluations++;
        function.valueAndGradient(shifted, shiftedGradient);
        for (int i = 0; i < n; i++) out[i] = (shiftedGradient[i] - gradient[i]) / h;
    }
}
