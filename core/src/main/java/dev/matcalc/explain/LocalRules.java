package dev.matcalc.explain;

import dev.matcalc.expr.*;

import java.util.List;

/** The name the notes give the rule for one operation's derivative by one of its arguments. */
final class LocalRules {
    private LocalRules() { }

    static String name(Expr op, Var arg) {
        return switch (op) {
            case Add a when a.terms().stream().anyMatch(t -> Exprs.unbroadcast(t).filter(u -> Nodes.contains(u, arg)).isPresent()) ->
                    "sum rule with implicit expansion (d(U + b*1') = db*1': db added to every column, or row)";
            case Add a -> arg.isScalar() && !a.isScalar() ? "scalar expansion (∂(u + c)/∂u = 1)"
                    : "sum rule (∂(u + v)/∂u = I)";
            case MatMul m -> product(m, arg);
            case Hadamard h -> Nodes.contains(h.left(), arg) && Nodes.contains(h.right(), arg)
                    ? "product rule, element-wise (diagonal Jacobian)"
                    : "element-wise binary operator → diagonal Jacobian diag(v)";
            case Power p -> power(p, arg);
            case Apply a -> a.isScalar() ? "derivative of " + a.fn().fnName() + " (" + a.fn().fnName() + "'(u))"
                    : "element-wise function → diagonal Jacobian diag(" + a.fn().fnName() + "'(u))";
            case Call c -> call(c);
            case MaxMin m -> maxMin(m, arg);
            case Transpose t -> "transpose (d(U') = (dU)')";
            case Block b -> "stacking (each block by its own derivative)";
            default -> "identity";
        };
    }

    private static String product(MatMul m, Var arg) {
        if (Exprs.unbroadcast(m).isPresent())
            return "implicit expansion (d(u*1') = du*1': the same change in every column, or row)";
        List<Expr> varying = m.factors().stream().filter(f -> Nodes.contains(f, arg)).toList();
        if (varying.size() > 1) return "product rule";
        boolean othersScalar = m.factors().stream().filter(f -> !varying.contains(f)).allMatch(Expr::isScalar);
        Expr factor = varying.get(0);
        if (othersScalar) return arg.isScalar() && !m.isScalar() ? "scalar expansion (∂(u c)/∂u = c)"
                : "constant multiple (∂(c u)/∂u = c)";
        if (m.isScalar() && factor instanceof Transpose) return "dot product (∂(u'v)/∂u = v')";
        if (m.isScalar() && factor.equals(arg) && m.factors().indexOf(factor) > 0) return "dot product (∂(v'u)/∂u = v')";
        return "matrix product (∂(W u)/∂u = W)";
    }

    private static String power(Power p, Var arg) {
        boolean byBase = Nodes.contains(p.base(), arg), byExponent = Nodes.contains(p.exponent(), arg);
        if (byExponent && !byBase) return "exponential rule (∂(a^u)/∂u = a^u log a)";
        if (byExponent) return "power rule with varying exponent (∂(u^v) = v u^(v-1) du + u^v log u dv)";
        if (p.exponent() instanceof Num n && n.value() == -1)
            return p.isScalar() ? "reciprocal rule (∂(1/u)/∂u = -1/u²)"
                    : "element-wise reciprocal → diagonal Jacobian diag(-1./u.^2)";
        return p.isScalar() ? "power rule (∂(u^k)/∂u = k u^(k-1))"
                : "element-wise power → diagonal Jacobian diag(k u.^(k-1))";
    }

    /** The indicator of where the operand is chosen; ties go to the first operand. */
    private static String maxMin(MaxMin m, Var arg) {
        String f = m.op().fnName();
        boolean byFirst = Nodes.contains(m.left(), arg), bySecond = Nodes.contains(m.right(), arg);
        String where = m.op() == MaxMin.Op.MAX ? "u ≥ v" : "u ≤ v";
        String first = m.op() == MaxMin.Op.MAX ? "ge0(u - v)" : "ge0(v - u)";
        String second = m.op() == MaxMin.Op.MAX ? "step(v - u)" : "step(u - v)";
        if (byFirst && bySecond)
            return "element-wise " + f + " (d " + f + "(u, v) = " + first + ".*du + " + second + ".*dv: the chosen operand's change, u's where " + where + ")";
        String slope = byFirst ? first : second;
        String rule = f + "(u, v) passes d" + (byFirst ? "u where " + where : "v where u is not chosen") + ", ties going to u";
        return m.isScalar() ? "derivative of " + f + " (" + rule + ": " + slope + ")"
                : "element-wise " + f + " → diagonal Jacobian diag(" + slope + ") (" + rule + ")";
    }

    private static String call(Call c) {
        return switch (c.fn()) {
            case SUM -> c.arg().shape().isColumn() ? "vector sum reduction (∂sum(u)/∂u = 1')"
                    : "sum reduction (d sum(U) = sum(dU))";
            case TR -> "trace (d tr(U) = tr(dU))";
            case DET -> "determinant, Jacobi's formula (d det(U) = det(U) tr(inv(U) dU))";
            case LOGDET -> "log-determinant (d logdet(U) = tr(inv(U) dU))";
            case INV -> "inverse (d inv(U) = -inv(U) dU inv(U))";
            case NORM1 -> "1-norm (∂‖u‖₁/∂u = sign(u)')";
            case NORM2 -> "2-norm (∂‖u‖/∂u = u'/‖u‖)";
            case DIAG_MATRIX, DIAG_VECTOR -> "diag (linear: d diag(U) = diag(dU))";
            case SIZE_ROWS, SIZE_COLS -> "size (a constant: d size(U, k) = 0)";
            case SOFTMAX -> c.arg().shape().isMatrix()
                    ? "softmax of each column (per column ∂s/∂u = diag(s) - s s': dS = S.*(dU - sum(S.*dU, 1)))"
                    : "softmax (∂s/∂u = diag(s) - s s')";
            case MAX -> "largest entry (d max(U) = <ismax(U), dU>: the change of the first largest entry)";
            case MIN -> "smallest entry (d min(U) = <ismin(U), dU>: the change of the first smallest entry)";
            case ISMAX, ISMIN -> c.fn().fnName() + " (piecewise constant: d " + c.fn().fnName() + "(U) = 0)";
            case LOGSUMEXP -> c.arg().shape().isMatrix()
                    ? "log-sum-exp of each column (d logsumexp(U, 1) = sum(softmax(U, 1).*dU, 1))"
                    : "log-sum-exp (∂ logsumexp(u)/∂u = softmax(u)')";
        };
    }
}
