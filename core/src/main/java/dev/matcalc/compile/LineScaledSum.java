package dev.matcalc.compile;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.List;

/**
 * A sum with a term that scales the rows or the columns of a matrix, {@code A - diag(u)*Y} or
 * {@code A + c*Y*diag(v)}, as one pass: the scaled term is read with its row's (column's) factor, where
 * a separate scaling step wrote {@code diag(u)*Y} into a buffer of its own first, a pass over memory
 * and a buffer more. The softmax Jacobian applied by rows, {@code S.*(P - sum(S.*P, 2))} (attention's
 * gradient, a softmax classifier's), distributes into this form ({@link Scalings}).
 *
 * <p>A term is read this way when it is used by nothing else (a shared scaling is computed once) and
 * its matrix is read as stored (not transposed). The other terms are read as {@link PlanBuilder}'s
 * sums read them: matrices with their scalar coefficients, scalars added to every entry.
 */
final class LineScaledSum {
    private LineScaledSum() { }

    private enum Kind { SCALAR, MATRIX, ROWS, COLUMNS }

    /** One term: its matrix (or scalar) step, the vector scaling it, its constant and scalar factors. */
    private record Term(Kind kind, Step value, Step line, double constant, List<Step> scalars) { }

    /** The step of the sum, or null where no term scales lines (the general sum then). */
    static Step plan(PlanBuilder b, Add a) {
        if (a.isScalar()) return null;
        if (a.terms().stream().noneMatch(t -> lineScaling(b, t) != null)) return null; // before any step is made
        List<Term> terms = new ArrayList<>();
        for (Expr t : a.terms()) terms.add(term(b, t));
        int[] size = b.at.size(a.shape());
        int rows = size[0], cols = size[1];
        // inputs: each term's value, then its line (if any), then its scalar factors
        List<Step> inputs = new ArrayList<>();
        int k = terms.size();
        int[] value = new int[k], line = new int[k], scalarsFrom = new int[k + 1];
        Kind[] kind = new Kind[k];
        double[] constant = new double[k];
        int first = -1;
        for (int i = 0; i < k; i++) {
            Term t = terms.get(i);
            kind[i] = t.kind;
            constant[i] = t.constant;
            value[i] = inputs.size();
            inputs.add(t.value);
            line[i] = -1;
            if (t.line != null) {
                line[i] = inputs.size();
                inputs.add(t.line);
            }
            if (t.kind == Kind.MATRIX && first < 0) first = i;
        }
        for (int i = 0; i < k; i++) {
            scalarsFrom[i] = inputs.size();
            inputs.addAll(terms.get(i).scalars);
        }
        scalarsFrom[k] = inputs.size();
        int init = first; // the matrix term that initializes the result (may share its buffer)
        Step.RangeKernel kernel = (self, from, to) -> {
            double[] c = constant.clone();
            for (int i = 0; i < k; i++) for (int s = scalarsFrom[i]; s < scalarsFrom[i + 1]; s++) c[i] *= self.scalar(s);
            double shift = 0;
            for (int i = 0; i < k; i++) if (kind[i] == Kind.SCALAR) shift += c[i] * self.scalar(value[i]);
            double[] z = self.out.data;
            for (int j = from; j < to; ) { // a row segment at a time, every term on it while it is in cache
                int r = j / cols, o = r * cols, end = Math.min(to, o + cols);
                if (init < 0) java.util.Arrays.fill(z, j, end, shift);
                else {
                    double[] x = self.in(value[init]).out.data;
                    double ci = c[init];
                    if (ci == 1 && shift == 0) { if (x != z) System.arraycopy(x, j, z, j, end - j); }
                    else for (int e = j; e < end; e++) z[e] = ci * x[e] + shift;
                }
                for (int i = 0; i < k; i++) {
                    if (i == init || kind[i] == Kind.SCALAR) continue;
                    double[] y = self.in(value[i]).out.data;
                    double ci = c[i];
                    switch (kind[i]) {
                        case MATRIX -> addScaled(z, y, ci, j, end);
                        case ROWS -> addScaled(z, y, ci * self.in(line[i]).out.data[r], j, end);
                        default -> addColumnScaled(z, y, ci, self.in(line[i]).out.data, j - o, j, end);
                    }
                }
                j = end;
            }
        };
        return b.add(new Step("add, scaling rows or columns", rows, cols, inputs, init < 0 ? -1 : value[init], kernel));
    }

    // the loops in small methods of their own: compiled (and vectorized) apart from the kernel's bookkeeping

    /** z[from, to) += c·y[from, to). */
    private static void addScaled(double[] z, double[] y, double c, int from, int to) {
        for (int e = from; e < to; e++) z[e] += c * y[e];
    }

    /** z[from, to) += c·y[from, to)·w[at, ...): a row segment scaled by the columns' factors from column at. */
    private static void addColumnScaled(double[] z, double[] y, double c, double[] w, int at, int from, int to) {
        // the JIT does not vectorize this loop itself (w might be z, read at other indices): the vector module's SIMD
        if (ElementwiseKernels.VECTOR) {
            VectorMath.addColumnScaled(z, y, c, w, at, from, to);
            return;
        }
        int shift = at - from;
        for (int e = from; e < to; e++) z[e] += c * y[e] * w[e + shift];
    }

    private static Term term(PlanBuilder b, Expr t) {
        if (t.isScalar()) return new Term(Kind.SCALAR, b.step(t), null, 1, List.of());
        Expr u = unref(t);
        if (!(u instanceof MatMul m)) return new Term(Kind.MATRIX, b.step(t), null, 1, List.of());
        List<Expr> matrices = m.factors().stream().filter(f -> !f.isScalar()).toList();
        Kind lines = lineScaling(b, t);
        if (lines == null && !(matrices.size() == 1 && plain(matrices.get(0))))
            return new Term(Kind.MATRIX, b.step(t), null, 1, List.of()); // a product or a transpose: a step
        double constant = 1;
        List<Step> scalars = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num n) constant *= n.value();
            else if (f.isScalar()) scalars.add(b.step(f));
        }
        if (lines == null) return new Term(Kind.MATRIX, b.step(matrices.get(0)), null, constant, scalars);
        Expr diag = matrices.get(lines == Kind.ROWS ? 0 : 1), y = matrices.get(lines == Kind.ROWS ? 1 : 0);
        return new Term(lines, b.step(y), b.step(((Call) unref(diag)).arg()), constant, scalars);
    }

    /** ROWS for c*diag(u)*Y, COLUMNS for c*Y*diag(v) (Y a matrix read as stored, the term read by this sum alone), else null. */
    private static Kind lineScaling(PlanBuilder b, Expr t) {
        if (t.isScalar() || !(unref(t) instanceof MatMul m) || b.uses(t) != 1) return null;
        List<Expr> matrices = m.factors().stream().filter(f -> !f.isScalar()).toList();
        if (matrices.size() != 2) return null;
        Expr l = unref(matrices.get(0)), r = unref(matrices.get(1));
        if (diag(l) && plain(r) && !b.isVector(r)) return Kind.ROWS;
        if (diag(r) && plain(l) && !b.isVector(l)) return Kind.COLUMNS;
        return null;
    }

    /** A matrix read as stored: not a transpose, not a diagonal matrix. */
    private static boolean plain(Expr e) {
        Expr u = unref(e);
        return !(u instanceof Transpose) && !diag(u);
    }

    private static boolean diag(Expr e) {
        return unref(e) instanceof Call c && c.fn() == MatFn.DIAG_MATRIX;
    }

    private static Expr unref(Expr e) {
        return e instanceof Ref r ? unref(r.value()) : e;
    }
}
