package dev.matcalc.compile;

import dev.ludovic.netlib.blas.BLAS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One pass over a large matrix where a plan reads it twice: {@code z = X·w}, element-wise steps on
 * z (one entry per row of X), then {@code g = X'·r} — the shape of every gradient of a loss of a
 * linear model (logistic: {@code X'*(sigmoid(...).*y)}; least squares: {@code A'*(A*x - b)}). As
 * separate steps, X goes through memory twice (two matrix-vector products, each bound by memory
 * bandwidth once X is past the caches). Fused, X is read a block of rows at a time: the block's
 * rows of z, the element-wise steps on those rows, and the block's share of X'·r while the block is
 * still in cache — X read once from memory. Blocks are split over the cores, each core summing its
 * own share of g. A block's two products are SIMD loops in Java ({@link RowKernels}) where the vector
 * module is present, two BLAS calls otherwise.
 *
 * <p>A group is fused only when every step between the two products is element-wise on n×1
 * vectors ({@link Step#range}) and reads nothing computed from z outside the group (a sum over z,
 * say), so that the rows are independent. Steps that read the group's results (the loss's sum, the
 * objective's value) move after it, steps it reads before it; nothing else changes. At most one
 * group per plan, and none in a plan with direction-dependent steps (Hessian-vector products).
 */
final class RowFusion {
    private RowFusion() { }

    /**
     * X must have at least this many entries (1 MB, a current core's L2): a smaller one stays in
     * cache between the two products. A Spark table's block of 4,096 rows × 50 (1.6 MB) is past it:
     * unfused, its second product read it from L3, and a pass took 15–25% longer (2 threads, bench/spark.sh).
     */
    static final long MIN_ENTRIES = 1L << 17;
    private static volatile long minEntries = MIN_ENTRIES;

    /**
     * Entries of X per block: under OpenBLAS's threshold for splitting a matrix-vector product over
     * threads (2304·4), so that each core's calls stay on that core, and far inside its L2 cache.
     */
    static final int BLOCK_ENTRIES = 8192;

    /**
     * Entries of X per block in the SIMD path ({@link RowKernels}), which makes no native call per
     * block: 256 KB, inside a core's L2 (512 KB to 2 MB on current x86) so that the block's second
     * half reads it from there, and long enough that the element-wise steps' per-call cost is small.
     * Measured on 2,000×1,000 and 20,000×1,000: 8,192 entries took 10–15% longer, 131,072 about as long
     * as 8,192.
     */
    static final int LANE_BLOCK_ENTRIES = 32768;

    /**
     * The blocks' products on SIMD lanes in Java where the vector module is present, else as BLAS
     * calls. The lanes are faster at every size measured: two native calls per block cost about a
     * microsecond each (with blocks under OpenBLAS's threading threshold, 8 rows of 1,000, that was
     * half the pass: 7.5 ms against 3.1–3.8 ms on 20,000×1,000, 0.73 ms against 0.30 ms on 2,000×1,000).
     */
    private static volatile boolean lanes = ElementwiseKernels.VECTOR;

    /** {@code -Dmatcalc.noRowFusion=true} keeps the two products apart (for measuring what fusing gains). */
    private static final boolean OFF = Boolean.getBoolean("matcalc.noRowFusion");

    /** For tests: fuse matrices from this many entries on (so that small test plans take the fused path). */
    static void minEntries(long entries) {
        minEntries = entries;
    }

    /** For tests: groups fused from now on take the SIMD path (true, where the vector module is present) or BLAS calls. */
    static void lanes(boolean on) {
        lanes = on && ElementwiseKernels.VECTOR;
    }

    /** The steps in an order that runs the first fusable group as one step; {@code steps} itself when there is none. */
    static List<Step> fuse(List<Step> steps) {
        if (OFF) return steps;
        for (Step s : steps) if (s.dependent) return steps;
        for (Step b : steps) {
            List<Step> fused = fuse(steps, b);
            if (fused != null) return fused;
        }
        return steps;
    }

    /** The new order with {@code b} (a candidate for X'·r) fused with its X·w, or null. */
    private static List<Step> fuse(List<Step> steps, Step b) {
        Step.Product pb = b.product;
        if (pb == null || !pb.leftTrans() || pb.rightTrans()) return null;
        // X'·r (a column), or r'·X (a row: the gradient in numerator layout); the same numbers
        Step x = b.cols == 1 ? pb.left() : b.rows == 1 ? pb.right() : null, r = x == pb.left() ? pb.right() : pb.left();
        if (x == null) return null;
        int n = x.rows;
        if (n < 2 || x.cols < 2 || (long) n * x.cols < minEntries) return null;
        Set<Step> ancestors = ancestors(b);
        Step a = null;
        for (Step s : steps) {
            if (s.product != null && s.product.left() == x && !s.product.leftTrans() && s.rows == n && s.cols == 1
                    && s.product.right().cols == 1
                    && s.product.right().rows * s.product.right().cols == x.cols && ancestors.contains(s)) {
                if (a != null) return null;         // two products by X before X'·r: not this pattern
                a = s;
            }
        }
        if (a == null) return null;
        Set<Step> descendants = descendants(a, steps);
        List<Step> chain = new ArrayList<>();
        for (Step s : steps) if (s != a && s != b && descendants.contains(s) && ancestors.contains(s)) chain.add(s);
        Set<Step> inGroup = identitySet();
        inGroup.add(a);
        inGroup.addAll(chain);
        if (!inGroup.contains(r) || r.rows != n || r.cols != 1) return null;
        for (Step s : chain) {
            if (s.range == null || s.rows != n || s.cols != 1) return null;
            for (Step in : s.inputs) {
                if (inGroup.contains(in)) continue;
                boolean before = !descendants.contains(in);
                if (!before || !(in.isScalar() || in.rows == n && in.cols == 1)) return null;
            }
        }
        Group group = new Group(x, a, List.copyOf(chain), r, b);
        List<Step> inputs = new ArrayList<>();
        for (Step s : inGroup) for (Step in : s.inputs) if (!inGroup.contains(in) && !inputs.contains(in)) inputs.add(in);
        Step fused = new Step("one pass over the rows of " + x + ": " + a + ", " + chain.size()
                + " element-wise steps, " + b, b.rows, b.cols, inputs, -1, self -> group.run());
        fused.owned = false;
        List<Step> order = new ArrayList<>();
        for (Step s : steps) if (s != a && !descendants.contains(s)) order.add(s);
        order.add(fused);
        for (Step s : steps) if (descendants.contains(s) && !inGroup.contains(s) && s != b) order.add(s);
        return order;
    }

    /** z = X·w, the element-wise steps, g = X'·r, a block of rows at a time. */
    private static final class Group {
        private final Step x, a, r, b;
        private final List<Step> chain;
        /** Each core's share of g (the first is g itself), kept across runs. */
        private double[][] partial;
        private final boolean lanes = RowFusion.lanes;

        Group(Step x, Step a, List<Step> chain, Step r, Step b) {
            this.x = x;
            this.a = a;
            this.r = r;
            this.chain = chain;
            this.b = b;
        }

        void run() {
            double[] g = b.out.data;            // read at every run: Plan.runInto may have replaced it
            int n = a.rows, d = x.cols;
            int block = Math.max(1, (lanes ? LANE_BLOCK_ENTRIES : BLOCK_ENTRIES) / d), blocks = (n + block - 1) / block;
            // more shares than cores (each with its own g), claimed as cores come free ({@link Parallel#forEach})
            int parts = Math.min(blocks, Runtime.getRuntime().availableProcessors() * Parallel.UNITS_PER_CORE);
            if (partial == null || partial.length != parts) {
                partial = new double[parts][];
                for (int p = 1; p < parts; p++) partial[p] = new double[g.length];
            }
            partial[0] = g;
            Parallel.forEach(parts, parts < 2 ? 0 : Parallel.MIN_ENTRIES, p -> {
                int from = (int) ((long) blocks * p / parts) * block, to = Math.min(n, (int) ((long) blocks * (p + 1) / parts) * block);
                rows(from, to, block, partial[p]);
            });
            for (int p = 1; p < parts; p++) {
                double[] q = partial[p];
                for (int i = 0; i < g.length; i++) g[i] += q[i];
            }
        }

        /** Rows [from, to) in blocks; g = this share of X'·r (overwritten). */
        private void rows(int from, int to, int block, double[] g) {
            BLAS blas = Dense.blas();
            double[] xs = x.out.data, w = a.product.right().out.data, z = a.out.data, rs = r.out.data;
            int d = x.cols;
            double alphaA = a.product.alpha().applyAsDouble(a), alphaB = b.product.alpha().applyAsDouble(b);
            if (from >= to) {
                java.util.Arrays.fill(g, 0);
                return;
            }
            if (lanes) {
                java.util.Arrays.fill(g, 0);
                for (int r0 = from; r0 < to; r0 += block) {
                    int rows = Math.min(block, to - r0);
                    RowKernels.dots(xs, r0, rows, d, w, alphaA, z);
                    for (Step s : chain) s.range.run(s, r0, r0 + rows);
                    RowKernels.addRows(xs, r0, rows, d, rs, alphaB, g);
                }
                return;
            }
            for (int r0 = from; r0 < to; r0 += block) {
                int rows = Math.min(block, to - r0);
                // row-major X's rows r0.. are, column-major, a d×rows matrix with leading dimension d
                blas.dgemv("T", d, rows, alphaA, xs, r0 * d, d, w, 0, 1, 0, z, r0, 1);
                for (Step s : chain) s.range.run(s, r0, r0 + rows);
                blas.dgemv("N", d, rows, alphaB, xs, r0 * d, d, rs, r0, 1, r0 == from ? 0 : 1, g, 0, 1);
            }
        }
    }

    private static Set<Step> ancestors(Step s) {
        Set<Step> seen = identitySet();
        List<Step> todo = new ArrayList<>(s.inputs);
        while (!todo.isEmpty()) {
            Step t = todo.remove(todo.size() - 1);
            if (seen.add(t)) todo.addAll(t.inputs);
        }
        return seen;
    }

    /** The steps that read a's value, directly or not (the list is in dependency order). */
    private static Set<Step> descendants(Step a, List<Step> steps) {
        Set<Step> out = identitySet();
        for (Step s : steps) for (Step in : s.inputs) if (in == a || out.contains(in)) {
            out.add(s);
            break;
        }
        return out;
    }

    private static Set<Step> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
