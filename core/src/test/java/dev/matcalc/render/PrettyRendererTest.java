package dev.matcalc.render;

import dev.matcalc.expr.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.render.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class PrettyRendererTest {
    private final PrettyRenderer pretty = new PrettyRenderer();

    private void renders(Expr e, String expected) {
        assertThat(pretty.render(e)).isEqualTo(expected);
    }

    @Test
    void productsJuxtaposeWhenUnambiguous() {
        renders(mul(add(A, transpose(A)), x), "(A + Aᵀ)x");
        renders(mul(transpose(x), A, x), "xᵀAx");
        renders(mul(num(2), A, x), "2Ax");
        renders(mul(transpose(W), apply(Fn.EXP, add(mul(W, x), b))), "Wᵀ·exp(Wx + b)");
        renders(mul(new Var("W1", W.shape()), x), "W1·x");
        renders(mul(num(2), num(3)), "6");
        renders(mul(k, mul(transpose(x), y)), "k(xᵀy)");
    }

    @Test
    void signsAndDivision() {
        renders(neg(transpose(call(MatFn.INV, X))), "−X⁻ᵀ");
        renders(sub(a, mul(num(2), c)), "a − 2c");
        renders(neg(div(x, mul(a, c))), "−x/(ac)");
        renders(pow(a, Num.MINUS_ONE), "1/a");
        renders(div(x, y), "x ⊘ y");
        renders(pow(x, Num.MINUS_ONE), "𝟙 ⊘ x");
        renders(sub(A, sub(B, C)), "A − (B − C)");
        renders(pow(neg(a), Num.TWO), "(−a)²");
        renders(neg(pow(a, Num.TWO)), "−a²");
    }

    @Test
    void everyNodeKind() {
        renders(new Var("theta", x.shape()), "θ");
        renders(num(1e-10), "10⁻¹⁰");
        renders(num(2.5e20), "2.5·10²⁰");
        renders(new Ones(x.shape()), "𝟙");
        renders(new Ones(x.shape().transpose()), "𝟙ᵀ");
        renders(new Identity(N), "I");
        renders(new Zero(A.shape()), "0");
        renders(new Add(List.of(c), x.shape()), "c𝟙");
        renders(hadamard(x, y), "x ⊙ y");
        renders(hadamard(mul(A, x), y), "(Ax) ⊙ y");
        renders(pow(a, num(3)), "a³");
        renders(pow(a, num(12)), "a¹²");
        renders(pow(a, num(0.5)), "√a");
        renders(pow(a, num(1.5)), "a^1.5");
        renders(pow(x, num(2)), "x.^2");
        renders(apply(Fn.SQRT, x), "√x");
        renders(apply(Fn.SQRT, add(x, y)), "√(x + y)");
        renders(apply(Fn.TANH, x), "tanh(x)");
        renders(transpose(mul(A, B)), "(AB)ᵀ");
        renders(call(MatFn.INV, add(A, B)), "(A + B)⁻¹");
        renders(call(MatFn.NORM2, x), "‖x‖₂");
        renders(call(MatFn.NORM1, x), "‖x‖₁");
        renders(call(MatFn.TR, A), "tr(A)");
        renders(call(MatFn.DET, A), "det(A)");
        renders(call(MatFn.LOGDET, A), "log det(A)");
        renders(call(MatFn.DIAG_VECTOR, A), "diag(A)");
        renders(block(List.of(List.of(A, B), List.of(C, X))), "[A, B; C, X]");
        renders(maxMin(MaxMin.Op.MAX, add(mul(A, x), y), Num.ZERO), "max(Ax + y, 0)");
        renders(apply(Fn.GE0, add(mul(A, x), y)), "[Ax + y ≥ 0]");                 // Iverson's bracket
        renders(hadamard(apply(Fn.GE0, sub(x, y)), z), "[x − y ≥ 0] ⊙ z");
        renders(call(MatFn.ISMIN, x), "ismin(x)");
        renders(mul(num(0.5), pow(call(MatFn.NORM2, x), Num.MINUS_ONE), transpose(x)), "0.5xᵀ/‖x‖₂");
    }

    @Test
    void junctionRule() {
        assertThat(PrettyRenderer.needsDot("2", "x")).isFalse();
        assertThat(PrettyRenderer.needsDot("2", "3")).isTrue();
        assertThat(PrettyRenderer.needsDot("A", "x")).isFalse();
        assertThat(PrettyRenderer.needsDot("x", "1")).isTrue();
        assertThat(PrettyRenderer.needsDot("Aᵀ", "x")).isFalse();
        assertThat(PrettyRenderer.needsDot("A", "exp(x)")).isTrue();
        assertThat(PrettyRenderer.needsDot("alpha", "x")).isTrue();
    }
}
