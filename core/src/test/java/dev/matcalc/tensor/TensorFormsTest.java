package dev.matcalc.tensor;

import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Refs;
import dev.matcalc.expr.Var;
import dev.matcalc.numeric.Evaluator;
import dev.matcalc.numeric.FiniteDifferences;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Derivatives that are tensors: the Kronecker (vec) form and the index form are evaluated
 * numerically and compared with the tensor of numbers, which is itself compared with finite
 * differences: a form that reads well but means something else fails here.
 */
class TensorFormsTest {

    @ParameterizedTest(name = "{0} by {1}, order {2}")
    @CsvSource(delimiter = '|', textBlock = """
            A*X*B                    | X | 1 | kron(B', A)                 | T[i,j,k,l] = A[i,k]·B[l,j]
            X*X                      | X | 1 | kron(eye, X) + kron(X', eye) | T[i,j,k,l] = X[i,k]·δ(j,l) + δ(i,k)·X[l,j]
            inv(X)                   | X | 1 | -kron(inv(X)', inv(X))      | T[i,j,k,l] = -inv(X)[i,k]·inv(X)[l,j]
            W*x                      | W | 1 | kron(x', eye)               | T[i,j,k] = δ(i,j)·x[k]
            X'                       | X | 1 | K                           | T[i,j,k,l] = δ(j,k)·δ(i,l)
            tr(A)*A                  | A | 1 |                             | T[i,j,k,l] = tr(A)·δ(i,k)·δ(j,l) + δ(k,l)·A[i,j]
            x*x'                     | x | 1 | kron(x, eye) + kron(eye, x)*K | T[i,j,k] = δ(i,k)·x[j] + x[i]·δ(j,k)
            norm2(T - U*V')^2        | U | 2 | 2*kron(V'*V, eye)           | T[i,j,k,l] = 2·δ(i,k)·(V'*V)[j,l]
            sum(exp(W*x))            | x | 3 |                             | T[i,j,k] = W[a1,i]·W[a1,k]·exp(W*x)[a1]·W[a1,j]
            """)
    void formsAgreeWithTheNumbers(String expr, String wrt, int order, String kronecker, String index) {
        Expression e = MatCalc.parse(expr);
        DerivativeResult d = e.derivative(Layout.NUMERATOR, java.util.Collections.nCopies(order, wrt).toArray(String[]::new));
        KroneckerForm k = d.kronecker();
        IndexNotation.Form idx = d.indexNotation();
        if (kronecker == null) assertThat(k).isNull();
        else assertThat(k).isNotNull().extracting(KroneckerForm::toText).isEqualTo(kronecker);
        assertThat(idx).isNotNull().extracting(IndexNotation.Form::toText).isEqualTo(index);

        for (int seed = 1; seed <= 3; seed++) {
            RandomPoints.Point point = RandomPoints.draw(e.expr(), new SplittableRandom(seed));
            Tensor numbers = d.evaluate(point.values());
            Var x = e.variable(wrt);
            Tensor reference = FiniteDifferences.derivative(d.derivative().base(), x, point.values());
            assertThat(numbers.relativeError(reference)).isLessThan(1e-6);
            Evaluator at = new Evaluator(point.values()).bind(e.expr());
            assertThat(indexValues(idx, numbers.shape(), at).relativeError(numbers)).isLessThan(1e-12);
            if (k != null) {
                DMatrixRMaj vec = kroneckerValue(k, at, d.derivative().base(), x);
                assertThat(vecLayout(numbers, d.derivative().base(), x, at).relativeError(
                        new Tensor(new int[]{vec.numRows, vec.numCols}, vec.data))).isLessThan(1e-12);
            }
        }
    }

    /** The tensor rearranged as d vec(F)/d vec(X)': row i + j·m for F[i,j], column k + l·p for X[k,l]. */
    private static Tensor vecLayout(Tensor t, Expr base, Var x, Evaluator at) {
        int[] f = at.size(base.shape()), s = at.size(x.shape());
        double[] out = new double[f[0] * f[1] * s[0] * s[1]];
        int cols = s[0] * s[1];
        for (int i = 0; i < f[0]; i++)
            for (int j = 0; j < f[1]; j++)
                for (int k = 0; k < s[0]; k++)
                    for (int l = 0; l < s[1]; l++)
                        out[(i + j * f[0]) * cols + k + l * s[0]] = t.data()[((i * f[1] + j) * s[0] + k) * s[1] + l];
        return new Tensor(new int[]{f[0] * f[1], cols}, out);
    }

