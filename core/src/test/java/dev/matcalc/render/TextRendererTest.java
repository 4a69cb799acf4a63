package dev.matcalc.render;

import dev.matcalc.expr.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.matcalc.expr.Exprs.*;
import static dev.matcalc.render.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class TextRendererTest {
    private final TextRenderer text = new TextRenderer();

    /** Renders as expected, and the text reads back as the same expression. */
    private void roundTrip(Expr e, String expected) {
        assertThat(text.render(e)).isEqualTo(expected);
        assertThat(MiniParser.parse(expected, VARS)).isEqualTo(e);
    }

    @Test
    void answersReadAsAPersonWritesThem() {
        roundTrip(mul(add(A, transpose(A)), x), "(A + A')*x");
        roundTrip(mul(transpose(x), add(A, transpose(A))), "x'*(A + A')");
        roundTrip(neg(transpose(call(MatFn.INV, X))), "-inv(X)'");
        roundTrip(mul(num(2), A, x), "2*A*x");
        roundTrip(mul(transpose(W), apply(Fn.EXP, add(mul(W, x), b))), "W'*exp(W*x + b)");
        roundTrip(mul(call(MatFn.DIAG_MATRIX, apply(Fn.EXP, add(mul(W, x), b))), W), "diag(exp(W*x + b))*W");
        roundTrip(mul(transpose(x), A, x), "x'*A*x");
    }

    @Test
    void precedence() {
        roundTrip(mul(add(a, c), k), "(a + c)*k");
        roundTrip(neg(pow(a, Num.TWO)), "-a^2");
        roundTrip(pow(neg(a), Num.TWO), "(-a)^2");
        roundTrip(transpose(mul(A, B)), "(A*B)'");
        roundTrip(div(a, mul(c, k)), "a/(c*k)");
        roundTrip(apply(Fn.EXP, neg(x)), "exp(-x)");
        roundTrip(neg(add(A, B)), "-(A + B)");
        roundTrip(sub(A, sub(B, C)), "A - (B - C)");
        roundTrip(transpose(add(A, transpose(mul(A, B)))), "(A + (A*B)')'");
        roundTrip(mul(transpose(add(x, y)), A), "(x + y)'*A");
        roundTrip(mul(A, hadamard(B, C)), "A*(B.*C)");
        roundTrip(hadamard(mul(A, x), y), "A*x.*y");
        roundTrip(hadamard(x, hadamard(y, z)), "x.*(y.*z)");
        roundTrip(hadamard(add(x, y), z), "(x + y).*z");
        roundTrip(hadamard(x, neg(y)), "x.*(-y)");
        roundTrip(add(x, hadamard(neg(y), z)), "x + (-y.*z)");
        roundTrip(pow(transpose(x), num(2)), "x'.^2");
        roundTrip(transpose(pow(x, num(2))), "(x.^2)'");
        roundTrip(mul(mul(transpose(x), y), A), "x'*y*A");
        roundTrip(mul(num(2), mul(transpose(x), y), A), "2*(x'*y)*A");
        roundTrip(neg(mul(transpose(x), y)), "-(x'*y)");
        roundTrip(mul(neg(transpose(x)), y), "-x'*y");
    }

    @Test
    void subtractionAndNegation() {
        roundTrip(sub(a, mul(num(2), c)), "a - 2*c");
        roundTrip(sub(x, y), "x - y");
        roundTrip(add(neg(x), y), "-x + y");
        roundTrip(sub(a, num(3)), "a - 3");
        roundTrip(mul(num(-2), x), "-2*x");
        roundTrip(neg(x), "-x");
        roundTrip(num(-2.5), "-2.5");
        roundTrip(add(x, Num.ONE), "x + 1");
    }

    @Test
    void subtractedScalarChainKeepsItsValueButRegroups() {
        Expr e = add(a, mul(neg(transpose(x)), y)); // a + (-x')*y: the flat chain [-1, x', y]
        assertThat(text.render(e)).isEqualTo("a - x'*y");
        assertThat(MiniParser.parse("a - x'*y", VARS)).isEqualTo(sub(a, mul(transpose(x), y)));
    }

    @Test
    void division() {
        roundTrip(div(x, a), "x/a");
        roundTrip(neg(div(x, mul(a, c))), "-x/(a*c)");
        roundTrip(pow(a, Num.MINUS_ONE), "1/a");
        roundTrip(pow(a, num(-2)), "1/a^2");
        roundTrip(div(x, pow(a, num(2))), "x/a^2");
        roundTrip(mul(pow(a, Num.MINUS_ONE), x), "1/a*x");
        roundTrip(mul(num(2), x, pow(a, Num.MINUS_ONE), pow(c, Num.MINUS_ONE)), "2*x/a/c");
        roundTrip(neg(pow(a, Num.MINUS_ONE)), "-1/a");
        roundTrip(div(x, y), "x./y");
        roundTrip(pow(x, Num.MINUS_ONE), "1./x");
        roundTrip(hadamard(x, pow(y, num(-2))), "x./y.^2");
        roundTrip(div(a, neg(c)), "a/(-c)");
        roundTrip(mul(A, pow(x, Num.MINUS_ONE)), "A*(1./x)");
    }

    @Test
    void powers() {
        roundTrip(pow(a, num(2)), "a^2");
        roundTrip(pow(x, num(2)), "x.^2");
        roundTrip(pow(x, num(0.5)), "x.^0.5");
        roundTrip(pow(a, k), "a^k");
        roundTrip(pow(a, add(k, Num.ONE)), "a^(k + 1)");
        roundTrip(pow(a, neg(k)), "a^(-k)");
        roundTrip(pow(num(2), k), "2^k");
        roundTrip(pow(num(-2), k), "(-2)^k");
    }

    @Test
    void numbers() {
        roundTrip(num(3), "3");
        roundTrip(num(0.5), "0.5");
        roundTrip(num(0.001), "0.001");
        roundTrip(num(1e-10), "1e-10");
        roundTrip(num(1e20), "1e+20");
        roundTrip(num(2.5e-7), "2.5e-7");
        roundTrip(num(0.1), "0.1");
        roundTrip(num(123456789), "123456789");
        roundTrip(mul(num(1e-10), x), "1e-10*x");
        roundTrip(mul(num(-0.5), x), "-0.5*x");
        assertThat(text.render(new Num(Double.POSITIVE_INFINITY))).isEqualTo("1/0");
        assertThat(MiniParser.parse("1/0", VARS)).isEqualTo(new Num(Double.POSITIVE_INFINITY));
    }

    @Test
    void everyNodeKind() {
        roundTrip(x, "x");
        roundTrip(apply(Fn.SIGMOID, x), "sigmoid(x)");
        roundTrip(call(MatFn.SUM, x), "sum(x)");
        roundTrip(call(MatFn.TR, A), "tr(A)");
        roundTrip(call(MatFn.DET, A), "det(A)");
        roundTrip(call(MatFn.LOGDET, S), "logdet(S)");
        roundTrip(call(MatFn.INV, A), "inv(A)");
        roundTrip(call(MatFn.NORM1, x), "norm1(x)");
        roundTrip(call(MatFn.NORM2, x), "norm2(x)");
        roundTrip(call(MatFn.DIAG_MATRIX, x), "diag(x)");
        roundTrip(call(MatFn.DIAG_VECTOR, A), "diag(A)");
        roundTrip(call(MatFn.SOFTMAX, x), "softmax(x)");
        roundTrip(call(MatFn.LOGSUMEXP, x), "logsumexp(x)");
        roundTrip(block(List.of(List.of(A, B), List.of(C, X))), "[A, B; C, X]");
        roundTrip(block(List.of(List.of(A, neg(B)))), "[A, -B]");
        roundTrip(maxMin(MaxMin.Op.MAX, add(mul(W, x), b), Num.ZERO), "max(W*x + b, 0)");
        roundTrip(maxMin(MaxMin.Op.MIN, a, neg(x)), "min(a, -x)");
        roundTrip(call(MatFn.MAX, x), "max(x)");
        roundTrip(call(MatFn.MIN, A), "min(A)");
        roundTrip(call(MatFn.ISMAX, x), "ismax(x)");
        roundTrip(hadamard(apply(Fn.GE0, sub(x, y)), z), "ge0(x - y).*z");
        assertThat(text.render(new Ones(x.shape()))).isEqualTo("vector(1)");
        assertThat(text.render(new Ones(A.shape()))).isEqualTo("matrix(1)");
        assertThat(text.render(new Ones(x.shape().transpose()))).isEqualTo("vector(1)'");
        assertThat(text.render(mul(A, new Ones(x.shape())))).isEqualTo("sum(A, 2)");       // row sums
        assertThat(text.render(mul(new Ones(x.shape()), transpose(x)))).isEqualTo("vector(1)*x'");
        assertThat(text.render(new Identity(N))).isEqualTo("eye");
        assertThat(text.render(add(A, new Identity(N)))).isEqualTo("A + eye");
        assertThat(text.render(new Zero(A.shape()))).isEqualTo("0*matrix(1)");   // re-parses with its size
    }

    /** An operand expanded by implicit expansion shows bare beside a full-size one, as in a sum. */
    @Test
    void maxOverABatch() {
        Expr batch = mul(W, X);
        Expr bias = mul(b, new Ones(x.shape().transpose()));
        assertThat(text.render(maxMin(MaxMin.Op.MAX, add(batch, bias), Num.ZERO))).isEqualTo("max(W*X + b, 0)");
        assertThat(text.render(maxMin(MaxMin.Op.MIN, batch, bias))).isEqualTo("min(W*X, b)");
        assertThat(text.render(maxMin(MaxMin.Op.MAX, bias, batch))).isEqualTo("max(b, W*X)");
    }

    @Test
    void scalarExpandedToAShape() {
        assertThat(text.render(new Add(List.of(c), x.shape()))).isEqualTo("c*vector(1)");
        assertThat(text.render(new Add(List.of(num(2)), A.shape()))).isEqualTo("2*matrix(1)");
        assertThat(text.render(new Add(List.of(mul(transpose(x), y)), x.shape()))).isEqualTo("(x'*y)*vector(1)");
        assertThat(text.render(new Add(List.of(add(a, c)), x.shape()))).isEqualTo("(a + c)*vector(1)");
    }
}
