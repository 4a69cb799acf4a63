package dev.matcalc.shapes;

import dev.matcalc.expr.Fn;
import dev.matcalc.syntax.Node;
import dev.matcalc.syntax.Program;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Span;
import dev.matcalc.syntax.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pass one of typing: gives every syntax node a shape made of dimension classes and unifies them
 * as the operators demand, reporting misfits with the node's span. Pass two ({@link ExprBuilder})
 * builds the typed expression once all sizes are known.
 */
final class Inference {

    /** A shape whose dimensions are classes of the {@link DimSolver}. */
    record Inferred(int rows, int cols) { }

    /** What pass one learns about a variable; {@code firstUse} is null for a declared variable that does not occur. */
    record VariableInfo(String name, Inferred type, Declaration declaration, Span firstUse) {
        boolean occurs() {
            return firstUse != null;
        }
    }

    /** Matrix powers A^k are expanded into k factors, so k is bounded. */
    static final int MAX_MATRIX_POWER = 64;

    final String source;
    final DimSolver dims = new DimSolver();
    final Map<String, VariableInfo> variables = new LinkedHashMap<>();
    final Map<String, Inferred> defined = new HashMap<>();
    final Map<Node, Inferred> types = new IdentityHashMap<>();
    private final Map<String, Declaration> lets;
    private final Map<String, ValueShape> values;
    private final Set<String> declaredDimNames = new HashSet<>();

    Inference(String source, Map<String, Declaration> lets, Map<String, ValueShape> values) {
        this.source = source;
        this.lets = lets;
        this.values = values;
        for (Declaration d : lets.values()) {
            if (d == null) continue;
            if (d.rows() instanceof Dim.Sym s) declaredDimNames.add(s.name());
            if (d.cols() instanceof Dim.Sym s) declaredDimNames.add(s.name());
        }
    }

    void program(Program program) {
        for (Program.Definition d : program.definitions()) {
            if (defined.containsKey(d.name()))
                throw error("'" + d.name() + "' is already defined", d.nameSpan());
            if (variables.containsKey(d.name()))
                throw error("'" + d.name() + "' is used as a variable before this definition", d.nameSpan());
            defined.put(d.name(), infer(d.value()));
        }
        infer(program.result());
        // declared variables the program does not mention, after it (first appearances keep their order):
        // a derivative by one is the zero of its declared shape, and a value given for one binds its sizes
        for (Map.Entry<String, Declaration> let : lets.entrySet())
            if (let.getValue() != null && !variables.containsKey(let.getKey()) && !defined.containsKey(let.getKey()))
                variables.put(let.getKey(), new VariableInfo(let.getKey(), declared(let.getValue()), let.getValue(), null));
    }

    /** Names that fresh dimension names must avoid. */
    Set<String> reservedNames() {
        Set<String> reserved = new HashSet<>(declaredDimNames);
        reserved.addAll(variables.keySet());
        reserved.addAll(defined.keySet());
        return reserved;
    }

    Inferred infer(Node node) {
        Inferred type = switch (node) {
            case Node.Name n -> name(n);
            case Node.Literal l -> scalar();
            case Node.Negate n -> infer(n.operand());
            case Node.Transpose t -> {
                Inferred inner = infer(t.operand());
                yield new Inferred(inner.cols(), inner.rows());
            }
            case Node.Ones o -> new Inferred(dims.fresh(), o.isMatrix() ? dims.fresh() : DimSolver.ONE);
            case Node.Eye e -> {
                int n = dims.fresh();
                yield new Inferred(n, n);
            }
            case Node.Chain c -> chain(c);
            case Node.Call c -> Calls.infer(this, c);
            case Node.Brackets b -> Blocks.infer(this, b);
        };
        types.put(node, type);
        return type;
    }

    private Inferred name(Node.Name n) {
        Inferred def = defined.get(n.name());
        if (def != null) return def;
        VariableInfo info = variables.get(n.name());
        if (info == null) {
            Declaration d = lets.get(n.name());
            ValueShape given = values.get(n.name());
            Inferred type = d != null ? declared(d) : given != null ? byKind(given.kind()) : byConvention(n.name());
            info = new VariableInfo(n.name(), type, d, n.span());
            variables.put(n.name(), info);
        }
        return info.type();
    }

