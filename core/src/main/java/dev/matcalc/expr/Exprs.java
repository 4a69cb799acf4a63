package dev.matcalc.expr;

import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Smart constructors: the only way the engine builds nodes. They check shapes (an
 * {@link IllegalArgumentException} here is a bug, not a user error), flatten nested sums and
 * products, fold numbers, and absorb zeros, ones and identities, so that {@code 0*b} or
 * {@code I*x} are never built.
 */
public final class Exprs {
    private Exprs() { }

    public static Num num(double v) {
        return v == 0 ? Num.ZERO : v == 1 ? Num.ONE : new Num(v);
    }

    public static Expr zero(Shape s) {
        return s.isScalar() ? Num.ZERO : new Zero(s);
    }

    public static Expr zeroLike(Expr e) {
        return zero(e.shape());
    }

    public static boolean isZero(Expr e) {
        return e instanceof Zero || (e instanceof Num n && n.value() == 0);
    }

    public static boolean isOne(Expr e) {
        return e instanceof Num n && n.value() == 1;
    }

    public static Expr ones(Shape s) {
        return s.isScalar() ? Num.ONE : new Ones(s);
    }

    public static Expr identity(Dim n) {
        return n.isOne() ? Num.ONE : new Identity(n);
    }

    // ---- sums ----

    public static Expr add(Expr... terms) {
        return add(Arrays.asList(terms));
    }

    /** The sum of the terms; scalar terms expand to the shape of the non-scalar ones. */
    public static Expr add(List<? extends Expr> terms) {
        if (terms.isEmpty()) throw new IllegalArgumentException("empty sum");
        Shape shape = Shape.SCALAR;
        for (Expr t : terms) {
            if (t.isScalar()) continue;
            if (shape.isScalar()) shape = t.shape();
            else if (!shape.equals(t.shape()))
                throw new IllegalArgumentException("cannot add " + shape + " and " + t.shape());
        }
        List<Expr> flat = new ArrayList<>();
        double constant = 0;
        int constantAt = -1;                       // the folded constant stays where the first one was
        for (Expr t : terms) {
            if (isZero(t)) continue;
            if (constantAt < 0 && (t instanceof Num || t instanceof Add a0 && a0.terms().stream().anyMatch(u -> u instanceof Num)))
                constantAt = flat.size();
            if (t instanceof Add a && (a.shape().equals(shape) || a.isScalar())) {
                for (Expr u : a.terms()) {
                    if (u instanceof Num n) constant += n.value();
                    else flat.add(u);
                }
            } else if (t instanceof Num n) {
                constant += n.value();
            } else {
                flat.add(t);
            }
        }
        if (constant != 0) flat.add(Math.min(Math.max(constantAt, 0), flat.size()), num(constant));
        if (flat.isEmpty()) return zero(shape);
        if (flat.size() == 1 && flat.get(0).shape().equals(shape)) return flat.get(0);
        if (flat.size() == 1) return new Add(List.of(flat.get(0)), shape); // a scalar expanded to a shape
        return new Add(flat, shape);
    }

    public static Expr sub(Expr a, Expr b) {
        return add(a, neg(b));
    }

    public static Expr neg(Expr a) {
        return mul(Num.MINUS_ONE, a);
    }

    // ---- products ----

    public static Expr mul(Expr... factors) {
        return mul(Arrays.asList(factors));
    }

    /** The product chain; scalar factors scale, the others must chain as matrices. */
    public static Expr mul(List<? extends Expr> factors) {
        if (factors.isEmpty()) throw new IllegalArgumentException("empty product");
        List<Expr> flat = new ArrayList<>();
        double coefficient = 1;
        boolean zero = false;
        for (Expr f : factors) {
            if (isZero(f)) zero = true;
            if (f instanceof MatMul m && (!m.isScalar() || m.factors().stream().allMatch(Expr::isScalar))) {
                for (Expr g : m.factors()) {
                    if (g instanceof Num n) coefficient *= n.value();
                    else flat.add(g);
                }
            } else if (f instanceof Num n) {
                coefficient *= n.value();
            } else {
                flat.add(f);
            }
        }
        Shape shape = chainShape(flat);
        if (zero || coefficient == 0) return zero(shape);
        List<Expr> matrices = flat.stream().filter(f -> !f.isScalar()).toList();
        if (matrices.size() == 2 && matrices.get(0) instanceof Ones a && a.shape().cols().isOne()
                && matrices.get(1) instanceof Ones) { // ones(m)*ones(N)' = matrix(1), an outer product (not ones'*ones = n)
            flat.removeAll(matrices);
            flat.add(ones(shape));
        }
        long nonScalar = flat.stream().filter(f -> !f.isScalar()).count();
        if (nonScalar > 1) {
            Expr identity = flat.stream().filter(f -> f instanceof Identity).findFirst().orElse(null);
            flat.removeIf(f -> f instanceof Identity);
            if (flat.stream().allMatch(Expr::isScalar)) flat.add(identity);   // I*I = I, not a scalar
        }
        if (coefficient != 1) flat.add(0, num(coefficient));
        if (flat.isEmpty()) return num(coefficient);
        if (flat.size() == 1) return flat.get(0);
        return new MatMul(flat, shape);
    }

