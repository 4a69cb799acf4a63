package dev.matcalc.api;

import dev.matcalc.calculus.Derivative;
import dev.matcalc.compile.Plan;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Identity;
import dev.matcalc.expr.Nodes;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.Tensor;
import dev.matcalc.shapes.Shape;
import dev.matcalc.tensor.KroneckerForm;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensor of a differential Σ c·(L ⊗ R)·[K], filled entry by entry from the evaluated
 * factors. With F m×k and dX p×q, vec(F) = (L ⊗ R)·vec(dX) is F = R·dX·Lᵀ (R m×p, L k×q), so
 * T[i,j,a,b] = c·R[i,a]·L[j,b]; a commuted term is F = R·dXᵀ·Lᵀ (R m×q, L k×p), so
 * T[i,j,a,b] = c·L[j,a]·R[i,b]. Either way T[i,j,a,b] = c·P[ra,a]·Q[rb,b]: P the factor along
 * a (p columns), Q the one along b (q columns), their rows picked by i or j. T is row-major in
 * (i, j, a, b) whatever the shapes (an axis of size one only drops out of the shape), so the
 * innermost loop, over b, writes contiguously. An identity factor is never formed: only its
 * diagonal contributes.
 */
final class KroneckerFill {
    /** Per term: coefficient, then the factor along a, then along b (null for an identity). */
    final List<Expr> roots = new ArrayList<>();
    private final int[] rootOf;           // per term × 3: the plan root, or -1 for an identity factor
    private final boolean[] commuted;
    private final int m, k, p, q;
    private final int[] axes;

    private KroneckerFill(int terms, int m, int k, int p, int q, int[] axes) {
        this.rootOf = new int[3 * terms];
        this.commuted = new boolean[terms];
        this.m = m;
        this.k = k;
        this.p = p;
        this.q = q;
        this.axes = axes;
    }

    /** The fill for these sizes, or null where the terms do not fit it (then the per-direction fill runs). */
    static KroneckerFill of(KroneckerForm form, Derivative derivative, Map<String, DMatrixRMaj> point) {
        if (form == null) return null;
        Var dir = derivative.directions().get(0);
        Shape base = derivative.base().shape();
        Evaluator at = DerivativeResult.at(derivative, point);
        at.bind(derivative.differential());
        int[] fs = at.size(base), xs = at.size(dir.shape());
        int[] fAxes = Points.axes(base, fs[0], fs[1]), xAxes = Points.axes(dir.shape(), xs[0], xs[1]);
        int[] axes = new int[fAxes.length + xAxes.length];
        System.arraycopy(fAxes, 0, axes, 0, fAxes.length);
        System.arraycopy(xAxes, 0, axes, fAxes.length, xAxes.length);
        KroneckerFill fill = new KroneckerFill(form.terms().size(), fs[0], fs[1], xs[0], xs[1], axes);
        for (int t = 0; t < form.terms().size(); t++) {
            KroneckerForm.Term term = form.terms().get(t);
            boolean c = term.commuted();
            fill.commuted[t] = c;
            // non-commuted: P = R (m×p, row i), Q = L (k×q, row j); commuted: P = L (k×p, row j), Q = R (m×q, row i)
            Expr pFactor = c ? term.left() : term.right(), qFactor = c ? term.right() : term.left();
            int pRows = c ? fill.k : fill.m, qRows = c ? fill.m : fill.k;
            if (!fill.add(t, 0, term.coefficient(), 1, 1, at)
                    || !fill.add(t, 1, pFactor, pRows, fill.p, at)
                    || !fill.add(t, 2, qFactor, qRows, fill.q, at)) return null;
        }
        return fill;
    }

    /** Records one part of a term as a plan root (an identity as none), if it has the size the fill needs. */
    private boolean add(int term, int part, Expr e, int rows, int cols, Evaluator at) {
        if (Nodes.variables(e).stream().anyMatch(Var::isDifferential)) return false;
        int[] size = at.size(e.shape());
        if (size[0] != rows || size[1] != cols) return false;
        if (part > 0 && e instanceof Identity) {
            rootOf[3 * term + part] = -1;
            return true;
        }
        rootOf[3 * term + part] = 1 + roots.size(); // root 0 is the function
        roots.add(e);
        return true;
    }

    /** The tensor from the plan's results (after a run). */
    Tensor tensor(Plan plan) {
        double[] t = new double[Points.arrayLength((long) m * k * p * q)];
        for (int term = 0; term < commuted.length; term++) {
            double c = plan.result(rootOf[3 * term]).data[0];
            double[] pf = rootOf[3 * term + 1] < 0 ? null : plan.result(rootOf[3 * term + 1]).data;
            double[] qf = rootOf[3 * term + 2] < 0 ? null : plan.result(rootOf[3 * term + 2]).data;
            boolean swap = commuted[term];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < k; j++) {
                    int ra = swap ? j : i, rb = swap ? i : j;
                    int block = (i * k + j) * p; // T[i,j,a,·] starts at (block + a)·q
                    if (pf == null) addRow(t, (block + ra) * q, c, qf, rb);
                    else for (int a = 0; a < p; a++) addRow(t, (block + a) * q, c * pf[ra * p + a], qf, rb);
                }
        }
        return new Tensor(axes, t);
    }

    /** T[off + b] += s·Q[rb, b] for every b; Q null is the identity, which has one entry in row rb. */
    private void addRow(double[] t, int off, double s, double[] qf, int rb) {
        if (qf == null) {
            t[off + rb] += s;
            return;
        }
        int row = rb * q;
        for (int b = 0; b < q; b++) t[off + b] += s * qf[row + b];
    }
}
