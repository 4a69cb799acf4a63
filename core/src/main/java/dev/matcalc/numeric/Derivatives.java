package dev.matcalc.numeric;

import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Shape;
import org.ejml.data.DMatrixRMaj;

import java.util.Map;
import java.util.stream.IntStream;

/**
 * Derivative numbers from a symbolic derivative D, an expression linear in a differential dX:
 * evaluating D with dX = E_k (the k-th basis matrix, row-major) gives the k-th "column" of the
 * derivative. The result has the axes shape(f) + shape(x) of the index convention in
 * {@code package-info}; whatever layout the derivative is displayed in, the numbers are these.
 */
public final class Derivatives {
    private Derivatives() { }

    /**
     * The axes a value of static shape {@code s} (with runtime size rows×cols) contributes:
     * none for a scalar, [n] for a column n×1 or a row 1×n, [m, n] for a matrix. The flat index
     * of an entry along these axes is its row-major offset in the {@link DMatrixRMaj}.
     */
    public static int[] axes(Shape s, int rows, int cols) {
        if (s.isScalar()) return new int[0];
        if (s.cols().isOne()) return new int[] {rows};
        if (s.rows().isOne()) return new int[] {cols};
        return new int[] {rows, cols};
    }

    static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }

    /** The basis matrix E_k: 1 at row-major offset k, 0 elsewhere. */
    static DMatrixRMaj basis(int rows, int cols, int k) {
        DMatrixRMaj e = new DMatrixRMaj(rows, cols);
        e.data[k] = 1;
        return e;
    }

    /** The derivative with D = {@code linear} (linear in {@code dx}), f of shape {@code fShape}. */
    public static Tensor fromLinear(Expr linear, Var dx, Shape fShape, Map<String, DMatrixRMaj> values) {
        return fromLinear(linear, dx, fShape, new Evaluator(values));
    }

    /**
     * As above, at a point whose dimensions may already be bound (e.g. {@code at.bind(f)}), so that
     * a D that no longer mentions x (D = sum(dx)) still knows the size of dx.
     */
    public static Tensor fromLinear(Expr linear, Var dx, Shape fShape, Evaluator at) {
        at.bind(linear);
        int[] xs = at.size(dx.shape());
        int nx = xs[0] * xs[1];
        int[] fs = at.size(fShape);
        int nf = fs[0] * fs[1];
        Tensor t = Tensor.zeros(concat(axes(fShape, fs[0], fs[1]), axes(dx.shape(), xs[0], xs[1])));
        for (int k = 0; k < nx; k++) {
            DMatrixRMaj column = at.with(dx, basis(xs[0], xs[1], k)).eval(linear);
            requireSize(column, fs);
            for (int i = 0; i < nf; i++) t.data()[i * nx + k] = column.data[i];
        }
        return t;
    }

    /** Second order: D bilinear in {@code dx1}, {@code dx2}; axes shape(f) + shape(x1) + shape(x2). */
    public static Tensor fromLinear2(Expr bilinear, Var dx1, Var dx2, Shape fShape, Map<String, DMatrixRMaj> values) {
        return fromLinear2(bilinear, dx1, dx2, fShape, new Evaluator(values));
    }

    public static Tensor fromLinear2(Expr bilinear, Var dx1, Var dx2, Shape fShape, Evaluator at) {
        at.bind(bilinear);
        int[] s1 = at.size(dx1.shape()), s2 = at.size(dx2.shape()), fs = at.size(fShape);
        int n1 = s1[0] * s1[1], n2 = s2[0] * s2[1], nf = fs[0] * fs[1];
        Tensor t = Tensor.zeros(concat(axes(fShape, fs[0], fs[1]), axes(dx1.shape(), s1[0], s1[1]),
                axes(dx2.shape(), s2[0], s2[1])));
        for (int a = 0; a < n1; a++) {
            Evaluator first = at.with(dx1, basis(s1[0], s1[1], a));
            for (int b = 0; b < n2; b++) {
                DMatrixRMaj column = first.with(dx2, basis(s2[0], s2[1], b)).eval(bilinear);
                requireSize(column, fs);
                for (int i = 0; i < nf; i++) t.data()[(i * n1 + a) * n2 + b] = column.data[i];
            }
        }
        return t;
    }

    /**
     * Second-order numbers from first-order slices: {@code slices[j]} is ∂/∂x of D(x; E_j), axes
     * shape(f) + {@code xAxes}, for each basis direction E_j of dx; the result has axes
     * shape(f) + {@code dxAxes} + {@code xAxes}.
     */
    static Tensor interleave(Tensor[] slices, int[] dxAxes, int[] xAxes) {
        int[] fx = slices[0].shape();
        int nd = slices.length, nx = 1;
        for (int a : xAxes) nx *= a;
        int nf = slices[0].size() / nx;
        int[] fAxes = java.util.Arrays.copyOf(fx, fx.length - xAxes.length);
        Tensor t = Tensor.zeros(concat(fAxes, dxAxes, xAxes));
        for (int i = 0; i < nf; i++)
            for (int j = 0; j < nd; j++)
                for (int k = 0; k < nx; k++) t.data()[(i * nd + j) * nx + k] = slices[j].data()[i * nx + k];
        return t;
    }

    private static void requireSize(DMatrixRMaj m, int[] size) {
        if (m.numRows != size[0] || m.numCols != size[1])
            throw new IllegalArgumentException("the derivative evaluates to " + m.numRows + "×" + m.numCols
                    + " but f is " + size[0] + "×" + size[1]);
    }
}
