package dev.matcalc.render;

import dev.matcalc.expr.Call;
import dev.matcalc.expr.Expr;
import dev.matcalc.expr.Exprs;
import dev.matcalc.expr.MatFn;
import dev.matcalc.expr.MatMul;
import dev.matcalc.expr.Num;
import dev.matcalc.expr.Ones;
import dev.matcalc.expr.Power;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads back, for display, what the engine keeps as products with ones: implicit expansion
 * ({@code b*ones(N)'} shows as {@code b} beside a full-size operand), sums along a dimension
 * ({@code X*ones} is {@code sum(X, 2)}, {@code ones'*X} is {@code sum(X, 1)}) and means (a sum
 * divided by the matching {@code size}). The text re-parses to the same value: expansion is
 * shown bare only where the other operand gives the full shape.
 */
final class Reductions {
    private Reductions() { }

    /** A product read as {@code name(arg[, axis])} times the remaining scalar factors. */
    record Reduced(List<Expr> scalars, List<Expr> before, String name, Expr arg, int axis, List<Expr> after) {
        Reduced(List<Expr> scalars, String name, Expr arg, int axis) {
            this(scalars, List.of(), name, arg, axis, List.of());
        }

        Reduced around(List<Expr> before, List<Expr> after) {
            return new Reduced(scalars, before, name, arg, axis, after);
        }
    }

    /**
     * For an operand that is an expansion ({@code u*ones(N)'} of a column u, {@code ones(m)*r} of
     * a row r), the operand before expansion.
     */
    static Optional<Expr> unexpanded(Expr e) {
        return Exprs.unbroadcast(e);
    }

    /** Whether e has its full size by itself (not a scalar, not an expansion of a smaller operand). */
    static boolean fullSize(Expr e) {
        return !e.isScalar() && unexpanded(e).isEmpty();
    }

    /** A product that is a sum or mean of all entries, or along a dimension. */
    static Optional<Reduced> reduced(MatMul m) {
        List<Expr> fs = m.factors();
        int first = firstNonScalar(fs), last = lastNonScalar(fs);
        List<Expr> scalars = fs.stream().filter(Expr::isScalar).toList();
        if (first >= 0 && first < last) {
            List<Expr> inner = null;
            int axis = -1;
            boolean leadingOnes = fs.get(first) instanceof Ones o && o.shape().isRow();
            boolean trailingOnes = fs.get(last) instanceof Ones o && o.shape().isColumn();
            List<Expr> matrices = fs.stream().filter(f -> !f.isScalar()).toList();
            // a Jacobian chain (1'*diag(u)*W) reads better with its ones kept: sum(diag(u), 1) is u'
            if (matrices.stream().anyMatch(f -> f instanceof Call c && c.fn() == MatFn.DIAG_MATRIX)) return Optional.empty();
            int n = matrices.size();
            if (leadingOnes && trailingOnes && n >= 3) {
                inner = matrices.subList(1, n - 1);
                axis = 0;
            } else if (trailingOnes && matrices.get(n - 2).shape().isMatrix()) {     // A*sum(X, 2)
                Expr arg = matrices.get(n - 2);
                return Optional.of(withMean(scalars, arg, 2).around(matrices.subList(0, n - 2), List.of()));
            } else if (leadingOnes && matrices.get(1).shape().isMatrix()) {         // sum(X, 1)*B
                Expr arg = matrices.get(1);
                return Optional.of(withMean(scalars, arg, 1).around(List.of(), matrices.subList(2, n)));
            }
            if (inner != null) return Optional.of(withMean(scalars, Exprs.mul(inner), axis));
        }
        // a scalar sum(u) over size(u, 1)*size(u, 2): mean(u)
        for (Expr f : scalars) {
            if (f instanceof Call c && c.fn() == MatFn.SUM) {
                List<Expr> others = new ArrayList<>(scalars);
                others.remove(f);
                Reduced r = withMean(others, c.arg(), 0);
                if (r.name().equals("mean"))      // the matrix factors it scales follow it
                    return Optional.of(r.around(List.of(), fs.stream().filter(g -> !g.isScalar()).toList()));
            }
        }
        return Optional.empty();
    }

    /** sum(arg[, axis]) times the scalars, or mean(arg[, axis]) where a scalar is 1/(the count it averages over). */
    private static Reduced withMean(List<Expr> scalars, Expr arg, int axis) {
        for (Expr s : scalars) {
            if (s instanceof Power p && p.exponent() instanceof Num n && n.value() == -1 && isCount(p.base(), arg.shape(), axis)) {
                List<Expr> rest = new ArrayList<>(scalars);
                rest.remove(s);
                return new Reduced(rest, "mean", arg, axis);
            }
        }
        return new Reduced(scalars, "sum", arg, axis);
    }

    /** Whether e is the number of entries a mean along {@code axis} divides by, for an argument of shape s. */
    private static boolean isCount(Expr e, Shape s, int axis) {
        return switch (axis) {
            case 1 -> isSize(e, s.rows());
            case 2 -> isSize(e, s.cols());
            default -> s.cols().isOne() ? isSize(e, s.rows())
                    : s.rows().isOne() ? isSize(e, s.cols())
                    : e instanceof MatMul m && m.factors().size() == 2
                            && isSize(m.factors().get(0), s.rows()) && isSize(m.factors().get(1), s.cols());
        };
    }

    /** Whether e is size(Y, k) with that size equal to {@code d}. */
    private static boolean isSize(Expr e, Dim d) {
        if (!(e instanceof Call c)) return false;
        Shape of = c.arg().shape();
        return c.fn() == MatFn.SIZE_ROWS ? of.rows().equals(d) : c.fn() == MatFn.SIZE_COLS && of.cols().equals(d);
    }

    private static int firstNonScalar(List<Expr> fs) {
        for (int i = 0; i < fs.size(); i++) if (!fs.get(i).isScalar()) return i;
        return -1;
    }

    private static int lastNonScalar(List<Expr> fs) {
        for (int i = fs.size() - 1; i >= 0; i--) if (!fs.get(i).isScalar()) return i;
        return -1;
    }
}
