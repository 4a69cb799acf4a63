package dev.matcalc.simplify;

import dev.matcalc.expr.*;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.expr.Exprs.*;

/** Transposes pushed down to the leaves, and dropped where the matrix is symmetric. */
final class TransposeRules {
    private TransposeRules() { }

    static final Rule SYMMETRIC = new Rule("transposeOfSymmetric", "S' = S for symmetric S",
            e -> e instanceof Transpose t && Symmetry.isSymmetric(t.arg()) ? t.arg() : null);

    static final Rule PRODUCT = new Rule("transposeOfProduct", "(A*B)' = B'*A'", e -> {
        if (!(e instanceof Transpose t) || !(t.arg() instanceof MatMul m)) return null;
        List<Expr> reversed = new ArrayList<>();
        for (int i = m.factors().size() - 1; i >= 0; i--) reversed.add(transpose(m.factors().get(i)));
        // keep scalars in front: they commute
        reversed.sort((a, b) -> Boolean.compare(!a.isScalar(), !b.isScalar()));
        return mul(reversed);
    });

    // Element-wise products and functions of vectors keep their transpose outside:
    // exp(W*x + b)'*W reads better than exp(b' + x'*W')*W.
    // A vector sum is transposed term by term only when every term is a product (which then
    // reads as a row: x'*(A + A') + exp(W*x + b)'*W); (X*w + b - y)' stays as it is.
    static final Rule SUM = new Rule("transposeOfSum", "(A+B)' = A'+B'", e -> {
        if (!(e instanceof Transpose t && t.arg() instanceof Add a)) return null;
        if (!a.shape().isMatrix() && !a.terms().stream().allMatch(x -> x instanceof MatMul && !x.isScalar())) return null;
        Expr sum = add(a.terms().stream().map(Exprs::transpose).toList());
        // a sum of scalars only (a scalar expanded to a matrix: (c*matrix(1))') must stay expanded
        return sum.shape().equals(t.shape()) ? sum : Nodes.expand(sum, t);
    });

    static final Rule HADAMARD = new Rule("transposeOfHadamard", "(A.*B)' = A'.*B'",
            e -> e instanceof Transpose t && t.arg() instanceof Hadamard h && h.shape().isMatrix()
                    ? hadamard(transpose(h.left()), transpose(h.right())) : null);

    static final Rule ELEMENTWISE = new Rule("transposeOfElementwise", "f(A)' = f(A'), max(A, B)' = max(A', B')", e -> {
        if (!(e instanceof Transpose t) || !t.arg().shape().isMatrix()) return null;
        if (t.arg() instanceof Apply a) return apply(a.fn(), transpose(a.arg()));
        if (t.arg() instanceof Power p) return pow(transpose(p.base()), p.exponent());
        if (t.arg() instanceof MaxMin m) return maxMin(m.op(), transpose(m.left()), transpose(m.right()));
        return null;
    });

    static final List<Rule> ALL = List.of(SYMMETRIC, PRODUCT, SUM, HADAMARD, ELEMENTWISE);
}
