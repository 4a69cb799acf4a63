package dev.matcalc.codegen;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Dim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Expressions in Java over EJML: every value is a {@code DMatrixRMaj} of its matcalc shape
 * (scalars 1×1, vectors n×1, transposed vectors 1×n), every operation a call to a helper of
 * {@link JavaSupport} (so no operator precedence to get wrong), except products of matrices and
 * vectors, written as EJML writes them, {@code CommonOps_DDRM.mult(A, B, t0)} ({@code multTransA},
 * {@code multTransB}, {@code multTransAB} for transposed factors, with no transposed copy), each
 * into a matrix of the class's workspace, reused from call to call.
 */
final class JavaExprs extends Emitter<String> {
    private final Map<String, String> dimNames;
    private final String className;
    /** The temporaries written into workspace matrices, in the order of their slots. */
    final List<String> workspace = new ArrayList<>();

    JavaExprs(Plan plan, Identifiers ids, Map<String, String> dimNames, String className) {
        super(plan, ids);
        this.dimNames = dimNames;
        this.className = className;
    }

    @Override
    String assign(String name, String code, Expr e) {
        return "DMatrixRMaj " + name + " = " + code + ";";
    }

    /**
     * A product: its non-scalar factors multiplied left to right by EJML, each step into a workspace
     * matrix ({@code CommonOps_DDRM.multTransB(U, V, t1)}: a transposed factor is read transposed, not
     * copied), then scaled by the scalar factors, if any.
     */
    private String product(MatMul m) {
        List<Expr> matrices = m.factors().stream().filter(f -> !f.isScalar()).toList();
        if (matrices.size() < 2) return "mul(" + args(m.factors()) + ")";
        Expr first = matrices.get(0);
        boolean transposed = first instanceof Transpose;
        String acc = ref(transposed ? ((Transpose) first).arg() : first);
        for (Expr f : matrices.subList(1, matrices.size())) {
            boolean tb = f instanceof Transpose;
            String right = ref(tb ? ((Transpose) f).arg() : f);
            String op = transposed && tb ? "multTransAB" : transposed ? "multTransA" : tb ? "multTransB" : "mult";
            String out = ids.temporary();
            statement("DMatrixRMaj " + out + " = workspace[" + workspace.size() + "];");
            workspace.add(out);
            statement("CommonOps_DDRM." + op + "(" + acc + ", " + right + ", " + out + ");");
            acc = out;
            transposed = false;
        }
        List<Expr> scalars = m.factors().stream().filter(Expr::isScalar).toList();
        return scalars.isEmpty() ? acc : "mul(" + args(scalars) + ", " + acc + ")";
    }

    @Override
    String text(String code) {
        return code;
    }

    @Override
    String name(String name) {
        return name;
    }

    @Override
    String inline(Expr e) {
        return switch (e) {
            case Var v -> ids.of(v.name());
            case Num n -> "num(" + n.value() + ")";
            case Ones o -> "ones(" + dim(o.shape().rows()) + ", " + dim(o.shape().cols()) + ")";
            case Zero z -> "new DMatrixRMaj(" + dim(z.shape().rows()) + ", " + dim(z.shape().cols()) + ")";
            case Identity i -> "CommonOps_DDRM.identity(" + dim(i.size()) + ")";
            case Add a -> "add(" + args(a.terms()) + ")";
            case MatMul m -> product(m);
            case Transpose t -> "CommonOps_DDRM.transpose(" + ref(t.arg()) + ", null)";
            case Hadamard h -> "hadamard(" + ref(h.left()) + ", " + ref(h.right()) + ")";
            case Power p -> "pow(" + ref(p.base()) + ", " + ref(p.exponent()) + ")";
            case Apply a -> "map(" + ref(a.arg()) + ", " + kernel(a.fn()) + ")";
            case Call c -> call(c);
            case MaxMin m -> "maxMin(" + ref(m.left()) + ", " + ref(m.right()) + ", " + (m.op() == MaxMin.Op.MAX) + ")";
            case Block b -> block(b);
            case Ref r -> ref(r.value());
        };
    }

    String dim(Dim d) {
        List<String> parts = new ArrayList<>();
        for (String p : Plan.parts(d)) parts.add(p.chars().allMatch(Character::isDigit) ? p : dimNames.get(p));
        return String.join(" + ", parts);
    }

    private String args(List<Expr> es) {
        return String.join(", ", es.stream().map(this::ref).toList());
    }

    private String kernel(Fn fn) {
        return switch (fn) {
            case SIN -> "Math::sin";
            case COS -> "Math::cos";
            case TAN -> "Math::tan";
            case ARCSIN -> "Math::asin";
            case ARCCOS -> "Math::acos";
            case ARCTAN -> "Math::atan";
            case EXP -> "Math::exp";
            case LOG -> "Math::log";
            case SQRT -> "Math::sqrt";
            case TANH -> "Math::tanh";
            case ABS -> "Math::abs";
            case SIGN -> "Math::signum";
            // methods of the generated class, not lambdas: a lambda's parameter could clash with an input's name
            case RELU, STEP, GE0, SIGMOID, SOFTPLUS -> className + "::" + fn.fnName();
        };
    }

    private String call(Call c) {
        String a = ref(c.arg());
        return switch (c.fn()) {
            case SUM -> "num(CommonOps_DDRM.elementSum(" + a + "))";
            case TR -> "num(CommonOps_DDRM.trace(" + a + "))";
            case DET -> "num(CommonOps_DDRM.det(" + a + "))";
            case LOGDET -> "num(Math.log(CommonOps_DDRM.det(" + a + ")))";
            case INV -> "inv(" + a + ")";
            case NORM1 -> "num(CommonOps_DDRM.elementSumAbs(" + a + "))";
            case NORM2 -> "num(NormOps_DDRM.normF(" + a + "))";
            case DIAG_MATRIX -> "CommonOps_DDRM.diag(" + a + ".data)";
            case DIAG_VECTOR -> "CommonOps_DDRM.extractDiag(" + a + ", null)";
            case SIZE_ROWS -> "num(" + dim(c.arg().shape().rows()) + ")";
            case SIZE_COLS -> "num(" + dim(c.arg().shape().cols()) + ")";
            case SOFTMAX -> c.arg().shape().cols().isOne() ? "softmax(" + a + ")" : "columns(" + a + ", 0)";
            case LOGSUMEXP -> c.arg().shape().cols().isOne() ? "num(logsumexp(" + a + "))" : "columns(" + a + ", 1)";
            case MAX, MIN -> "num(" + a + ".data[chosen(" + a + ", " + (c.fn() == MatFn.MAX) + ")])";
            case ISMAX, ISMIN -> "oneHot(" + a + ", " + (c.fn() == MatFn.ISMAX) + ")";
        };
    }

    private String block(Block b) {
        List<String> rows = new ArrayList<>();
        for (List<Expr> row : b.rows()) rows.add("{" + args(row) + "}");
        return "block(new DMatrixRMaj[][]{" + String.join(", ", rows) + "})";
    }
}