    private static DMatrixRMaj kroneckerValue(KroneckerForm k, Evaluator at, Expr base, Var x) {
        int[] f = at.size(base.shape()), s = at.size(x.shape());
        DMatrixRMaj sum = new DMatrixRMaj(f[0] * f[1], s[0] * s[1]);
        for (KroneckerForm.Term t : k.terms()) {
            double c = at.bind(t.coefficient()).eval(t.coefficient()).get(0);
            DMatrixRMaj left = at.bind(t.left()).eval(t.left()), right = at.bind(t.right()).eval(t.right());
            DMatrixRMaj kron = CommonOps_DDRM.kron(left, right, null);
            if (t.commuted()) kron = CommonOps_DDRM.mult(kron, commutation(s[0], s[1]), null);
            CommonOps_DDRM.addEquals(sum, c, kron);
        }
        return sum;
    }

    /** K with K·vec(X) = vec(X') for X p×q. */
    private static DMatrixRMaj commutation(int p, int q) {
        DMatrixRMaj k = new DMatrixRMaj(p * q, p * q);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < q; j++) k.set(j + i * q, i + j * p, 1);   // X'[j,i] = X[i,j]
        return k;
    }

    /** Evaluates the index form by looping over every free and summed index. */
    private static Tensor indexValues(IndexNotation.Form form, int[] shape, Evaluator at) {
        Tensor out = Tensor.zeros(shape);
        Map<String, Integer> sizes = new HashMap<>();
        for (int a = 0; a < form.indices().size(); a++) sizes.put(form.indices().get(a), shape[a]);
        for (int flat = 0; flat < out.data().length; flat++) {
            Map<String, Integer> idx = new HashMap<>();
            int rest = flat;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx.put(form.indices().get(a), rest % shape[a]);
                rest /= shape[a];
            }
            double total = 0;
            for (IndexNotation.Term t : form.terms()) total += t.coefficient() * sumOverDummies(t, idx, at, 0);
            out.data()[flat] = total;
        }
        return out;
    }

    private static double sumOverDummies(IndexNotation.Term t, Map<String, Integer> idx, Evaluator at, int depth) {
        for (IndexNotation.Factor f : t.factors()) {
            for (String name : names(f)) {
                if (name == null || idx.containsKey(name)) continue;
                int n = dummySize(t, name, at);
                double total = 0;
                for (int v = 0; v < n; v++) {
                    Map<String, Integer> more = new HashMap<>(idx);
                    more.put(name, v);
                    total += sumOverDummies(t, more, at, depth + 1);
                }
                return total;
            }
        }
        double product = 1;
        for (IndexNotation.Factor f : t.factors()) {
            if (f instanceof IndexNotation.Delta d) product *= idx.get(d.a()).equals(idx.get(d.b())) ? 1 : 0;
            else if (f instanceof IndexNotation.Entry e) {
                DMatrixRMaj m = at.bind(e.of()).eval(e.of());
                int r = e.row() == null ? 0 : idx.get(e.row()), c = e.col() == null ? 0 : idx.get(e.col());
                product *= m.get(r, c);
            }
        }
        return product;
    }

    private static List<String> names(IndexNotation.Factor f) {
        return f instanceof IndexNotation.Delta d ? java.util.Arrays.asList(d.a(), d.b())
                : java.util.Arrays.asList(((IndexNotation.Entry) f).row(), ((IndexNotation.Entry) f).col());
    }

    private static int dummySize(IndexNotation.Term t, String name, Evaluator at) {
        for (IndexNotation.Factor f : t.factors())
            if (f instanceof IndexNotation.Entry e) {
                int[] size = at.size(e.of().shape());
                if (name.equals(e.row())) return size[0];
                if (name.equals(e.col())) return size[1];
            }
        throw new AssertionError("summed index " + name + " sized by no entry");
    }

    static Expr unwrap(Expr e) {
        return Refs.unwrap(e);
    }
}
