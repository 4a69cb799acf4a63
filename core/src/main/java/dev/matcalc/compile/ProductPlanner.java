package dev.matcalc.compile;

import dev.matcalc.expr.*;
import dev.matcalc.simplify.Symmetry;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans an n-ary product. Scalar factors become one coefficient (the alpha of the last
 * multiplication). A transposed factor is multiplied as is (BLAS's transpose flag), a
 * {@code diag(v)} factor scales rows or columns. Products known to be symmetric take the
 * half-and-mirror routines of {@link Dense} (syrk for X'·X and X'·diag(v)·X); the others are
 * associated by the matrix-chain dynamic program on the runtime sizes, a diagonal factor costing
 * one multiply per entry it scales.
 */
final class ProductPlanner {
    /** A factor: a step, maybe transposed, maybe the vector of a diagonal matrix. */
    record Operand(Step step, boolean trans, boolean diag) {
        int rows() {
            return diag ? size() : trans ? step.cols : step.rows;
        }

        int cols() {
            return diag ? size() : trans ? step.rows : step.cols;
        }

        int size() {
            return step.rows * step.cols;
        }

        boolean isTransposeOf(Operand o) {
            return !diag && !o.diag && step == o.step && trans != o.trans;
        }

        /** A sparse input, read only by sparse-times-dense products. */
        boolean sparse() {
            return !diag && step.sparse;
        }
    }

    private final PlanBuilder b;

    ProductPlanner(PlanBuilder b) {
        this.b = b;
    }

    Step plan(MatMul m) {
        Step distributed = distribute(m);
        if (distributed != null) return distributed;
        Factors factors = factors(m);
        Coefficient alpha = factors.alpha();
        List<Operand> ops = factors.operands();
        List<Step> scalars = alpha.scalars();
        if (ops.isEmpty())
            return b.add(new Step("scalar product", 1, 1, scalars, -1, self -> self.out.data[0] = alpha.value(self, 0)));
        if (ops.size() == 1) return scaled(ops.get(0), alpha);
        int rows = ops.get(0).rows(), cols = ops.get(ops.size() - 1).cols();
        boolean sparse = ops.stream().anyMatch(Operand::sparse);
        if (rows == cols && rows > 1 && !sparse && Symmetry.isSymmetric(m)) {
            Step s = symmetric(ops, alpha);
            if (s != null) return s;
        }
        return chain(ops, alpha);
    }

    /** A product's last multiplication, alpha·op(left)·op(right), for a sum to add into its own buffer. */
    record Accumulation(Operand left, Operand right, Coefficient alpha) { }

    /**
     * The operands of the last multiplication of a matrix-valued chain with no diagonal factor; null
     * for products planned otherwise (vector results, diagonal scalings, symmetric halves).
     */
    Accumulation accumulation(MatMul m) {
        int[] size = b.at.size(m.shape());
        if (size[0] == 1 || size[1] == 1 || Symmetry.isSymmetric(m)) return null;
        Factors factors = factors(m);
        List<Operand> ops = factors.operands();
        if (ops.size() < 2 || ops.stream().anyMatch(o -> o.diag || o.sparse())) return null;
        int k = ops.size();
        int[][] split = order(ops);
        Operand l = emit(ops, split, 0, split[0][k - 1]), r = emit(ops, split, split[0][k - 1] + 1, k - 1);
        return new Accumulation(l, r, factors.alpha()); // no diagonal operand: no diagonal side
    }

    /** A product's factors: the numbers and scalars as one coefficient, the rest as operands in order. */
    private record Factors(Coefficient alpha, List<Operand> operands) { }

    private Factors factors(MatMul m) {
        double constant = 1;
        List<Step> scalars = new ArrayList<>();
        List<Operand> ops = new ArrayList<>();
        for (Expr f : m.factors()) {
            if (f instanceof Num n) constant *= n.value();
            else if (f.isScalar()) scalars.add(b.step(f));
            else ops.add(operand(f));
        }
        return new Factors(new Coefficient(constant, scalars), ops);
    }

    /** At most this many products from distributing (beyond, forming the sums is cheaper than the products). */
    private static final long MAX_DISTRIBUTED = 8;

    /**
     * A product that ends in a vector with a sum of matrices among its factors, {@code x'*(A + A')}, is
     * the sum of the products through each term, {@code x'*A + x'*A'}: matrix-vector products (gemv,
     * transposes by flag) instead of forming the n×n sum; null where there is no such factor.
     */
    private Step distribute(MatMul m) {
        int[] size = b.at.size(m.shape());
        if (size[0] != 1 && size[1] != 1) return null;
        List<Expr> fs = m.factors();
        long products = 1; // several sum factors multiply out: x'*(A+B)*(C+D)*y has four products
        for (Expr f : fs) if (unref(f instanceof Transpose t ? t.arg() : f) instanceof Add a) products *= a.terms().size();
        if (products > MAX_DISTRIBUTED) return null;
        for (int i = 0; i < fs.size(); i++) {
            Expr f = unref(fs.get(i));
            boolean transposed = f instanceof Transpose t && unref(t.arg()) instanceof Add;
            if (transposed) f = unref(((Transpose) f).arg());
            if (!(f instanceof Add a) || a.terms().stream().anyMatch(Expr::isScalar)) continue;
            int[] fsize = b.at.size(f.shape());
            if (fsize[0] == 1 || fsize[1] == 1) continue; // a sum of vectors costs no more than its products
            List<Expr> terms = new ArrayList<>();
            for (Expr t : a.terms()) {
                List<Expr> g = new ArrayList<>(fs.subList(0, i));
                if (unref(t) instanceof MatMul inner) { // one chain, ordered as a whole; (A*B)' = B'*A'
                    List<Expr> in = new ArrayList<>(inner.factors());
                    if (transposed) {
                        java.util.Collections.reverse(in);
                        in.replaceAll(e -> e.isScalar() ? e : new Transpose(e));
                    }
                    g.addAll(in);
                } else g.add(transposed ? new Transpose(t) : t);
                g.addAll(fs.subList(i + 1, fs.size()));
                terms.add(new MatMul(g, m.shape()));
            }
            return b.step(new Add(terms, m.shape()));
        }
        return null;
    }

    private static Expr unref(Expr e) {
        return e instanceof Ref r ? unref(r.value()) : e;
    }

    private Operand operand(Expr f) {
        if (f instanceof Ref r) return operand(r.value());
        if (f instanceof Transpose t && !t.arg().isScalar()) {
            Operand o = operand(t.arg());
            return o.diag ? o : new Operand(o.step, !o.trans, false);
        }
        if (f instanceof Call c && c.fn() == MatFn.DIAG_MATRIX) return new Operand(b.step(c.arg()), false, true);
        return new Operand(b.step(f), false, false);
    }

    /** The coefficient: a constant times the values of the scalar inputs from index {@code from} on. */
    record Coefficient(double constant, List<Step> scalars) {
        double value(Step self, int from) {
            double a = constant;
            for (int i = 0; i < scalars.size(); i++) a *= self.scalar(from + i);
            return a;
        }
    }

    private static List<Step> inputs(List<Step> operands, Coefficient alpha) {
        List<Step> in = new ArrayList<>(operands);
        in.addAll(alpha.scalars());
        return in;
    }

    /** alpha · op(x), or alpha · diag(v) dense. */
    private Step scaled(Operand o, Coefficient alpha) {
        int rows = o.rows(), cols = o.cols();
        if (!o.trans && !o.diag)
            return b.add(new Step("scale", rows, cols, inputs(List.of(o.step), alpha), 0, (self, from, to) -> {
                double a = alpha.value(self, 1);
                double[] x = self.in(0).out.data, z = self.out.data;
                for (int i = from; i < to; i++) z[i] = a * x[i];
            }));
        return b.add(new Step("scale", rows, cols, inputs(List.of(o.step), alpha), -1, self -> {
            double a = alpha.value(self, 1);
            DMatrixRMaj x = self.in(0).out;
            double[] z = self.out.data;
            if (o.diag) {
                java.util.Arrays.fill(z, 0);
                for (int i = 0; i < rows; i++) z[i * rows + i] = a * x.data[i];
            } else {
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) z[i * cols + j] = a * x.data[j * rows + i];
            }
        }));
    }

    /** F'·F, F'·diag(v)·F, or any symmetric chain as (all but the last factor)·(the last), half of it. */
    private Step symmetric(List<Operand> ops, Coefficient alpha) {
        int n = ops.get(0).rows();
        if (ops.size() == 2 && ops.get(0).isTransposeOf(ops.get(1))) {
            Operand f = ops.get(1);
            return b.add(new Step("syrk", n, n, inputs(List.of(f.step), alpha), -1, self -> {
                if (f.trans) Dense.outerGramian(alpha.value(self, 1), self.in(0).out, self.out);
                else Dense.gramian(alpha.value(self, 1), self.in(0).out, self.out);
            }));
        }
        if (ops.size() == 3 && ops.get(1).diag && ops.get(0).isTransposeOf(ops.get(2))) {
            Operand f = ops.get(2);
            Step x = f.trans ? b.transpose(f.step) : f.step; // F itself, m×n
            Step v = ops.get(1).step;
            DMatrixRMaj[] scratch = new DMatrixRMaj[1];
            return b.add(new Step("syrk of diag-scaled rows", n, n, inputs(List.of(x, v), alpha), -1, self -> {
                DMatrixRMaj fm = self.in(0).out;
                double[] w = self.in(1).out.data;
                if (scratch[0] == null) scratch[0] = new DMatrixRMaj(fm.numRows, fm.numCols);
                DMatrixRMaj g = scratch[0];
                boolean nonNegative = true;
                for (double wi : w) nonNegative &= wi >= 0;
                int cols = fm.numCols;
                // F'·diag(w)·F = G'·G with G = diag(√w)·F when w ≥ 0; otherwise F'·(diag(w)·F), half of it
                boolean sqrt = nonNegative;
                Parallel.forEach(fm.numRows, (long) fm.numRows * cols, i -> { // a copy of F: memory-bound
                    double s = sqrt ? Math.sqrt(w[i]) : w[i];
                    for (int j = 0; j < cols; j++) g.data[i * cols + j] = s * fm.data[i * cols + j];
                });
                if (nonNegative) Dense.gramian(alpha.value(self, 2), g, self.out);
                else Dense.symmetricProduct(true, false, alpha.value(self, 2), fm, g, self.out);
            }));
        }
        if (ops.get(ops.size() - 1).diag) return null;
        Operand left = ops.size() == 2 ? ops.get(0) : product(ops.subList(0, ops.size() - 1));
        if (left.diag) return null;
        Operand right = ops.get(ops.size() - 1);
        return b.add(new Step("symmetric product (half, mirrored)", n, n, inputs(List.of(left.step, right.step), alpha), -1,
                self -> Dense.symmetricProduct(left.trans, right.trans, alpha.value(self, 2),
                        self.in(0).out, self.in(1).out, self.out)));
    }

    /** The chain with the coefficient applied by its last multiplication. */
    private Step chain(List<Operand> ops, Coefficient alpha) {
        int k = ops.size();
        int[][] split = order(ops);
        Operand result;
        if (alpha.constant() == 1 && alpha.scalars().isEmpty()) {
            result = emit(ops, split, 0, k - 1); // no coefficient: the product may be shared with others
            if (result.diag) return scaled(result, alpha);
        } else {
            Operand l = emit(ops, split, 0, split[0][k - 1]), r = emit(ops, split, split[0][k - 1] + 1, k - 1);
            if (alpha.scalars().isEmpty() && (l.rows() == 1 || r.cols() == 1) && !l.diag && !r.diag)
                // a constant times a matrix-vector product: the product once, shared with its other multiples
                // (a split variable's gradients are ±2·A'·r), then scaled, a pass over a vector
                return scaled(shared(l, r), alpha);
            result = multiply(l, r, alpha);
            if (result.diag) return scaled(result, alpha);
        }
        return result.trans ? b.transpose(result.step) : result.step; // a row vector: a view of its column
    }

    private static Operand flip(Operand o) {
        return new Operand(o.step, !o.trans, false);
    }

    private Operand product(List<Operand> ops) {
        if (ops.size() == 1) return ops.get(0);
        return emit(ops, order(ops), 0, ops.size() - 1);
    }

    /** The cost of an order that multiplies a sparse operand by another sparse one or by a diagonal: never chosen. */
    private static final long IMPOSSIBLE = Long.MAX_VALUE / 4;

    /**
     * The matrix-chain dynamic program: split[i][j] is where [i..j] is best split; a product with a
     * diagonal side costs rows·cols (a scaling), two diagonals cost n (a Hadamard product). A sparse
     * operand is multiplied only by a dense product of its neighbours (costing its density times a
     * dense product's), never by another sparse operand or a diagonal: X'*D*X*w is X'*(D*(X*w)).
     */
    static int[][] order(List<Operand> ops) {
        int k = ops.size();
        long[] p = new long[k + 1];
        boolean[][] diag = new boolean[k][k];
        boolean[] sparse = new boolean[k];
        double[] density = new double[k];
        for (int i = 0; i < k; i++) {
            p[i] = ops.get(i).rows();
            diag[i][i] = ops.get(i).diag;
            sparse[i] = ops.get(i).sparse();
            density[i] = ops.get(i).step.density;
        }
        p[k] = ops.get(k - 1).cols();
        long[][] cost = new long[k][k];
        int[][] split = new int[k][k];
        for (int len = 2; len <= k; len++) {
            for (int i = 0; i + len - 1 < k; i++) {
                int j = i + len - 1;
                diag[i][j] = diag[i][j - 1] && diag[j][j];
                cost[i][j] = Long.MAX_VALUE;
                for (int s = i; s < j; s++) {
                    boolean dl = diag[i][s], dr = diag[s + 1][j];
                    boolean sl = s == i && sparse[i], sr = s + 1 == j && sparse[j];
                    long mul = dl && dr ? p[i] : dl || dr ? p[i] * p[j + 1] : p[i] * p[s + 1] * p[j + 1];
                    if (sl || sr) mul = sl && sr || dl || dr ? IMPOSSIBLE : (long) Math.ceil(mul * density[sl ? i : j]);
                    long c = Math.min(IMPOSSIBLE, cost[i][s] + cost[s + 1][j] + mul);
                    if (c < cost[i][j]) {
                        cost[i][j] = c;
                        split[i][j] = s;
                    }
                }
            }
        }
        return split;
    }

    private Operand emit(List<Operand> ops, int[][] split, int i, int j) {
        if (i == j) return ops.get(i);
        Operand l = emit(ops, split, i, split[i][j]), r = emit(ops, split, split[i][j] + 1, j);
        if (l.rows() == 1 && r.cols() > 1 && !l.diag && !r.diag) {
            // a row vector is the transpose of a column: x'·B is (B'·x)', one step shared with B'·x
            Operand column = shared(flip(r), flip(l));
            return new Operand(column.step, !column.trans, false);
        }
        return shared(l, r);
    }

    /** op(l)·op(r), computed once per plan. */
    private Operand shared(Operand l, Operand r) {
        List<Object> key = List.of("product", l, r);
        Step shared = b.derived.get(key);
        if (shared != null) return new Operand(shared, false, l.diag && r.diag);
        if (!l.diag && !r.diag) { // (op(l)·op(r))' = op(r)'·op(l)': X'*W1' is W1*X made for the value, read transposed
            Step transposed = b.derived.get(List.of("product", flip(r), flip(l)));
            if (transposed != null) return new Operand(transposed, true, false);
        }
        Operand result = multiply(l, r, new Coefficient(1, List.of()));
        b.derived.put(key, result.step);
        return result;
    }

    /** alpha · op(l) · op(r); a diagonal side scales, two diagonals give a diagonal. */
    private Operand multiply(Operand l, Operand r, Coefficient alpha) {
        int rows = l.rows(), cols = r.cols();
        if (l.sparse() != r.sparse() && !l.diag && !r.diag) {
            Step product = b.add(new Step("sparse multiply", rows, cols, inputs(List.of(l.step, r.step), alpha), -1,
                    self -> SparseProducts.multiply(l.trans, r.trans, alpha.value(self, 2), self.in(0).out, self.in(1).out, self.out)));
            product.readsSparse = true;
            return new Operand(product, false, false);
        }
        if (l.diag && r.diag) {
            Step v = b.add(new Step("diag product", l.step.rows, l.step.cols, List.of(l.step, r.step), -1, self -> {
                double[] x = self.in(0).out.data, y = self.in(1).out.data, z = self.out.data;
                for (int i = 0; i < z.length; i++) z[i] = x[i] * y[i];
            }));
            return new Operand(v, false, true); // the caller scales a diagonal result
        }
        if (l.diag || r.diag) {
            Operand dense = l.diag ? r : l;
            Step v = l.diag ? l.step : r.step;
            boolean rowsScaled = l.diag;
            return new Operand(b.add(new Step(rowsScaled ? "scale rows" : "scale columns", rows, cols,
                    inputs(List.of(dense.step, v), alpha), -1, self -> {
                double a = alpha.value(self, 2);
                double[] x = self.in(0).out.data, w = self.in(1).out.data, z = self.out.data;
                int xc = self.in(0).out.numCols;
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) {
                        double e = dense.trans ? x[j * xc + i] : x[i * xc + j];
                        z[i * cols + j] = a * e * (rowsScaled ? w[i] : w[j]);
                    }
            })), false, false);
        }
        Step product = b.add(new Step("multiply", rows, cols, inputs(List.of(l.step, r.step), alpha), -1,
                self -> Dense.gemm(l.trans, r.trans, alpha.value(self, 2), self.in(0).out, self.in(1).out, self.out)));
        product.product = new Step.Product(l.step, l.trans, r.step, r.trans, self -> alpha.value(self, 2));
        return new Operand(product, false, false);
    }
}