    private Inferred declared(Declaration d) {
        int rows = dimClass(d.rows());
        return new Inferred(rows, d.kind() == Declaration.Kind.SYMMETRIC ? rows : dimClass(d.cols()));
    }

    /** A declared dimension's class; a null one (a declaration of the kind alone) is free, found by inference. */
    private int dimClass(Dim d) {
        if (d == null) return dims.fresh();
        return switch (d) {
            case Dim.Fixed f -> dims.fixed(f.value());
            case Dim.Sym s -> dims.symbol(s.name());
        };
    }

    /** A given value's kind is a fact about an undeclared variable; its sizes bind later ({@link ValueBinding}). */
    private Inferred byKind(ValueShape.Kind kind) {
        return switch (kind) {
            case SCALAR -> scalar();
            case VECTOR -> new Inferred(dims.fresh(), DimSolver.ONE);
            case MATRIX -> new Inferred(dims.fresh(), dims.fresh());
        };
    }

    /** matrixcalculus.org's convention: a–g scalar, h–z vector, A–Z matrix, anything else scalar. */
    private Inferred byConvention(String name) {
        char c = name.charAt(0);
        if (c >= 'h' && c <= 'z') return new Inferred(dims.fresh(), DimSolver.ONE);
        if (c >= 'A' && c <= 'Z') return new Inferred(dims.fresh(), dims.fresh());
        return scalar();
    }

    static Inferred scalar() {
        return new Inferred(DimSolver.ONE, DimSolver.ONE);
    }

    private Inferred chain(Node.Chain chain) {
        Inferred acc = infer(chain.first());
        Span accSpan = chain.first().span();
        for (Node.Step step : chain.steps()) {
            Inferred right = infer(step.operand());
            Span both = accSpan.to(step.operand().span());
            acc = binary(step, acc, accSpan, right, both);
            accSpan = both;
        }
        return acc;
    }

    private Inferred binary(Node.Step step, Inferred left, Span leftSpan, Inferred right, Span both) {
        Span rightSpan = step.operand().span();
        // Messages are built only on failure: naming dimensions costs a pass over all classes.
        Supplier<String> l = () -> describe(leftSpan, left), r = () -> describe(rightSpan, right);
        return switch (step.op()) {
            case ADD -> elementwise(left, right, both, () -> "cannot add " + l.get() + " and " + r.get());
            case SUB -> elementwise(left, right, both, () -> "cannot subtract " + r.get() + " from " + l.get());
            case HADAMARD -> elementwise(left, right, both,
                    () -> "cannot multiply element-wise " + l.get() + " and " + r.get());
            case ELEMENT_DIV -> elementwise(left, right, both,
                    () -> "cannot divide element-wise " + l.get() + " by " + r.get());
            case MUL -> {
                if (isScalar(left)) yield right;
                if (isScalar(right)) yield left;
                if (!dims.unify(left.cols(), right.rows()))
                    throw error("cannot multiply " + l.get() + " by " + r.get() + ": inner dimensions "
                            + dim(left.cols()) + " and " + dim(right.rows()) + " differ", both);
                yield new Inferred(left.rows(), right.cols());
            }
            case DIV -> {
                if (isScalar(right)) yield left;
                SourceError guessed = divisorByConvention(step.operand(), right, r);
                if (guessed != null) throw guessed;
                throw error("cannot divide by a " + kind(right) + " " + r.get()
                        + "; use ./ for element-wise division", both);
            }
            case ELEMENT_POW -> {
                if (isScalar(right)) yield left;
                throw error("the exponent of .^ must be a scalar, got " + kind(right) + " " + r.get(), rightSpan);
            }
            case POW -> power(left, leftSpan, right, step.operand(), both);
        };
    }

    /**
     * A divisor that is a bare name whose shape nobody declared (an uppercase N is a matrix by the
     * letter convention, or by its uses): {@code sum(x)/N} almost always means a count, so the fix is a declaration,
     * not {@code ./}. The name is underlined, as it is what to change.
     */
    private SourceError divisorByConvention(Node operand, Inferred right, Supplier<String> described) {
        if (!(operand instanceof Node.Name n) || defined.containsKey(n.name())) return null;
        VariableInfo info = variables.get(n.name());
        if (info == null || info.declaration() != null || values.containsKey(n.name())) return null;
        return error("cannot divide by " + described.get() + ", inferred to be a " + kind(right)
                + " as it is not declared; if " + n.name() + " is a number, declare it: --let " + n.name()
                + ":scalar (in the REPL: let " + n.name() + ": scalar)", n.span());
    }

