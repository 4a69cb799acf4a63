package dev.matcalc.render;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.render.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class LatexRendererTest {
    private final LatexRenderer latex = new LatexRenderer();

    private void renders(Expr e, String expected) {
        assertThat(latex.render(e)).isEqualTo(expected);
    }

    @Test
    void operators() {
        renders(mul(transpose(x), A, x), "x^\\top A x");
        renders(mul(add(A, transpose(A)), x), "\\left(A + A^\\top\\right) x");
        renders(call(MatFn.INV, A), "A^{-1}");
        renders(neg(transpose(call(MatFn.INV, X))), "-X^{-\\top}");
        renders(hadamard(x, y), "x \\odot y");
        renders(div(x, y), "x \\oslash y");
        renders(pow(x, Num.MINUS_ONE), "\\mathbf{1} \\oslash x");
        renders(div(a, mul(c, k)), "\\frac{a}{c k}");
        renders(neg(div(x, mul(a, c))), "-\\frac{x}{a c}");
        renders(mul(num(2), x, pow(a, Num.MINUS_ONE), pow(c, Num.MINUS_ONE)), "\\frac{2 x}{a c}");
        renders(pow(a, Num.MINUS_ONE), "\\frac{1}{a}");
        renders(sub(a, mul(num(2), c)), "a - 2 c");
        renders(mul(num(2), num(3), k), "6 k");
        renders(mul(k, num(0.5)), "0.5 k");
        renders(mul(transpose(W), apply(Fn.EXP, add(mul(W, x), b))), "W^\\top \\exp\\left(W x + b\\right)");
        renders(mul(k, pow(new Var("q", Shape.SCALAR), num(2))), "k q^{2}");
    }

    @Test
    void powersAndRoots() {
        renders(pow(a, num(2)), "a^{2}");
        renders(pow(x, num(2)), "x^{\\odot 2}");
        renders(pow(a, num(0.5)), "\\sqrt{a}");
        renders(apply(Fn.SQRT, add(a, c)), "\\sqrt{a + c}");
        renders(pow(transpose(x), num(2)), "\\left(x^\\top\\right)^{\\odot 2}"); // no double superscript
        renders(transpose(pow(x, num(2))), "\\left(x^{\\odot 2}\\right)^\\top");
        renders(pow(a, add(k, Num.ONE)), "a^{k + 1}");
    }

    @Test
    void namesAndLeaves() {
        renders(new Var("A1", A.shape()), "A_{1}");
        renders(new Var("x_train", x.shape()), "x_{\\mathrm{train}}");
        renders(new Var("alpha", Shape.SCALAR), "\\alpha");
        renders(new Var("theta_0", Shape.SCALAR), "\\theta_{0}");
        renders(new Var("dx", x.shape(), Var.Kind.DIFFERENTIAL), "\\mathrm{d}x");
        renders(new Var("dx", x.shape()), "\\mathit{dx}");
        renders(num(1e-10), "10^{-10}");
        renders(num(2.5e-7), "2.5 \\cdot 10^{-7}");
        renders(new Ones(x.shape()), "\\mathbf{1}");
        renders(new Ones(x.shape().transpose()), "\\mathbf{1}^\\top");
        renders(new Identity(N), "I");
        renders(new Zero(A.shape()), "\\mathbf{0}");
        renders(new Add(List.of(c), x.shape()), "c \\mathbf{1}");
    }

    @Test
    void calls() {
        renders(call(MatFn.TR, A), "\\operatorname{tr}\\left(A\\right)");
        renders(call(MatFn.DET, A), "\\det\\left(A\\right)");
        renders(call(MatFn.LOGDET, A), "\\log\\det\\left(A\\right)");
        renders(call(MatFn.NORM2, x), "\\lVert x\\rVert_2");
        renders(call(MatFn.NORM1, x), "\\lVert x\\rVert_1");
        renders(call(MatFn.DIAG_MATRIX, x), "\\operatorname{diag}\\left(x\\right)");
        renders(call(MatFn.SUM, x), "\\operatorname{sum}\\left(x\\right)");
        renders(apply(Fn.SIGMOID, x), "\\sigma\\left(x\\right)");
        renders(call(MatFn.INV, add(A, B)), "\\left(A + B\\right)^{-1}");
        renders(maxMin(MaxMin.Op.MAX, x, Num.ZERO), "\\max\\left(x, 0\\right)");
        renders(call(MatFn.MIN, x), "\\min\\left(x\\right)");
        renders(call(MatFn.ISMAX, x), "\\operatorname{ismax}\\left(x\\right)");
        renders(apply(Fn.GE0, sub(x, y)), "\\left[x - y \\geq 0\\right]");
        renders(block(List.of(List.of(A, B), List.of(C, X))), "\\begin{bmatrix} A & B \\\\ C & X \\end{bmatrix}");
    }

    @Test
    void bracesAndDelimitersBalanceOnACorpus() {
        List<Expr> corpus = new ArrayList<>();
        Expr u = add(mul(W, x), b);
        corpus.add(mul(transpose(W), apply(Fn.EXP, u)));
        corpus.add(mul(call(MatFn.DIAG_MATRIX, apply(Fn.SIGMOID, u)), W));
        corpus.add(neg(transpose(call(MatFn.INV, X))));
        corpus.add(div(mul(transpose(x), A, x), pow(call(MatFn.NORM2, x), num(3))));
        corpus.add(pow(transpose(add(x, y)), num(-2)));
        corpus.add(hadamard(pow(x, num(0.5)), div(y, add(z, Num.ONE))));
        corpus.add(block(List.of(List.of(A, transpose(call(MatFn.INV, B))), List.of(neg(C), mul(num(1e-10), X)))));
        corpus.add(apply(Fn.SQRT, add(pow(a, Num.TWO), pow(new Var("x_train", Shape.SCALAR), Num.MINUS_ONE))));
        corpus.add(mul(call(MatFn.LOGDET, S), call(MatFn.TR, mul(call(MatFn.INV, S), A))));
        corpus.add(new Add(List.of(mul(transpose(x), y)), x.shape()));
        for (Expr e : corpus) {
            String tex = latex.render(e);
            assertThat(balance(tex, '{', '}')).as(tex).isTrue();
            assertThat(count(tex, "\\left(")).as(tex).isEqualTo(count(tex, "\\right)"));
            assertThat(count(tex, "\\begin{")).as(tex).isEqualTo(count(tex, "\\end{"));
            assertThat(tex).as(tex).doesNotContainPattern("\\^\\{[^{}]*\\}\\^|\\^\\\\top\\^"); // no double superscript
        }
    }

    /** Braces nest properly, ignoring escaped ones. */
    private static boolean balance(String s, char open, char close) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == open || s.charAt(i + 1) == close)) {
                i++;
                continue;
            }
            if (s.charAt(i) == open) depth++;
            if (s.charAt(i) == close && --depth < 0) return false;
        }
        return depth == 0;
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
