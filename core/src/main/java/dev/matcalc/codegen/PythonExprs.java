package dev.matcalc.codegen;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;
import dev.matcalc.shapes.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expressions in Python over NumPy, PyTorch or JAX. Vectors (n×1 and 1×n alike) are 1-d arrays,
 * so a transpose of a vector is the array itself, {@code u*v'} is {@code outer(u, v)} and
 * {@code u'*v} is {@code u @ v}; scalars are 0-d; {@code *} between non-scalars is {@code @}.
 */
final class PythonExprs extends Emitter<PythonExprs.Code> {
    /** Python operator precedence, enough to parenthesize only where needed. */
    static final int ADD = 1, MUL = 2, UNARY = 3, POW = 4, ATOM = 5;

    record Code(String text, int prec) {
        /** This code as an operand needing precedence at least {@code min}. */
        String at(int min) {
            return prec >= min ? text : "(" + text + ")";
        }
    }

    private final PythonFlavor flavor;
    private final Map<String, String> dimNames;
    /** Helper functions the module has to define. */
    final Set<String> helpers = new TreeSet<>();

    PythonExprs(Plan plan, Identifiers ids, PythonFlavor flavor, Map<String, String> dimNames) {
        super(plan, ids);
        this.flavor = flavor;
        this.dimNames = dimNames;
    }

    @Override
    String assign(String name, Code code, Expr e) {
        return name + " = " + code.text();
    }

    @Override
    String text(Code code) {
        return code.text();
    }

    @Override
    Code name(String name) {
        return new Code(name, ATOM);
    }

    @Override
    Code inline(Expr e) {
        return switch (e) {
            case Var v -> new Code(ids.of(v.name()), ATOM);
            case Num n -> number(n.value());
            case Ones o -> create("ones", o.shape(), "1.0");
            case Zero z -> create("zeros", z.shape(), "0.0");
            case Identity i -> new Code(flavor.fn("eye") + "(" + dim(i.size()) + flavor.creationArgs() + ")", ATOM);
            case Add a -> add(a);
            case MatMul m -> product(m);
            case Transpose t -> t.arg().shape().isMatrix() ? new Code(ref(t.arg()).at(ATOM) + ".T", ATOM) : ref(t.arg());
            case Hadamard h -> new Code(ref(h.left()).at(MUL) + " * " + ref(h.right()).at(MUL + 1), MUL);
            case Power p -> power(p);
            case Apply a -> apply(a);
            case Call c -> call(c);
            case MaxMin m -> new Code(flavor.fn(m.op() == MaxMin.Op.MAX ? "maximum" : "minimum")
                    + "(" + arrayRef(m.left()).text() + ", " + arrayRef(m.right()).text() + ")", ATOM);
            case Block b -> block(b);
            case Ref r -> ref(r.value());
        };
    }

    static Code number(double v) {
        String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? (long) v + ".0" : Double.toString(v);
        return new Code(s, v < 0 ? UNARY : ATOM);
    }

    private Code create(String fn, Shape s, String scalar) {
        if (s.isScalar()) return new Code(scalar, ATOM);
        return new Code(flavor.fn(fn) + "(" + shapeTuple(s) + flavor.creationArgs() + ")", ATOM);
    }

    /** The array shape of a matcalc shape: {@code ()}, {@code n} for vectors, {@code (m, n)}. */
    String shapeTuple(Shape s) {
        if (s.isScalar()) return "()";
        if (s.isMatrix()) return "(" + dim(s.rows()) + ", " + dim(s.cols()) + ")";
        return dim(s.isColumn() ? s.rows() : s.cols());
    }

    /** The same as a tuple, as asserts compare it with {@code x.shape}. */
    String shapeAsTuple(Shape s) {
        if (s.isScalar()) return "()";
        if (s.isMatrix()) return shapeTuple(s);
        return "(" + shapeTuple(s) + ",)";
    }

    String dim(Dim d) {
        List<String> parts = new ArrayList<>();
        for (String p : Plan.parts(d)) parts.add(p.chars().allMatch(Character::isDigit) ? p : dimNames.get(p));
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" + ", parts) + ")";
    }

    private Code add(Add a) {
        StringBuilder sb = new StringBuilder();
        for (Expr t : a.terms()) {
            if (sb.length() > 0 && negated(t) != null) {
                sb.append(" - ").append(ref(negated(t)).at(MUL));
                continue;
            }
            Code c = ref(t);
            sb.append(sb.length() == 0 ? c.at(ADD) : " + " + c.at(MUL));
        }
        return new Code(sb.toString(), ADD);
    }

    /** u for a term -u (a product led by -1), so that sums read {@code a - u}. */
    private Expr negated(Expr t) {
        if (plan.isShared(t) || !(t instanceof MatMul m) || !(m.factors().get(0) instanceof Num n) || n.value() != -1) return null;
        List<Expr> rest = m.factors().subList(1, m.factors().size());
        return rest.size() == 1 ? rest.get(0) : new MatMul(rest, m.shape());
    }

    /** Scalars scale ({@code *}); the rest chain with {@code @}, except a column times a row, an outer product. */
    private Code product(MatMul m) {
        List<Code> parts = new ArrayList<>();
        boolean negate = false;
        Code chain = null;
        Shape shape = null;
        for (Expr f : m.factors()) {
            if (f.isScalar()) {
                if (f instanceof Num n && n.value() == -1) negate = !negate;
                else parts.add(ref(f));
                continue;
            }
            Code c = ref(f);
            if (chain == null) {
                chain = c;
                shape = f.shape();
            } else if (shape.isColumn() && f.shape().isRow()) {
                chain = new Code(flavor.fn("outer") + "(" + chain.text() + ", " + c.text() + ")", ATOM);
                shape = new Shape(shape.rows(), f.shape().cols());
            } else {
                chain = new Code(chain.at(MUL) + (shape.isScalar() ? " * " : " @ ") + c.at(MUL + 1), MUL);
                shape = new Shape(shape.rows(), f.shape().cols());
            }
        }
        if (chain != null) parts.add(chain);
        Code product;
        if (parts.isEmpty()) product = new Code("1.0", ATOM);
        else if (parts.size() == 1) product = parts.get(0);
        else {
            StringBuilder sb = new StringBuilder(parts.get(0).at(MUL));
            for (Code c : parts.subList(1, parts.size())) sb.append(" * ").append(c.at(MUL + 1));
            product = new Code(sb.toString(), MUL);
        }
        return negate ? new Code("-" + product.at(UNARY), UNARY) : product;
    }

    private Code power(Power p) {
        String exponent = p.exponent() instanceof Num n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e6
                ? Long.toString((long) n.value()) : ref(p.exponent()).at(UNARY);
        if (exponent.equals("-1")) return new Code("1.0 / " + ref(p.base()).at(MUL + 1), MUL);
        return new Code(ref(p.base()).at(ATOM) + " ** " + exponent, POW);
    }

    private Code apply(Apply a) {
        Code arg = arrayRef(a.arg());
        String fn = a.fn().numpy();
        if (fn.startsWith("np.")) fn = flavor.fn(fn.substring(3));
        else helpers.add(fn);
        return new Code(fn + "(" + arg.text() + ")", ATOM);
    }

    /** The code for e where a library function wants an array: a number becomes one (PyTorch wants tensors). */
    private Code arrayRef(Expr e) {
        return e instanceof Num n ? new Code(flavor.constant(number(n.value()).text()), ATOM) : ref(e);
    }

    private Code call(Call c) {
        String a = ref(c.arg()).text();
        String text = switch (c.fn()) {
            case SUM -> flavor.fn("sum") + "(" + a + ")";
            case TR -> flavor.fn("trace") + "(" + a + ")";
            case DET -> flavor.fn("linalg.det") + "(" + a + ")";
            case LOGDET -> flavor.fn("linalg.slogdet") + "(" + a + ")[1]";
            case INV -> flavor.fn("linalg.inv") + "(" + a + ")";
            case NORM1 -> flavor.fn("sum") + "(" + flavor.fn("abs") + "(" + a + "))";
            case NORM2 -> flavor.fn("linalg.norm") + "(" + a + ")";
            case DIAG_MATRIX, DIAG_VECTOR -> flavor.fn("diag") + "(" + a + ")";
            case SIZE_ROWS -> flavor.constant(dim(c.arg().shape().rows()));
            case SIZE_COLS -> flavor.constant(dim(c.arg().shape().cols()));
            case MAX -> flavor.fn("max") + "(" + a + ")";
            case MIN -> flavor.fn("min") + "(" + a + ")";
            case SOFTMAX, LOGSUMEXP, ISMAX, ISMIN -> {
                helpers.add(c.fn().fnName());
                yield c.fn().fnName() + "(" + a + ")";
            }
        };
        return new Code(text, ATOM);
    }

    /** Blocks as 2-d arrays, concatenated along rows then columns, then back to the result's own rank. */
    private Code block(Block b) {
        List<String> rows = new ArrayList<>();
        for (List<Expr> row : b.rows()) {
            List<String> cells = new ArrayList<>();
            for (Expr cell : row)
                cells.add(flavor.fn("reshape") + "(" + arrayRef(cell).text() + ", (" + dim(cell.shape().rows()) + ", " + dim(cell.shape().cols()) + "))");
            rows.add(cells.size() == 1 ? cells.get(0) : flavor.concatenate("[" + String.join(", ", cells) + "]", 1));
        }
        String whole = rows.size() == 1 ? rows.get(0) : flavor.concatenate("[" + String.join(", ", rows) + "]", 0);
        return new Code(b.shape().isMatrix() ? whole : flavor.fn("reshape") + "(" + whole + ", " + (b.isScalar() ? "()" : "(-1,)") + ")", ATOM);
    }
}
