package dev.matcalc.calculus;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.matcalc.expr.Exprs.*;

/**
 * Reads the Jacobian matrix off a vector-valued linear map of a vector: the M with L(dx) = M·dx
 * (numerator layout, m×n). Scalar-valued pieces are rows, found by {@link Reverse}; element-wise
 * products become diagonal matrices, as the notes write element-wise Jacobians: a .* L ↦ diag(a)·M.
 */
public final class JacobianExtraction {
    private final Var dx;
    private final Map<Expr, Expr> memo = new IdentityHashMap<>();

    private JacobianExtraction(Var dx) {
        this.dx = dx;
    }

    /** M with {@code linear} = M·dx, for a column (or scalar) map of a column (or scalar) dx. */
    public static Expr matrix(Expr linear, Var dx) {
        if (!(dx.shape().isColumn() || dx.isScalar()) || !(linear.shape().isColumn() || linear.isScalar()))
            throw new IllegalArgumentException("Jacobians are read off maps between vectors");
        return new JacobianExtraction(dx).m(linear);
    }

    private Shape jacobianShape(Expr l) {
        return new Shape(l.shape().rows(), dx.shape().rows());
    }

    private Expr m(Expr l) {
        if (!Nodes.contains(l, dx)) return zero(jacobianShape(l));
        Expr known = memo.get(l);
        if (known != null) return known;
        Expr result = rule(l);
        memo.put(l, result);
        return result;
    }

    private Expr rule(Expr l) {
        if (l.equals(dx)) return identity(dx.shape().rows());                           // d x/d x = I
        if (l.isScalar()) return Exprs.transpose(Reverse.gradient(l, dx));              // a row: the gradient'
        return switch (l) {
            case Add a -> add(a.terms().stream()
                    .map(t -> t.isScalar() ? mul(ones(a.shape()), m(t)) : m(t)).toList());  // expanded scalar: 1·row
            case MatMul p -> product(p);
            case Hadamard h -> Nodes.contains(h.left(), dx)
                    ? mul(call(MatFn.DIAG_MATRIX, h.right()), m(h.left()))              // a.*L = diag(a)·L
                    : mul(call(MatFn.DIAG_MATRIX, h.left()), m(h.right()));
            case Ref r -> m(r.value());
            case Block b when b.rows().stream().allMatch(r -> r.size() == 1) ->
                    block(b.rows().stream().map(r -> List.of(m(r.get(0)))).toList());   // stacked rows
            case Call c when c.fn() == MatFn.DIAG_VECTOR && c.arg() instanceof Call inner
                    && inner.fn() == MatFn.DIAG_MATRIX -> m(inner.arg());                // diag(diag(l)) = l
            default -> throw noMatrixForm(l);
        };
    }

    /** L = α·P·Lᵢ·S: a column Lᵢ gives α·P·M(Lᵢ) (S scalar); a scalar Lᵢ gives R·M(Lᵢ), R the rest. */
    private Expr product(MatMul p) {
        List<Expr> fs = p.factors();
        int i = -1;
        for (int k = 0; k < fs.size(); k++) if (Nodes.contains(fs.get(k), dx)) i = k;
        Expr li = fs.get(i);
        List<Expr> rest = new ArrayList<>(fs);
        rest.remove(i);
        if (li.isScalar()) {
            rest.add(m(li));
            return mul(rest);
        }
        if (li.shape().isColumn() && fs.subList(i + 1, fs.size()).stream().allMatch(Expr::isScalar)) {
            List<Expr> chain = new ArrayList<>(fs.subList(0, i));
            chain.addAll(fs.subList(i + 1, fs.size()));
            chain.add(m(li));
            return mul(chain);
        }
        // diag(l)·w = w .* l for a vector w
        if (li instanceof Call c && c.fn() == MatFn.DIAG_MATRIX && i + 1 < fs.size() && fs.get(i + 1).shape().isColumn()) {
            List<Expr> chain = new ArrayList<>(fs.subList(0, i));
            chain.add(hadamard(fs.get(i + 1), c.arg()));
            chain.addAll(fs.subList(i + 2, fs.size()));
            return m(mul(chain));
        }
        throw noMatrixForm(p);
    }

    private static UnsupportedDerivative noMatrixForm(Expr l) {
        return new UnsupportedDerivative("this Jacobian has no matrix form matcalc can write yet");
    }
}
