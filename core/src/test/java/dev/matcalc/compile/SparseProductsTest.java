package dev.matcalc.compile;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Expression;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.SparseMatrix;
import dev.matcalc.problem.CompiledObjective;
import dev.matcalc.problem.Packing;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sparse-times-dense products ({@link SparseProducts}) against EJML's dense products on random,
 * seeded matrices, every transpose on either side; compiled objectives of a sparse X against the
 * same objectives of the dense X; the uses that would make X dense refused ({@link SparseUses}).
 */
class SparseProductsTest {
    private static DMatrixRMaj sparseDense(SplittableRandom r, int rows, int cols, double density) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) if (r.nextDouble() < density) m.data[i] = r.nextDouble(-2, 2);
        return m;
    }

    private static DMatrixRMaj dense(SplittableRandom r, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = r.nextDouble(-1, 1);
        return m;
    }

    private static DMatrixRMaj op(DMatrixRMaj m, boolean trans) {
        return trans ? CommonOps_DDRM.transpose(m, null) : m;
    }

    @Test
    void productsOfEveryOrientationMatchDenseOnes() {
        SplittableRandom r = new SplittableRandom(12);
        int[][] sizes = {{7, 5}, {40, 13}, {1, 9}, {9, 1}, {64, 200}};
        for (int[] size : sizes)
            for (int k : new int[] {1, 3})
                for (boolean sparseLeft : new boolean[] {true, false})
                    for (boolean sTrans : new boolean[] {false, true})
                        for (boolean dTrans : new boolean[] {false, true}) {
                            DMatrixRMaj x = sparseDense(r, size[0], size[1], 0.2);
                            int inner = sparseLeft ? (sTrans ? size[0] : size[1]) : (sTrans ? size[1] : size[0]);
                            // op(D) is inner×k on the right of op(S), k×inner on its left
                            DMatrixRMaj opD = sparseLeft ? dense(r, inner, k) : dense(r, k, inner);
                            DMatrixRMaj d = op(opD, dTrans);    // stored so that op(d) = opD
                            DMatrixRMaj expected = sparseLeft ? new DMatrixRMaj(op(x, sTrans).numRows, k) : new DMatrixRMaj(k, op(x, sTrans).numCols);
                            if (sparseLeft) CommonOps_DDRM.mult(-1.5, op(x, sTrans), opD, expected);
                            else CommonOps_DDRM.mult(-1.5, opD, op(x, sTrans), expected);
                            DMatrixRMaj got = new DMatrixRMaj(expected.numRows, expected.numCols);
                            got.data[0] = 99;                       // a stale buffer is overwritten
                            SparseMatrix s = SparseMatrix.of(x);
                            if (sparseLeft) SparseProducts.multiply(sTrans, dTrans, -1.5, s, d, got);
                            else SparseProducts.multiply(dTrans, sTrans, -1.5, d, s, got);
                            String what = (sparseLeft ? "S" + (sTrans ? "'" : "") + "*D" + (dTrans ? "'" : "")
                                    : "D" + (dTrans ? "'" : "") + "*S" + (sTrans ? "'" : "")) + " " + size[0] + "×" + size[1] + " k=" + k;
                            for (int i = 0; i < got.data.length; i++)
                                assertThat(got.data[i]).as(what).isCloseTo(expected.data[i], org.assertj.core.data.Offset.offset(1e-12));
                        }
    }

    @Test
    void sparseMatrixKeepsItsEntries() {
        DMatrixRMaj x = sparseDense(new SplittableRandom(3), 30, 11, 0.3);
        SparseMatrix s = SparseMatrix.of(x);
        assertThat(s.toDense().data).containsExactly(x.data);
        assertThat(s.withColumns(20).toDense().numCols).isEqualTo(20);
        assertThat(s.transposed().get(2, 5)).isEqualTo(x.get(5, 2));     // EJML's view: compressed columns of X'
        assertThatThrownBy(() -> s.get(0, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("sparse");
    }

    /** Value and gradient by w of {@code source}, with X given sparse and dense. */
    private static void sameAsDense(String source, Map<String, int[]> sizes, long seed) {
        Expression f = MatCalc.parse(source);
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, DMatrixRMaj> dense = new HashMap<>();
        List<Var> over = new java.util.ArrayList<>();
        Map<String, int[]> varSizes = new LinkedHashMap<>();
        for (Var v : f.variables()) {
            int[] size = sizes.get(v.name());
            if (v.name().startsWith("w") || v.name().equals("W")) {
                over.add(v);
                varSizes.put(v.name(), size);
            } else dense.put(v.name(), v.name().equals("X") ? sparseDense(r, size[0], size[1], 0.15) : dense(r, size[0], size[1]));
        }
        Map<String, DMatrixRMaj> sparse = new HashMap<>(dense);
        sparse.put("X", SparseMatrix.of(dense.get("X")));
        Packing packing = new Packing(over, varSizes);
        double[] x = new double[packing.dimension()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-0.5, 0.5);
        CompiledObjective a = new CompiledObjective(f.expr(), packing, dense), b = new CompiledObjective(f.expr(), packing, sparse);
        double[] ga = new double[x.length], gb = new double[x.length];
        for (int run = 0; run < 2; run++) {
            double va = a.valueAndGradient(x, ga), vb = b.valueAndGradient(x, gb);
            assertThat(vb).as(source).isCloseTo(va, org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(va))));
            for (int i = 0; i < ga.length; i++)
                assertThat(gb[i]).as("%s ∂[%d]", source, i).isCloseTo(ga[i], org.assertj.core.data.Offset.offset(1e-10 * (1 + Math.abs(ga[i]))));
        }
        assertThat(String.join("\n", b.profile(1))).as(source).contains("sparse multiply");
    }

    @Test
    void compiledObjectivesOfASparseMatrixMatchTheDenseOnes() {
        Map<String, int[]> sizes = Map.of("X", new int[] {60, 25}, "y", new int[] {60, 1}, "w", new int[] {25, 1},
                "W", new int[] {25, 3}, "Y", new int[] {60, 3}, "v", new int[] {60, 1});
        for (String source : List.of("sum(log(1 + exp(-y.*(X*w)))) + 0.5*norm2(w)^2", "norm2(X*w - y)^2 + 0.1*w'*w",
                "sum(exp(X*w)) - y'*X*w", "w'*X'*X*w", "norm2(X*W - Y)^2", "sum(log(sum(exp(W'*X'), 1)))",
                "w'*X'*diag(v)*X*w + sum(X'*v.*w)"))
            sameAsDense(source, sizes, source.length());
    }

    @Test
    void usesThatWouldMakeXDenseAreFound() {
        Set<String> x = Set.of("X");
        for (String bad : List.of("tr(X'*X)", "sum(X)", "sum(exp(X))", "tr(X'*diag(y)*X)", "sum(2*X)", "sum(X.*X)", "norm2(X)^2"))
            assertThat(SparseUses.find(MatCalc.parse(bad).expr(), x)).as(bad).isNotNull();
        for (String good : List.of("sum(log(1 + exp(-y.*(X*w))))", "w'*X'*X*w", "y'*X*w", "norm2(X*W - Y)^2", "w'*X'*diag(y)*X*w"))
            assertThat(SparseUses.find(MatCalc.parse(good).expr(), x)).as(good).isNull();
        assertThatThrownBy(() -> SparseUses.check(MatCalc.parse("tr(X'*X) + w'*w").expr(), x, "a LIBSVM table's features",
                s -> new int[] {100000, 100000}))
                .isInstanceOf(SourceError.class)
                .hasMessage("X is sparse (a LIBSVM table's features); X'*X would make a dense 100000×100000 matrix; only products "
                        + "of X with dense operands keep it sparse (X*w, X'*v, X*W)");
    }

    @Test
    void thePlannerRefusesToReadASparseMatrixDensely() {
        Expression f = MatCalc.parse("sum(exp(X*w)) + sum(X)");
        Var w = f.variable("w");
        DMatrixRMaj x = sparseDense(new SplittableRandom(5), 10, 4, 0.5);
        Packing packing = new Packing(List.of(w), Map.of("w", new int[] {4, 1}));
        assertThatThrownBy(() -> new CompiledObjective(f.expr(), packing, Map.of("X", SparseMatrix.of(x))))
                .isInstanceOf(SourceError.class).hasMessageContaining("X matrix (10×4) is sparse");
    }
}
