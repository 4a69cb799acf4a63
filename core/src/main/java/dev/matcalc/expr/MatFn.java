package dev.matcalc.expr;

import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.Arrays;
import java.util.Optional;

import static dev.matcalc.expr.Exprs.*;

/**
 * Reductions and matrix functions, one entry each: name, argument check, result shape and the
 * forward derivative rule d f(X) as an expression linear in dX (so the reverse rule needs only
 * the transposes of the linear nodes). Scalars are folded away by {@link Exprs#call} before a
 * rule sees them.
 */
public enum MatFn {
    // d sum(X) = sum(dX)
    SUM("sum", "\\operatorname{sum}", true) {
        Expr jvp(Call self, Expr dx) { return call(SUM, dx); }
    },
    // d tr(X) = tr(dX)
    TR("tr", "\\operatorname{tr}", true) {
        Expr jvp(Call self, Expr dx) { return call(TR, dx); }
    },
    // d det(X) = det(X) tr(inv(X) dX)   (Jacobi's formula)
    DET("det", "\\det", false) {
        Expr jvp(Call self, Expr dx) { return mul(self, call(TR, mul(call(INV, self.arg()), dx))); }
    },
    // d logdet(X) = tr(inv(X) dX)
    LOGDET("logdet", "\\log\\det", false) {
        Expr jvp(Call self, Expr dx) { return call(TR, mul(call(INV, self.arg()), dx)); }
    },
    // d inv(X) = -inv(X) dX inv(X)
    INV("inv", "", false) {
        Expr jvp(Call self, Expr dx) { return neg(mul(self, dx, self)); }
    },
    // d norm1(X) = <sign(X), dX>, subgradient 0 where an entry is 0
    NORM1("norm1", "", false) {
        Expr jvp(Call self, Expr dx) { return inner(apply(Fn.SIGN, self.arg()), dx); }
    },
    // d norm2(X) = <X, dX> / norm2(X)   (Euclidean, Frobenius for matrices)
    NORM2("norm2", "", false) {
        Expr jvp(Call self, Expr dx) { return mul(pow(self, Num.MINUS_ONE), inner(self.arg(), dx)); }
    },
    /** diag(v): the diagonal matrix with v on its diagonal. d diag(v) = diag(dv). */
    DIAG_MATRIX("diag", "\\operatorname{diag}", true) {
        Expr jvp(Call self, Expr dx) { return call(DIAG_MATRIX, dx); }
    },
    /** diag(X): the diagonal of a square matrix, as a vector. d diag(X) = diag(dX). */
    DIAG_VECTOR("diag", "\\operatorname{diag}", true) {
        Expr jvp(Call self, Expr dx) { return call(DIAG_VECTOR, dx); }
    },
    /** size(X, 1): the row count, a constant of X's shape (mean divides by it). d size = 0. */
    SIZE_ROWS("size", "\\operatorname{size}", false) {
        Expr jvp(Call self, Expr dx) { return Num.ZERO; }
    },
    /** size(X, 2): the column count. d size = 0. */
    SIZE_COLS("size", "\\operatorname{size}", false) {
        Expr jvp(Call self, Expr dx) { return Num.ZERO; }
    },
    /** softmax(X): each column normalized (a vector is one column); softmax(X, 2) is softmax(X', 1)'. */
    SOFTMAX("softmax", "\\operatorname{softmax}", false) {
        Expr jvp(Call self, Expr dx) {
            if (self.arg().shape().cols().isOne())
                return sub(hadamard(self, dx), mul(self, inner(self, dx)));     // d s = s .* dx - s (s' dx)
            Expr sdx = hadamard(self, dx);                                      // per column: dS = S.*dX - S.*sum(S.*dX, 1)
            return sub(sdx, hadamard(self, broadcast(sumColumns(sdx), self.shape())));
        }
    },
    /** logsumexp(X): of each column, a 1×N row (a scalar for a vector). */
    LOGSUMEXP("logsumexp", "\\operatorname{logsumexp}", false) {
        Expr jvp(Call self, Expr dx) {
            if (self.arg().shape().cols().isOne()) return inner(call(SOFTMAX, self.arg()), dx); // softmax(x)' dx
            return sumColumns(hadamard(call(SOFTMAX, self.arg()), dx));                      // sum(softmax(X).*dX, 1)
        }
    },
    /** max(X): the largest entry. d max(X) = <ismax(X), dX>, the subgradient of the first largest entry. */
    MAX("max", "\\max", false) {
        Expr jvp(Call self, Expr dx) { return inner(call(ISMAX, self.arg()), dx); }
    },
    /** min(X): the smallest entry. d min(X) = <ismin(X), dX>. */
    MIN("min", "\\min", false) {
        Expr jvp(Call self, Expr dx) { return inner(call(ISMIN, self.arg()), dx); }
    },
    /**
     * ismax(X): 1 at the first largest entry of X (first in column order, as vec(X) lists them:
     * MATLAB's max(X(:))), 0 elsewhere; the gradient of max(X). Piecewise constant: d ismax = 0.
     */
    ISMAX("ismax", "\\operatorname{ismax}", false) {
        Expr jvp(Call self, Expr dx) { return zeroLike(self); }
    },
    /** ismin(X): 1 at the first smallest entry of X (column order), 0 elsewhere. d ismin = 0. */
    ISMIN("ismin", "\\operatorname{ismin}", false) {
        Expr jvp(Call self, Expr dx) { return zeroLike(self); }
    };

