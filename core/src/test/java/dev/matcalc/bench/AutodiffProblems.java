package dev.matcalc.bench;

import org.ejml.data.DMatrixRMaj;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark problems of the autodiff comparison (the Laue et al. families), with the sizes
 * bench/peers.py uses: x'Ax (A n×n); the logistic loss (X 2n×n); matrix factorization by U
 * (T n×n, rank k = n/10); a 2-layer MLP loss by W1 (W1 h×n with h = n/10, batch X n×n, 10 outputs).
 *
 * <p>Two layer families, whose gradient is taken by every parameter at once ({@link #wrt} has them
 * all) and whose data is the same numbers in bench/peers.py ({@link Layers}, a counter-based
 * generator both sides compute bit for bit): a batched classifier with softmax cross-entropy,
 * {@link Layers#MLP_CE}, and an attention block, {@link Layers#ATTENTION}.
 */
record AutodiffProblems(String expr, List<String> wrt, Map<String, DMatrixRMaj> values, String[] lets) {
    AutodiffProblems(String expr, String wrt, Map<String, DMatrixRMaj> values) {
        this(expr, List.of(wrt), values, new String[0]);
    }

    static AutodiffProblems of(String name, int n, long seed) {
        Random rnd = new Random(seed);
        Map<String, DMatrixRMaj> v = new LinkedHashMap<>();
        int k = Math.max(1, n / 10);
        switch (name) {
            case "xAx" -> {
                v.put("A", random(n, n, rnd));
                v.put("x", random(n, 1, rnd));
                return new AutodiffProblems("x'*A*x", "x", v);
            }
            case "logistic" -> {
                v.put("X", random(2 * n, n, rnd));
                DMatrixRMaj y = new DMatrixRMaj(2 * n, 1);
                for (int i = 0; i < 2 * n; i++) y.data[i] = rnd.nextBoolean() ? 1 : -1;
                v.put("y", y);
                DMatrixRMaj w = random(n, 1, rnd);
                for (int i = 0; i < n; i++) w.data[i] /= Math.sqrt(n);
                v.put("w", w);
                return new AutodiffProblems("sum(log(1+exp(-y.*(X*w))))", "w", v);
            }
            case "mf" -> {
                v.put("T", random(n, n, rnd));
                v.put("U", random(n, k, rnd));
                v.put("V", random(n, k, rnd));
                return new AutodiffProblems("norm2(T-U*V')^2", "U", v);
            }
            case "mlp" -> {
                v.put("W2", random(10, k, rnd));
                v.put("W1", random(k, n, rnd));
                v.put("X", random(n, n, rnd));
                v.put("Y", random(10, n, rnd));
                return new AutodiffProblems("sum((W2*tanh(W1*X) - Y).^2)", "W1", v);
            }
            case "mlp-ce" -> {
                return Layers.mlpCe(n);
            }
            case "attention" -> {
                return Layers.attention(n);
            }
            default -> throw new IllegalArgumentException("unknown problem " + name);
        }
    }

    static DMatrixRMaj random(int rows, int cols, Random rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rnd.nextGaussian() / Math.sqrt(Math.max(rows, cols));
        return m;
    }
}
