package dev.matcalc.shapes;

import dev.matcalc.expr.MatFn;
import dev.matcalc.shapes.Inference.Inferred;
import dev.matcalc.syntax.FunctionNames;
import dev.matcalc.syntax.Node;

import java.util.List;

/** Shape rules of function calls (the parser has already checked names and argument counts). */
final class Calls {
    private Calls() { }

    static Inferred infer(Inference in, Node.Call call) {
        List<Inferred> args = in.inferAll(call.args());
        String name = call.name();
        if (name.equals(FunctionNames.VECTOR)) {
            for (int i = 0; i < args.size(); i++) {
                if (!in.isScalar(args.get(i))) {
                    Node entry = call.args().get(i);
                    throw in.error("the entries of vector(...) must be scalars, got " + in.kind(args.get(i)) + " "
                            + in.describe(entry.span(), args.get(i)) + "; use [a; b] to stack blocks", entry.span());
                }
            }
            return new Inferred(in.dims.fixed(args.size()), DimSolver.ONE);
        }
        Inferred arg = args.get(0);
        if (Inference.isElementwise(name)) return arg;
        if (FunctionNames.isPairwise(name) && args.size() == 2) {
            Node a = call.args().get(0), b = call.args().get(1);
            Inferred second = args.get(1);
            return in.elementwise(arg, second, call.span(), () -> "cannot compare element-wise in " + name + ": "
                    + in.describe(a.span(), arg) + " and " + in.describe(b.span(), second));
        }
        int axis = dimension(call);
        if (name.equals(FunctionNames.SIZE)) return Inference.scalar();
        if (name.equals(FunctionNames.MEAN) || name.equals("sum")) {
            if (axis == 1) return new Inferred(DimSolver.ONE, arg.cols());
            if (axis == 2) return new Inferred(arg.rows(), DimSolver.ONE);
            return Inference.scalar();
        }
        MatFn fn = MatFn.byName(name, Shape.SCALAR).orElseThrow(); // the parser admits known names only
        if (in.isScalar(arg)) return arg; // every matrix function has a scalar meaning
        boolean vector = in.dims.isOne(arg.cols()), row = in.dims.isOne(arg.rows());
        return switch (fn) {
            case SUM, NORM1, NORM2, SIZE_ROWS, SIZE_COLS, MAX, MIN -> Inference.scalar();
            case ISMAX, ISMIN -> arg;
            case SOFTMAX, LOGSUMEXP -> {
                if (axis == 1) yield fn == MatFn.SOFTMAX ? arg : new Inferred(DimSolver.ONE, arg.cols());
                if (axis == 2) yield fn == MatFn.SOFTMAX ? arg : new Inferred(arg.rows(), DimSolver.ONE);
                if (!vector)
                    throw in.error(call.name() + " of a " + in.kind(arg) + " needs a dimension: " + call.name()
                            + "(X, 1) acts on each column, " + call.name() + "(X, 2) on each row; got "
                            + in.describe(call.args().get(0).span(), arg), call.span());
                yield fn == MatFn.SOFTMAX ? arg : Inference.scalar();
            }
            case DIAG_MATRIX, DIAG_VECTOR -> {
                if (vector) yield new Inferred(arg.rows(), arg.rows());
                if (row || !in.dims.unify(arg.rows(), arg.cols()))
                    throw rejected(in, call, arg, "a vector or a square matrix");
                yield new Inferred(arg.rows(), DimSolver.ONE);
            }
            case TR, DET, LOGDET, INV -> {
                // A free matrix becomes square here, rather than being rejected.
                if (vector || row || !in.dims.unify(arg.rows(), arg.cols()))
                    throw rejected(in, call, arg, "a square matrix");
                yield fn == MatFn.INV ? arg : Inference.scalar();
            }
        };
    }

    /** The literal dimension of {@code f(X, k)} (the parser admits 1 and 2 only), or 0 without one. */
    static int dimension(Node.Call call) {
        return call.args().size() == 2 && call.args().get(1) instanceof Node.Literal l ? (int) l.value() : 0;
    }

    private static RuntimeException rejected(Inference in, Node.Call call, Inferred arg, String needed) {
        Node argument = call.args().get(0);
        return in.error(call.name() + " needs " + needed + ", got " + in.kind(arg) + " "
                + in.describe(argument.span(), arg), call.span());
    }
}