    /** The shape of a product chain, checking that its non-scalar factors chain. */
    public static Shape chainShape(List<? extends Expr> factors) {
        Shape shape = null;
        for (Expr f : factors) {
            if (f.isScalar()) continue;
            if (shape == null) shape = f.shape();
            else if (!shape.cols().equals(f.shape().rows()))
                throw new IllegalArgumentException("cannot multiply " + shape + " by " + f.shape());
            else shape = new Shape(shape.rows(), f.shape().cols());
        }
        return shape == null ? Shape.SCALAR : shape;
    }

    /** a / b: scaling by 1/b for a scalar b, element-wise division otherwise. */
    public static Expr div(Expr a, Expr b) {
        if (b.isScalar()) return mul(a, pow(b, Num.MINUS_ONE));
        return hadamard(a, pow(b, Num.MINUS_ONE));
    }

    public static Expr transpose(Expr a) {
        return switch (a) {
            case Transpose t -> t.arg();
            case Num n -> n;
            case Identity i -> i;
            case Ones o -> new Ones(o.shape().transpose());
            case Zero z -> new Zero(z.shape().transpose());
            case Var v when v.isSymmetric() -> v;
            default -> a.isScalar() ? a : new Transpose(a);
        };
    }

    /** A .* B; with a scalar operand it is scaling. */
    public static Expr hadamard(Expr a, Expr b) {
        if (a.isScalar() || b.isScalar()) return mul(a, b);
        if (!a.shape().equals(b.shape()))
            throw new IllegalArgumentException("cannot multiply element-wise " + a.shape() + " and " + b.shape());
        if (isZero(a) || isZero(b)) return zeroLike(a);
        if (a instanceof Ones) return b;
        if (b instanceof Ones) return a;
        return new Hadamard(a, b);
    }

    /** base .^ exponent, for a scalar exponent. */
    public static Expr pow(Expr base, Expr exponent) {
        if (!exponent.isScalar()) throw new IllegalArgumentException("exponent must be scalar, got " + exponent.shape());
        if (isOne(exponent)) return base;
        if (isZero(exponent)) return ones(base.shape());
        if (base instanceof Num b && exponent instanceof Num e) return num(Math.pow(b.value(), e.value()));
        if (base instanceof Ones) return base;
        if (base instanceof Power p && exponent instanceof Num e && e.value() == Math.rint(e.value())
                && p.exponent() instanceof Num inner)
            return pow(p.base(), num(inner.value() * e.value()));
        return new Power(base, exponent);
    }

    public static Expr apply(Fn fn, Expr arg) {
        if (arg instanceof Num n) return num(fn.eval(n.value()));
        return new Apply(fn, arg);
    }

