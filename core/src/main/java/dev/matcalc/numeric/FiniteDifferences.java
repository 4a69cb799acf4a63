package dev.matcalc.numeric;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;

import static dev.matcalc.numeric.Derivatives.axes;
import static dev.matcalc.numeric.Derivatives.basis;
import static dev.matcalc.numeric.Derivatives.concat;

/**
 * Central finite differences, in the index convention of {@link Derivatives}: an independent
 * check of symbolic derivatives. Each entry x_k is stepped by h·max(1, |x_k|), so that the
 * relative perturbation stays near h for large entries; the error is O(h²) + O(ε/h).
 */
public final class FiniteDifferences {
    private FiniteDifferences() { }

    /** About ε^(1/3), which balances truncation and round-off for central differences. */
    public static final double DEFAULT_STEP = 6e-6;

    /** ∂f/∂x at {@code values}, axes shape(f) + shape(x). */
    public static Tensor derivative(Expr f, Var x, Map<String, DMatrixRMaj> values, double h) {
        return derivative(f, x, new Evaluator(values), h);
    }

    public static Tensor derivative(Expr f, Var x, Map<String, DMatrixRMaj> values) {
        return derivative(f, x, values, DEFAULT_STEP);
    }

    /** ∂f/∂x at the point {@code at} (which must give x a value). */
    public static Tensor derivative(Expr f, Var x, Evaluator at, double h) {
        if (!(h > 0)) throw new IllegalArgumentException("step must be positive, got " + h);
        DMatrixRMaj x0 = at.value(x.name());
        if (x0 == null) throw new SourceError("no value for " + x.name());
        at.bind(x);
        DMatrixRMaj f0 = at.eval(f);
        int nx = x0.getNumElements(), nf = f0.getNumElements();
        Tensor t = Tensor.zeros(concat(axes(f.shape(), f0.numRows, f0.numCols), axes(x.shape(), x0.numRows, x0.numCols)));
        for (int k = 0; k < nx; k++) {
            double step = h * Math.max(1, Math.abs(x0.data[k]));
            DMatrixRMaj plus = x0.copy(), minus = x0.copy();
            plus.data[k] += step;
            minus.data[k] -= step;
            // the step actually taken, after rounding x_k ± step to doubles
            double width = plus.data[k] - minus.data[k];
            DMatrixRMaj fp = at.with(x, plus).eval(f), fm = at.with(x, minus).eval(f);
            for (int i = 0; i < nf; i++) t.data()[i * nx + k] = (fp.data[i] - fm.data[i]) / width;
        }
        return t;
    }

    /**
     * Second order, from a first derivative: {@code linear} is D(x; dx), linear in {@code dx}; the
     * result is ∂/∂x of D(x; E_j) for each basis direction E_j of dx, with axes
     * shape(f) + shape(dx) + shape(x), to compare with {@link Derivatives#fromLinear2}.
     */
    public static Tensor derivativeOfLinear(Expr linear, Var dx, Var x, Map<String, DMatrixRMaj> values, double h) {
        return derivativeOfLinear(linear, dx, x, values, h, x);
    }

    /**
     * As above, with the sizes of symbolic dimensions also bound from {@code context} (the
     * function differentiated, and the variables differentiated by): a first derivative that is a
     * constant, such as a zero vector, mentions no variable that could tell its size.
     */
    public static Tensor derivativeOfLinear(Expr linear, Var dx, Var x, Map<String, DMatrixRMaj> values, double h,
                                            Expr... context) {
        Evaluator at = new Evaluator(values);
        for (Expr c : context) at.bind(c);
        at.bind(linear).bind(x);
        int[] ds = at.size(dx.shape());
        Tensor[] slices = new Tensor[ds[0] * ds[1]];
        for (int j = 0; j < slices.length; j++) slices[j] = derivative(linear, x, at.with(dx, basis(ds[0], ds[1], j)), h);
        DMatrixRMaj x0 = at.value(x.name());
        return Derivatives.interleave(slices, axes(dx.shape(), ds[0], ds[1]), axes(x.shape(), x0.numRows, x0.numCols));
    }

    public static Tensor derivativeOfLinear(Expr linear, Var dx, Var x, Map<String, DMatrixRMaj> values) {
        return derivativeOfLinear(linear, dx, x, values, DEFAULT_STEP);
    }

    public static Tensor derivativeOfLinear(Expr linear, Var dx, Var x, Map<String, DMatrixRMaj> values, Expr... context) {
        return derivativeOfLinear(linear, dx, x, values, DEFAULT_STEP, context);
    }
}
