package dev.matcalc.bench;

import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layer families of the autodiff comparison, with data that bench/peers.py computes bit for bit
 * ({@code layer_data} there): every entry is a counter-based hash of (seed, index), SplitMix64, so
 * the two sides time and check the same numbers without passing files.
 */
final class Layers {
    private Layers() { }

    /** Input, hidden and class counts of the classifier (MNIST-sized); the batch is the job's n. */
    static final int INPUTS = 784, HIDDEN = 256, CLASSES = 10;
    /** The attention head width (at most n). */
    static final int HEAD = 64;

    /** A batched 784→256→10 classifier with tanh and softmax cross-entropy, by all four parameters. */
    static final String MLP_CE = "-sum(Y.*log(softmax(W2*tanh(W1*X + b1) + b2, 1)))";
    /** Scaled dot-product attention, contracted with G (an upstream gradient), by Q, K and V. */
    static final String ATTENTION = "sum(G.*(softmax(Q*K'/c, 2)*V))";

    static AutodiffProblems mlpCe(int batch) {
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        v.put("W1", uniform(HIDDEN, INPUTS, 1));
        v.put("b1", uniform(HIDDEN, 1, 2));
        v.put("W2", uniform(CLASSES, HIDDEN, 3));
        v.put("b2", uniform(CLASSES, 1, 4));
        v.put("X", uniform(INPUTS, batch, 5));
        v.put("Y", oneHot(CLASSES, batch, 6));
        return new AutodiffProblems(MLP_CE, List.of("W1", "b1", "W2", "b2"), v,
                new String[] {"b1:vector(h)", "b2:vector(k)"});
    }

    static AutodiffProblems attention(int n) {
        int d = Math.min(HEAD, n);
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        v.put("Q", uniform(n, d, 7));
        v.put("K", uniform(n, d, 8));
        v.put("V", uniform(n, d, 9));
        v.put("G", uniform(n, d, 10));
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        c.data[0] = Math.sqrt(d);
        v.put("c", c);
        return new AutodiffProblems(ATTENTION, List.of("Q", "K", "V"), v, new String[0]);
    }

    /** SplitMix64 of (seed, i) as a double in [0, 1) with 53 random bits. */
    static double unit(long seed, long i) {
        long z = (seed << 32) + i + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** Row-major entries uniform on ±√(3/max(rows, cols)) (variance 1/max(rows, cols)). */
    static DMatrixRMaj uniform(int rows, int cols, long seed) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        double scale = Math.sqrt(3.0 / Math.max(rows, cols));
        for (int i = 0; i < m.data.length; i++) m.data[i] = (2 * unit(seed, i) - 1) * scale;
        return m;
    }

    /** One-hot labels: column j has its 1 in row floor(unit(seed, j)·classes). */
    static DMatrixRMaj oneHot(int classes, int cols, long seed) {
        DMatrixRMaj m = new DMatrixRMaj(classes, cols);
        for (int j = 0; j < cols; j++) m.set((int) (unit(seed, j) * classes), j, 1);
        return m;
    }
}