    /**
     * Implicit expansion (MATLAB since R2016b, NumPy broadcasting): per dimension the operands
     * agree, or one of them is 1 and is repeated along it (a vector added to every column of a
     * matrix, a row to every row, a scalar everywhere).
     */
    Inferred elementwise(Inferred left, Inferred right, Span both, Supplier<String> failure) {
        if (isScalar(left)) return right;
        if (isScalar(right)) return left;
        Integer rows = expanded(left.rows(), right.rows());
        if (rows == null)
            throw error(failure.get() + ": row counts " + dim(left.rows()) + " and " + dim(right.rows()) + " differ",
                    both);
        Integer cols = expanded(left.cols(), right.cols());
        if (cols == null)
            throw error(failure.get() + ": column counts " + dim(left.cols()) + " and " + dim(right.cols())
                    + " differ", both);
        return new Inferred(rows, cols);
    }

    /** The dimension of an element-wise result along one axis, or null where the two cannot meet. */
    private Integer expanded(int a, int b) {
        if (dims.isOne(a) && !dims.isOne(b)) return b;
        if (dims.isOne(b) && !dims.isOne(a)) return a;
        return dims.unify(a, b) ? a : null;
    }

    private Inferred power(Inferred base, Span baseSpan, Inferred exponent, Node exponentNode, Span both) {
        Supplier<String> b = () -> describe(baseSpan, base);
        if (!isScalar(exponent))
            throw error("the exponent of ^ must be a scalar, got " + kind(exponent) + " "
                    + describe(exponentNode.span(), exponent), exponentNode.span());
        if (isScalar(base)) return base;
        if (dims.isOne(base.cols()) || dims.isOne(base.rows()))
            throw error("cannot raise a " + kind(base) + " " + b.get() + " to a power with ^; use .^ for element-wise power",
                    both);
        Integer k = integerLiteral(exponentNode);
        if (k == null)
            throw error("a matrix power A^k needs an integer literal k; use .^ for element-wise power", both);
        if (Math.abs(k) > MAX_MATRIX_POWER)
            throw error("matrix power exponent too large: at most " + MAX_MATRIX_POWER + " in absolute value", both);
        if (!dims.unify(base.rows(), base.cols()))
            throw error("a matrix power needs a square matrix, got " + b.get() + "; use .^ for element-wise power", both);
        return base;
    }

    /** The value of {@code 3} or {@code -3} as written, when it is an integer; else null. */
    static Integer integerLiteral(Node node) {
        int sign = 1;
        if (node instanceof Node.Negate n) {
            sign = -1;
            node = n.operand();
        }
        if (node instanceof Node.Literal l && l.value() == Math.rint(l.value()) && Math.abs(l.value()) <= 1e6)
            return sign * (int) l.value();
        return null;
    }

    // ---- helpers shared with Calls and Blocks ----

    boolean isScalar(Inferred t) {
        return dims.isOne(t.rows()) && dims.isOne(t.cols());
    }

    /** scalar, vector, row vector or matrix. */
    String kind(Inferred t) {
        boolean r = dims.isOne(t.rows()), c = dims.isOne(t.cols());
        return r && c ? "scalar" : c ? "vector" : r ? "row vector" : "matrix";
    }

    /** {@code x (n×1)}: the source text and its shape with the current dimension names. */
    String describe(Span span, Inferred t) {
        return Text.quote(source, span) + " (" + Shape.times(dim(t.rows()), dim(t.cols())) + ")";
    }

    String dim(int c) {
        return dims.resolve(c, dims.freshNames(reservedNames())).toString();
    }

    SourceError error(String message, Span span) {
        return new SourceError(message, source, span);
    }

    static boolean isElementwise(String name) {
        return Fn.byName(name).isPresent();
    }

    List<Inferred> inferAll(List<Node> nodes) {
        List<Inferred> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) out.add(infer(n));
        return out;
    }
}