    /** f(X) for a matrix function; on scalars the functions reduce to their scalar meaning. */
    public static Expr call(MatFn fn, Expr arg) {
        if ((fn == MatFn.SIZE_ROWS || fn == MatFn.SIZE_COLS) && !(arg instanceof Var)) arg = sizeWitness(fn, arg);
        fn.rejects(arg.shape()).ifPresent(msg -> { throw new IllegalArgumentException(msg); });
        if (arg.isScalar()) {
            return switch (fn) {
                case SUM, TR, DET, DIAG_MATRIX, DIAG_VECTOR, LOGSUMEXP, MAX, MIN -> arg;
                case LOGDET -> apply(Fn.LOG, arg);
                case INV -> pow(arg, Num.MINUS_ONE);
                case NORM1, NORM2 -> apply(Fn.ABS, arg);
                case SOFTMAX, SIZE_ROWS, SIZE_COLS, ISMAX, ISMIN -> Num.ONE;
            };
        }
        if (fn == MatFn.SIZE_ROWS && arg.shape().rows() instanceof Dim.Fixed f) return num(f.value());
        if (fn == MatFn.SIZE_COLS && arg.shape().cols() instanceof Dim.Fixed f) return num(f.value());
        if (fn.isLinear() && isZero(arg)) return zero(fn.resultShape(arg.shape()));
        if (fn == MatFn.SOFTMAX && arg.shape().rows().isOne()) return ones(arg.shape());   // columns of one entry
        if (fn == MatFn.LOGSUMEXP && arg.shape().rows().isOne()) return arg;
        if (fn == MatFn.INV && arg instanceof Call c && c.fn() == MatFn.INV) return c.arg();
        if (fn == MatFn.INV && arg instanceof Identity) return arg;
        if (fn == MatFn.TR && arg instanceof Identity i && i.size() instanceof Dim.Fixed f) return num(f.value());
        return new Call(fn, arg);
    }

    /**
     * size(U, k) depends on U's shape only: it is asked of a variable in U with that size (one of
     * U's own shape first), so that it does not depend on what U computes and reads
     * {@code size(Y, 1)} rather than repeating U.
     */
    private static Expr sizeWitness(MatFn fn, Expr arg) {
        boolean rows = fn == MatFn.SIZE_ROWS;
        Shape shape = arg.shape();
        Var best = null;
        for (Var v : Nodes.variables(arg)) {
            boolean fits = rows ? v.shape().rows().equals(shape.rows()) : v.shape().cols().equals(shape.cols());
            if (fits && (best == null || v.shape().equals(shape) && !best.shape().equals(shape))) best = v;
        }
        return best == null ? arg : best;
    }

    /**
     * max(a, b) or min(a, b), element-wise: non-scalar operands of one shape (expanded by the
     * caller), or a scalar compared with every entry; two numbers fold.
     */
    public static Expr maxMin(MaxMin.Op op, Expr a, Expr b) {
        if (!a.isScalar() && !b.isScalar() && !a.shape().equals(b.shape()))
            throw new IllegalArgumentException("cannot compare element-wise " + a.shape() + " and " + b.shape());
        if (a instanceof Num x && b instanceof Num y) return num(op.eval(x.value(), y.value()));
        if (a.equals(b)) return a;
        return new MaxMin(op, a, b);
    }

    // ---- implicit expansion and reductions along a dimension, as products with ones ----

    /**
     * The shape of an element-wise operation under implicit expansion (MATLAB, NumPy
     * broadcasting): per dimension the operands agree, or one of them is 1.
     */
    public static Shape broadcastShape(Shape a, Shape b) {
        return new Shape(broadcastDim(a.rows(), b.rows()), broadcastDim(a.cols(), b.cols()));
    }

    private static Dim broadcastDim(Dim a, Dim b) {
        if (a.equals(b) || b.isOne()) return a;
        if (a.isOne()) return b;
        throw new IllegalArgumentException("cannot expand " + a + " and " + b + " to one size");
    }

    /**
     * e expanded to {@code target}: an m-vector over N columns is {@code e*ones(N)'}, a 1×N row
     * over m rows {@code ones(m)*e}, so derivatives, transposes and simplification need no rule
     * of their own. A scalar stays a scalar (sums and products expand scalars already).
     */
    public static Expr broadcast(Expr e, Shape target) {
        Shape s = e.shape();
        if (e.isScalar() || s.equals(target)) return e;
        Expr out = e;
        if (s.cols().isOne() && !target.cols().isOne()) out = mul(out, ones(new Shape(Dim.ONE, target.cols())));
        if (s.rows().isOne() && !target.rows().isOne()) out = mul(ones(Shape.vector(target.rows())), out);
        if (!out.shape().equals(target))
            throw new IllegalArgumentException("cannot expand " + s + " to " + target);
        return out;
    }

