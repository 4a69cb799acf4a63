package dev.matcalc.syntax;

/**
 * Checks the arguments of a call to a known name, and turns the constructors {@code vector(1)}
 * and {@code matrix(1)} into {@link Node.Ones}, and {@code vector(0)} and {@code matrix(0)} (the
 * zero vector and matrix, as GENO's model files write them) into {@code 0*vector(1)}, which the
 * typer folds to a zero of the size inferred from context.
 */
final class FunctionCalls {
    private FunctionCalls() { }

    static Node check(Node.Call call, String source) {
        String name = call.name();
        int count = call.args().size();
        if (name.equals(FunctionNames.VECTOR)) {
            if (count >= 2) return call;
            if (count == 1 && isLiteral(call.args().get(0), 1)) return new Node.Ones(false, call.span());
            if (count == 1 && isLiteral(call.args().get(0), 0)) return zeros(call, false);
            throw new SourceError("vector takes the single argument 1 (vector(1), all ones) or 0 (vector(0), all zeros), "
                    + "or two or more scalar entries, got " + describe(call, source), source, call.span());
        }
        if (name.equals(FunctionNames.MATRIX)) {
            if (count == 1 && isLiteral(call.args().get(0), 1)) return new Node.Ones(true, call.span());
            if (count == 1 && isLiteral(call.args().get(0), 0)) return zeros(call, true);
            throw new SourceError("matrix takes the single argument 1 (matrix(1), all ones) or 0 (matrix(0), all zeros), got "
                    + describe(call, source), source, call.span());
        }
        if (FunctionNames.takesDimension(name) && count == 2) {
            Node dim = call.args().get(1);
            if (!(dim instanceof Node.Literal l && (l.value() == 1 || l.value() == 2)))
                throw new SourceError(name + "'s second argument is the dimension: 1 (along columns) or 2 (along rows), got '"
                        + Text.quote(source, dim.span()) + "'", source, dim.span());
            return call;
        }
        if (FunctionNames.isPairwise(name)) {
            if (count == 1 || count == 2) return call;
            throw new SourceError(name + " takes 1 argument (" + name + "(X), its " + (name.equals("max") ? "largest" : "smallest")
                    + " entry) or 2 (" + name + "(A, B), element-wise), got " + count, source, call.span());
        }
        if (name.equals(FunctionNames.SIZE)) {
            throw new SourceError("size takes a matrix and a dimension: size(X, 1) (rows) or size(X, 2) (columns), got "
                    + count + " argument" + (count == 1 ? "" : "s"), source, call.span());
        }
        if (count != 1) {
            if (FunctionNames.takesDimension(name))
                throw new SourceError(name + " takes 1 argument, or 2 with a dimension (" + name + "(X, 1), "
                        + name + "(X, 2)), got " + count, source, call.span());
            throw new SourceError(name + " takes 1 argument, got " + count, source, call.span());
        }
        return call;
    }

    private static boolean isLiteral(Node node, double value) {
        return node instanceof Node.Literal literal && literal.value() == value;
    }

    /** {@code 0*vector(1)} (or {@code 0*matrix(1)}), every part spanning the call. */
    private static Node zeros(Node.Call call, boolean isMatrix) {
        Node.Literal zero = (Node.Literal) call.args().get(0);
        Node.Step times = new Node.Step(Node.Op.MUL, call.nameSpan(), new Node.Ones(isMatrix, call.span()));
        return new Node.Chain(zero, java.util.List.of(times), call.span());
    }

    private static String describe(Node.Call call, String source) {
        return call.args().isEmpty() ? "none" : "'" + Text.quote(source, call.span()) + "'";
    }
}