    private final String name;
    private final String latex;
    private final boolean linear;

    MatFn(String name, String latex, boolean linear) {
        this.name = name;
        this.latex = latex;
        this.linear = linear;
    }

    /** d f(X) in the direction dX, for {@code self = f(X)}; linear in dx. */
    abstract Expr jvp(Call self, Expr dx);

    public Expr derivative(Call self, Expr dx) {
        return jvp(self, dx);
    }

    public String fnName() {
        return name;
    }

    /** The LaTeX operator; empty where the renderer writes its own notation (inverse, norms). */
    public String latex() {
        return latex;
    }

    /** Linear functions need a transpose rule in reverse mode; the others only a jvp. */
    public boolean isLinear() {
        return linear;
    }

    /** Why {@code arg} is not a valid argument, or empty when it is. */
    public Optional<String> rejects(Shape arg) {
        return switch (this) {
            case TR, DET, LOGDET, INV, DIAG_VECTOR -> arg.isSquare() ? Optional.empty()
                    : Optional.of(name + " needs a square matrix, got " + arg.kind() + " (" + arg + ")");
            case DIAG_MATRIX -> arg.isColumn() || arg.isScalar() ? Optional.empty()
                    : Optional.of(name + " needs a vector, got " + arg.kind() + " (" + arg + ")");
            case SUM, NORM1, NORM2, SIZE_ROWS, SIZE_COLS, SOFTMAX, LOGSUMEXP, MAX, MIN, ISMAX, ISMIN -> Optional.empty();
        };
    }

    public Shape resultShape(Shape arg) {
        return switch (this) {
            case SUM, TR, DET, LOGDET, NORM1, NORM2, SIZE_ROWS, SIZE_COLS, MAX, MIN -> Shape.SCALAR;
            case LOGSUMEXP -> new Shape(Dim.ONE, arg.cols());
            case INV, SOFTMAX, ISMAX, ISMIN -> arg;
            case DIAG_MATRIX -> new Shape(arg.rows(), arg.rows());
            case DIAG_VECTOR -> Shape.vector(arg.rows());
        };
    }

    /**
     * The dimension argument the function is written with ({@code size(X, 1)}), or 0 where it
     * takes none.
     */
    public int axis(Shape arg) {
        return switch (this) {
            case SIZE_ROWS -> 1;
            case SIZE_COLS -> 2;
            case SOFTMAX, LOGSUMEXP -> arg.cols().isOne() ? 0 : 1;
            default -> 0;
        };
    }

    /** The function a user means by {@code name} applied to an argument of shape {@code arg}. */
    public static Optional<MatFn> byName(String name, Shape arg) {
        if (name.equals("diag")) return Optional.of(arg.isColumn() || arg.isScalar() ? DIAG_MATRIX : DIAG_VECTOR);
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }

    public static boolean isName(String name) {
        return Arrays.stream(values()).anyMatch(f -> f.name.equals(name));
    }
}