    /**
     * For an expansion ({@code u*ones(N)'} of a column u, {@code ones(m)*r} of a row r), the
     * operand before expansion; empty for any other expression.
     */
    public static Optional<Expr> unbroadcast(Expr e) {
        if (!(e instanceof MatMul m) || !e.shape().isMatrix()) return Optional.empty();
        List<Expr> fs = m.factors();
        int first = -1, last = -1;
        for (int i = 0; i < fs.size(); i++) {
            if (fs.get(i).isScalar()) continue;
            if (first < 0) first = i;
            last = i;
        }
        if (first < 0 || first == last) return Optional.empty();
        if (fs.get(last) instanceof Ones o && o.shape().isRow()) {
            List<Expr> rest = new ArrayList<>(fs);
            rest.remove(last);
            Expr column = mul(rest);
            if (column.shape().isColumn()) return Optional.of(column);
        }
        if (fs.get(first) instanceof Ones o && o.shape().isColumn()) {
            List<Expr> rest = new ArrayList<>(fs);
            rest.remove(first);
            Expr row = mul(rest);
            if (row.shape().isRow()) return Optional.of(row);
        }
        return Optional.empty();
    }

    /** sum(X, 1) = ones(m)'*X, the 1×N row of column sums. */
    public static Expr sumColumns(Expr x) {
        return mul(ones(new Shape(Dim.ONE, x.shape().rows())), x);
    }

    /** sum(X, 2) = X*ones(N), the m-vector of row sums. */
    public static Expr sumRows(Expr x) {
        return mul(x, ones(Shape.vector(x.shape().cols())));
    }

    /** The number of entries of x: size(x, 1)*size(x, 2). */
    public static Expr count(Expr x) {
        return mul(call(MatFn.SIZE_ROWS, x), call(MatFn.SIZE_COLS, x));
    }

    /** mean(X) = sum(X)/numel(X). */
    public static Expr mean(Expr x) {
        return div(call(MatFn.SUM, x), count(x));
    }

    /** mean(X, 1) = sum(X, 1)/size(X, 1). */
    public static Expr meanColumns(Expr x) {
        return div(sumColumns(x), call(MatFn.SIZE_ROWS, x));
    }

    /** mean(X, 2) = sum(X, 2)/size(X, 2). */
    public static Expr meanRows(Expr x) {
        return div(sumRows(x), call(MatFn.SIZE_COLS, x));
    }

    /** ⟨a, b⟩ = sum(a .* b), written as a person would: a*b, a'*b, a*b' or tr(a'*b). */
    public static Expr inner(Expr a, Expr b) {
        if (a.isScalar() || b.isScalar()) {
            if (a.isScalar() && b.isScalar()) return mul(a, b);
            return a.isScalar() ? mul(a, call(MatFn.SUM, b)) : mul(b, call(MatFn.SUM, a));
        }
        if (a.shape().isColumn()) return mul(transpose(a), b);
        if (a.shape().isRow()) return mul(a, transpose(b));
        return call(MatFn.TR, mul(transpose(a), b));
    }

    /** A block matrix; rows of blocks must agree in height, columns in width. */
    public static Expr block(List<List<Expr>> rows) {
        if (rows.isEmpty() || rows.stream().anyMatch(List::isEmpty)) throw new IllegalArgumentException("empty block");
        int nCols = rows.get(0).size();
        Dim height = null;
        for (List<Expr> row : rows) {
            if (row.size() != nCols) throw new IllegalArgumentException("block rows differ in length");
        }
        Dim width = null;
        for (int j = 0; j < nCols; j++) {
            Dim w = rows.get(0).get(j).shape().cols();
            for (List<Expr> row : rows)
                if (!row.get(j).shape().cols().equals(w))
                    throw new IllegalArgumentException("blocks in column " + (j + 1) + " differ in width");
            width = width == null ? w : Dim.plus(width, w);
        }
        for (List<Expr> row : rows) {
            Dim h = row.get(0).shape().rows();
            for (Expr e : row)
                if (!e.shape().rows().equals(h)) throw new IllegalArgumentException("blocks in a row differ in height");
            height = height == null ? h : Dim.plus(height, h);
        }
        if (rows.size() == 1 && nCols == 1) return rows.get(0).get(0);
        return new Block(rows, new Shape(height, width));
    }

    /** [e1; e2; ...]: scalars (or blocks) stacked into a column. */
    public static Expr column(List<Expr> entries) {
        return block(entries.stream().map(List::of).toList());
    }
}
