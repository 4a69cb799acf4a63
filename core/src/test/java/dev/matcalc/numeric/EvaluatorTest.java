package dev.matcalc.numeric;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.numeric.Fixtures.*;
import static org.assertj.core.api.Assertions.*;

class EvaluatorTest {
    private final Var x = vector("x", N), y = vector("y", N), A = matrix("A", N, N), c = scalar("c");
    private final Map<String, DMatrixRMaj> at = Map.of(
            "x", col(1, 2), "y", col(3, -1), "A", rows(new double[] {1, 2}, new double[] {3, 4}), "c", one(10));

    private double[] eval(Expr e) {
        return Evaluator.evaluate(e, at).data;
    }

    @Test
    void constantsTakeTheirSizesFromBoundDims() {
        assertThat(eval(num(2.5))).containsExactly(2.5);
        // x binds n = 2, so ones(n), I(n) and zero(n×n) are 2-sized
        assertThat(eval(add(x, new Ones(x.shape())))).containsExactly(2, 3);
        assertThat(eval(add(A, new Identity(N)))).containsExactly(2, 2, 3, 5);
        DMatrixRMaj z = new Evaluator(at).bind(x).eval(new Zero(A.shape()));
        assertThat(z.numRows).isEqualTo(2);
        assertThat(z.data).containsOnly(0.0);
    }

    @Test
    void addBroadcastsScalarTerms() {
        assertThat(eval(add(x, c, y))).containsExactly(14, 11);
        Expr expanded = new Add(List.of(c), Shape.vector(N)); // a scalar expanded to a shape
        assertThat(new Evaluator(at).bind(x).eval(expanded).data).containsExactly(10, 10);
    }

    @Test
    void matMulScalesAndChains() {
        assertThat(eval(mul(c, A, x))).containsExactly(50, 110);
        assertThat(eval(mul(transpose(x), A, x))).containsExactly(27);  // x'Ax = [1 2]·[5 11]
        assertThat(eval(mul(num(-1), x))).containsExactly(-1, -2);
        assertThat(eval(mul(A, A, A, x))).containsExactly(
                Evaluator.evaluate(mul(A, mul(A, mul(A, x))), at).data);
    }

