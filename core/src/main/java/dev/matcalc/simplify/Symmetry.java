package dev.matcalc.simplify;

import dev.matcalc.expr.*;

import java.util.List;

/** Facts about symmetric matrices: which expressions equal their own transpose, provably. */
public final class Symmetry {
    private Symmetry() { }

    public static boolean isSymmetric(Expr e) {
        if (e.isScalar()) return true;
        if (!e.shape().isSquare()) return false;
        return switch (e) {
            case Var v -> v.isSymmetric();
            case Identity i -> true;
            case Ones o -> true;
            case Zero z -> true;
            case Call c -> switch (c.fn()) {
                case DIAG_MATRIX -> true;
                case INV -> isSymmetric(c.arg());
                default -> false;
            };
            case Add a -> a.terms().stream().allMatch(Symmetry::isSymmetric);
            case Hadamard h -> isSymmetric(h.left()) && isSymmetric(h.right());
            case Apply a -> isSymmetric(a.arg());
            case MaxMin m -> isSymmetric(m.left()) && isSymmetric(m.right());
            case Power p -> isSymmetric(p.base());
            case MatMul m -> isPalindrome(m.factors().stream().filter(f -> !f.isScalar()).toList());
            default -> false;
        };
    }

    /** F₁…Fₖ with Fₖ₋ᵢ = Fᵢ' and a symmetric middle: (X'·S·X)' = X'·S·X. */
    private static boolean isPalindrome(List<Expr> fs) {
        int n = fs.size();
        for (int i = 0; i < n / 2; i++)
            if (!fs.get(n - 1 - i).equals(dev.matcalc.expr.Exprs.transpose(fs.get(i)))) return false;
        return n % 2 == 0 || isSymmetric(fs.get(n / 2));
    }
}
