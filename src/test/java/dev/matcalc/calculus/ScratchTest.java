package dev.matcalc.calculus;

import dev.matcalc.expr.*;
import dev.matcalc.shapes.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.matcalc.expr.Exprs.*;

class ScratchTest {
    static String p(Expr e) {
        return switch (e) {
            case Var v -> v.name();
            case Num n -> n.value() == Math.rint(n.value()) ? String.valueOf((long) n.value()) : String.valueOf(n.value());
            case Ones o -> "1";
            case Identity i -> "I";
            case Zero z -> "0";
            case Add a -> "(" + String.join(" + ", a.terms().stream().map(ScratchTest::p).toList()) + ")";
            case MatMul m -> String.join("*", m.factors().stream().map(ScratchTest::p).toList());
            case Transpose t -> "(" + p(t.arg()) + ")'";
            case Hadamard h -> "(" + p(h.left()) + " .* " + p(h.right()) + ")";
            case Power pw -> "(" + p(pw.base()) + ")^" + p(pw.exponent());
            case Apply a -> a.fn().fnName() + "(" + p(a.arg()) + ")";
            case Call c -> c.fn().fnName() + "(" + p(c.arg()) + ")";
            case Block b -> b.toString();
        };
    }

    @Test
    void scratch() {
        Dim n = Dim.of("n"), m = Dim.of("m");
        Var x = new Var("x", Shape.vector(n));
        Var A = new Var("A", Shape.matrix(n, n));
        Var S = new Var("S", Shape.matrix(n, n), Var.Kind.SYMMETRIC);
        Var W = new Var("W", Shape.matrix(m, n));
        Var b = new Var("b", Shape.vector(m));
        Var X = new Var("X", Shape.matrix(n, n));
        Var y = new Var("y", Shape.vector(m));
        Var w = new Var("w", Shape.vector(n));
        Var Xd = new Var("X", Shape.matrix(m, n));
        Expr q = mul(transpose(x), A, x);
        for (Layout l : Layout.values()) {
            System.out.println(l + " x'Ax: " + p(Differentiation.derivative(q, List.of(x), l).matrix()));
        }
        System.out.println("x'Sx: " + p(Differentiation.derivative(mul(transpose(x), S, x), List.of(x), Layout.DENOMINATOR).matrix()));
        System.out.println("x'Ax wrt A: " + p(Differentiation.derivative(q, List.of(A), Layout.MIXED).matrix()));
        System.out.println("x'Sx wrt S: " + p(Differentiation.derivative(mul(transpose(x), S, x), List.of(S), Layout.MIXED).matrix()));
        System.out.println("H x'Ax: " + p(Differentiation.derivative(q, List.of(x, x), Layout.MIXED).matrix()));
        Expr e = call(MatFn.SUM, apply(Fn.EXP, add(mul(W, x), b)));
        System.out.println("sum exp: " + p(Differentiation.derivative(e, List.of(x), Layout.MIXED).matrix()));
        System.out.println("J exp: " + p(Differentiation.derivative(apply(Fn.EXP, add(mul(W, x), b)), List.of(x), Layout.MIXED).matrix()));
        Expr ld = apply(Fn.LOG, call(MatFn.DET, call(MatFn.INV, X)));
        System.out.println("logdet inv: " + p(Differentiation.derivative(ld, List.of(X), Layout.MIXED).matrix()));
        Expr logistic = call(MatFn.SUM, apply(Fn.LOG, add(Num.ONE, apply(Fn.EXP, neg(hadamard(y, mul(Xd, w)))))));
        System.out.println("logistic g: " + p(Differentiation.derivative(logistic, List.of(w), Layout.MIXED).matrix()));
        System.out.println("logistic H: " + p(Differentiation.derivative(logistic, List.of(w, w), Layout.MIXED).matrix()));
        Expr mse = mul(pow(num(1), Num.ONE), call(MatFn.SUM, pow(sub(mul(Xd, w), y), Num.TWO)));
        System.out.println("mse: " + p(Differentiation.derivative(mse, List.of(w), Layout.MIXED).matrix()));
        Expr neuron = apply(Fn.RELU, add(mul(transpose(w), x), new Var("c", Shape.SCALAR)));
        System.out.println("neuron: " + p(Differentiation.derivative(neuron, List.of(w), Layout.NUMERATOR).matrix()));
        System.out.println("AXB tensor: " + p(Differentiation.derivative(mul(A, X, A), List.of(X), Layout.NUMERATOR).differential()));
        System.out.println("norm2: " + p(Differentiation.derivative(call(MatFn.NORM2, x), List.of(x), Layout.MIXED).matrix()));
        System.out.println("softmax J: " + p(Differentiation.derivative(call(MatFn.SOFTMAX, x), List.of(x), Layout.MIXED).matrix()));
    }
}
