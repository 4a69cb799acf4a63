package dev.matcalc.problem;

import dev.matcalc.expr.Var;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables laid out in one flat vector, the solver's x: each in turn, a scalar as one entry,
 * a vector or matrix by rows, a symmetric matrix by its upper triangle (row by row, diagonal
 * included), so that it stays symmetric whatever the solver does.
 *
 * <p>Gradients map accordingly. The packed entry p of a symmetric S stands for both S[i,j] and
 * S[j,i], so ∂f/∂p = G[i,j] + G[j,i] for the unconstrained gradient G (the chain rule through
 * S = unpack(p)); the calculus gives the projection (G + G')/2, for which this is 2·G[i,j] off the
 * diagonal and G[i,i] on it. Hessian-vector products map the same way, with the direction unpacked
 * as a symmetric matrix.
 */
public final class Packing {
    /** One variable's place: entries [offset, offset + length) of x. */
    public record Slot(Var variable, int rows, int cols, int offset, boolean symmetric) {
        public int length() {
            return symmetric ? rows * (rows + 1) / 2 : rows * cols;
        }
    }

    private final List<Slot> slots;
    private final int dimension;

    /** @param sizes {rows, cols} of each variable at the problem's data */
    public Packing(List<Var> variables, Map<String, int[]> sizes) {
        List<Slot> out = new ArrayList<>();
        int offset = 0;
        for (Var v : variables) {
            int[] size = sizes.get(v.name());
            boolean symmetric = v.kind() == Var.Kind.SYMMETRIC;
            Slot s = new Slot(v, size[0], size[1], offset, symmetric);
            out.add(s);
            offset = Math.addExact(offset, s.length());
        }
        this.slots = List.copyOf(out);
        this.dimension = offset;
    }

    public List<Slot> slots() {
        return slots;
    }

    public int dimension() {
        return dimension;
    }

    /** Fresh matrices, one per variable, to unpack into. */
    public DMatrixRMaj[] buffers() {
        DMatrixRMaj[] out = new DMatrixRMaj[slots.size()];
        for (int k = 0; k < out.length; k++) out[k] = new DMatrixRMaj(slots.get(k).rows(), slots.get(k).cols());
        return out;
    }

    /** Writes each variable's value at x into its buffer (a symmetric one mirrored from its upper triangle). */
    public void unpack(double[] x, DMatrixRMaj[] into) {
        for (int k = 0; k < slots.size(); k++) unpack(slots.get(k), x, into[k]);
    }

    private static void unpack(Slot s, double[] x, DMatrixRMaj m) {
        if (!s.symmetric()) {
            System.arraycopy(x, s.offset(), m.data, 0, s.length());
            return;
        }
        int n = s.rows(), p = s.offset();
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) {
                double v = x[p++];
                m.data[i * n + j] = v;
                m.data[j * n + i] = v;
            }
    }

    /** The variables' values at x, by name (fresh matrices). */
    public Map<String, DMatrixRMaj> values(double[] x) {
        DMatrixRMaj[] m = buffers();
        unpack(x, m);
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        for (int k = 0; k < slots.size(); k++) out.put(slots.get(k).variable().name(), m[k]);
        return out;
    }

    /** The flat vector of the values given (a symmetric matrix by its upper triangle, as given). */
    public double[] pack(Map<String, DMatrixRMaj> values) {
        double[] x = new double[dimension];
        for (Slot s : slots) {
            DMatrixRMaj m = values.get(s.variable().name());
            if (m == null) throw new IllegalArgumentException("no value for " + s.variable().name());
            if (m.numRows != s.rows() || m.numCols != s.cols())
                throw new IllegalArgumentException(s.variable().name() + " is " + s.rows() + "×" + s.cols()
                        + ", the value given " + m.numRows + "×" + m.numCols);
            if (!s.symmetric()) {
                System.arraycopy(m.data, 0, x, s.offset(), s.length());
                continue;
            }
            int p = s.offset();
            for (int i = 0; i < s.rows(); i++)
                for (int j = i; j < s.rows(); j++) x[p++] = m.get(i, j);
        }
        return x;
    }

    /**
     * Adds {@code scale}·(the derivative by the packed entries) of a gradient G given in slot k's
     * variable's shape into {@code out}: G itself, or G[i,j] + G[j,i] for a symmetric variable.
     */
    public void packGradient(int k, DMatrixRMaj g, double scale, double[] out) {
        Slot s = slots.get(k);
        if (!s.symmetric()) {
            for (int i = 0, n = s.length(); i < n; i++) out[s.offset() + i] = scale * g.data[i];
            return;
        }
        int n = s.rows(), p = s.offset();
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                out[p++] = scale * (i == j ? g.data[i * n + i] : g.data[i * n + j] + g.data[j * n + i]);
    }

    /** What entry k of x is: {@code x[3]}, {@code A[2,1]}, {@code S[1,2]} (and S[2,1]), {@code c}; from 1. */
    public String describe(int k) {
        for (Slot s : slots) {
            if (k >= s.offset() + s.length()) continue;
            int local = k - s.offset();
            String name = s.variable().name();
            if (!s.symmetric()) return ValueChecks.entry(name, new DMatrixRMaj(s.rows(), s.cols()), local / s.cols(), local % s.cols());
            for (int i = 0; i < s.rows(); i++) {
                int row = s.rows() - i;
                if (local < row) return name + "[" + (i + 1) + "," + (i + local + 1) + "]";
                local -= row;
            }
        }
        throw new IndexOutOfBoundsException("entry " + k + " of " + dimension);
    }

    /** The packed index of entry (i, j) of slot k (for a symmetric variable, of its upper-triangle twin). */
    public int index(int k, int i, int j) {
        Slot s = slots.get(k);
        if (!s.symmetric()) return s.offset() + i * s.cols() + j;
        int r = Math.min(i, j), c = Math.max(i, j), n = s.rows();
        return s.offset() + r * n - r * (r - 1) / 2 + (c - r);
    }
}