    @Test
    void chainOrderDoesNotChangeTheProduct() {
        var rng = new java.util.SplittableRandom(7);
        int[] sizes = {5, 1, 4, 6, 2, 3};
        List<DMatrixRMaj> ms = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            DMatrixRMaj m = new DMatrixRMaj(sizes[i], sizes[i + 1]);
            for (int k = 0; k < m.data.length; k++) m.data[k] = rng.nextGaussian();
            ms.add(m);
        }
        DMatrixRMaj leftToRight = ms.get(0);
        for (int i = 1; i < ms.size(); i++) {
            DMatrixRMaj next = new DMatrixRMaj(leftToRight.numRows, ms.get(i).numCols);
            CommonOps_DDRM.mult(leftToRight, ms.get(i), next);
            leftToRight = next;
        }
        DMatrixRMaj chained = MatrixKernels.chain(ms);
        assertThat(chained.numRows).isEqualTo(5);
        assertThat(chained.numCols).isEqualTo(3);
        for (int i = 0; i < chained.data.length; i++) assertThat(chained.data[i]).isCloseTo(leftToRight.data[i], within(1e-12));
    }

    @Test
    void transposeHadamardPowerApply() {
        assertThat(eval(transpose(A))).containsExactly(1, 3, 2, 4);
        assertThat(eval(hadamard(x, y))).containsExactly(3, -2);
        assertThat(eval(pow(x, Num.TWO))).containsExactly(1, 4);
        assertThat(eval(pow(x, Num.MINUS_ONE))).containsExactly(1, 0.5);
        assertThat(eval(pow(x, num(0.5)))).containsExactly(1, Math.sqrt(2));
        assertThat(eval(pow(x, num(3)))).containsExactly(1, 8);
        assertThat(eval(pow(x, c))).containsExactly(1, 1024);
        assertThat(eval(apply(Fn.EXP, x))).containsExactly(Math.exp(1), Math.exp(2));
        assertThat(eval(apply(Fn.RELU, y))).containsExactly(3, 0);
    }

    @Test
    void reductionsAndMatrixFunctions() {
        assertThat(eval(call(MatFn.SUM, A))).containsExactly(10);
        assertThat(eval(call(MatFn.TR, A))).containsExactly(5);
        assertThat(eval(call(MatFn.DET, A))[0]).isCloseTo(-2, within(1e-12));
        assertThat(eval(call(MatFn.NORM1, y))).containsExactly(4);
        assertThat(eval(call(MatFn.NORM2, A))[0]).isCloseTo(Math.sqrt(30), within(1e-12));
        assertThat(eval(call(MatFn.DIAG_MATRIX, x))).containsExactly(1, 0, 0, 2);
        assertThat(eval(call(MatFn.DIAG_VECTOR, A))).containsExactly(1, 4);
        double[] inv = eval(call(MatFn.INV, A));
        assertThat(inv).usingComparatorWithPrecision(1e-12).containsExactly(-2, 1, 1.5, -0.5);
        double[] s = eval(call(MatFn.SOFTMAX, x));
        double e = Math.exp(1) + Math.exp(2);
        assertThat(s).usingComparatorWithPrecision(1e-12).containsExactly(Math.exp(1) / e, Math.exp(2) / e);
        assertThat(eval(call(MatFn.LOGSUMEXP, x))[0]).isCloseTo(Math.log(e), within(1e-12));
    }

    @Test
    void logdetIsNaNWhereTheDeterminantIsNotPositive() {
        Var S = matrix("S", N, N);
        Expr logdet = call(MatFn.LOGDET, S);
        assertThat(Evaluator.evaluate(logdet, Map.of("S", rows(new double[] {4, 1}, new double[] {1, 3}))).data[0])
                .isCloseTo(Math.log(11), within(1e-12));          // SPD: Cholesky
        assertThat(Evaluator.evaluate(logdet, Map.of("S", rows(new double[] {0, 1}, new double[] {-1, 0}))).data[0])
                .isCloseTo(0, within(1e-12));                     // det 1, not symmetric: LU
        assertThat(Evaluator.evaluate(logdet, Map.of("S", rows(new double[] {1, 2}, new double[] {3, 4}))).data[0]).isNaN();
    }

    @Test
    void softmaxAndLogsumexpAreStableForLargeInputs() {
        Map<String, DMatrixRMaj> big = Map.of("x", col(1000, 1000, 999));
        Var z = vector("x", N);
        double[] s = Evaluator.evaluate(call(MatFn.SOFTMAX, z), big).data;
        double d = 2 + Math.exp(-1);
        assertThat(s).usingComparatorWithPrecision(1e-12).containsExactly(1 / d, 1 / d, Math.exp(-1) / d);
        assertThat(Evaluator.evaluate(call(MatFn.LOGSUMEXP, z), big).data[0]).isCloseTo(1000 + Math.log(d), within(1e-9));
        assertThat(Evaluator.evaluate(call(MatFn.LOGSUMEXP, z), Map.of("x", col(-1000, -1000))).data[0])
                .isCloseTo(-1000 + Math.log(2), within(1e-9));
    }

    @Test
    void singularInverseIsAUserError() {
        Map<String, DMatrixRMaj> singular = Map.of("A", rows(new double[] {1, 2}, new double[] {2, 4}));
        assertThatThrownBy(() -> Evaluator.evaluate(call(MatFn.INV, A), singular))
                .isInstanceOf(SourceError.class).hasMessageContaining("inv: the matrix is singular");
        Map<String, DMatrixRMaj> nearly = Map.of("A", rows(new double[] {1, 1}, new double[] {1, 1 + 1e-15}));
        assertThatThrownBy(() -> Evaluator.evaluate(call(MatFn.INV, A), nearly)).isInstanceOf(SourceError.class);
    }

    @Test
    void blocksTakeTheirSizesFromTheirParts() {
        Expr b = block(List.of(List.of(A, x), List.of(transpose(y), c)));
        DMatrixRMaj v = Evaluator.evaluate(b, at);
        assertThat(v.numRows).isEqualTo(3);
        assertThat(v.data).containsExactly(1, 2, 1, 3, 4, 2, 3, -1, 10);
        // a zero of block size n+1 (as the derivative of a block would be) resolves from n
        assertThat(new Evaluator(at).bind(x).eval(new Zero(b.shape())).numRows).isEqualTo(3);
    }

    @Test
    void sharedSubtermsAndChildEvaluatorsAgreeWithFreshEvaluation() {
        Expr ax = mul(A, x);
        Expr f = add(hadamard(ax, ax), mul(transpose(ax), y)); // ax reached three times
        Evaluator root = new Evaluator(at);
        DMatrixRMaj before = root.eval(f);
        DMatrixRMaj changed = root.with(x, col(-1, 5)).eval(f);
        Map<String, DMatrixRMaj> moved = new java.util.HashMap<>(at);
        moved.put("x", col(-1, 5));
        assertThat(changed.data).containsExactly(Evaluator.evaluate(f, moved).data);
        assertThat(changed.data).isNotEqualTo(before.data);
        assertThat(root.eval(f).data).containsExactly(before.data); // the parent's memo is untouched
    }

    @Test
    void dimensionConflictsNameBothVariables() {
        Var B = matrix("B", N, M);
        Expr f = add(x, mul(B, vector("z", M)));
        assertThatThrownBy(() -> Evaluator.evaluate(f, Map.of("x", col(1, 2), "B", new DMatrixRMaj(3, 4), "z", col(1, 2, 3, 4))))
                .isInstanceOf(SourceError.class)
                .hasMessage("x (n×1) is given as 2×1 but B (n×m) is given as 3×4, so n is both 2 and 3");
        assertThatThrownBy(() -> Evaluator.evaluate(A, Map.of("A", new DMatrixRMaj(2, 3))))
                .hasMessage("A (n×n) is given as 2×3, so n is both 2 and 3");
        Var F = new Var("F", Shape.matrix(Dim.of(2), Dim.of(3)));
        assertThatThrownBy(() -> Evaluator.evaluate(F, Map.of("F", new DMatrixRMaj(3, 2))))
                .hasMessage("F is 2×3 but is given as 3×2");
    }

    @Test
    void missingValueIsNamed() {
        assertThatThrownBy(() -> Evaluator.evaluate(add(x, y), Map.of("x", col(1, 2))))
                .isInstanceOf(SourceError.class).hasMessage("no value for y");
    }
}
