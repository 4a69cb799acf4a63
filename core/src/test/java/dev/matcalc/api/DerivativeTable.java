package dev.matcalc.api;

import dev.matcalc.calculus.Derivative.Kind;
import dev.matcalc.expr.Fn;

import java.util.ArrayList;
import java.util.List;

import static dev.matcalc.calculus.Derivative.Kind.*;

/**
 * The first-derivative table: every element-wise function, matrix function and operator, by
 * every kind of variable (scalar, vector, matrix, symmetric matrix), each row with the kind of
 * derivative the engine must classify it as. Shapes come from {@link #LETS}: one declaration per
 * name, so that a row only has to spell its expression.
 */
final class DerivativeTable {
    private DerivativeTable() { }

    /** Scalars a, c; a batch P (n×k) with targets Y (m×k) and a per-column vector r (k);  vectors x, y, z, t of size n, b of size m; W m×n; square A, B, X; symmetric S. */
    static final String[] LETS = {"a:scalar", "c:scalar", "x:vector(n)", "y:vector(n)", "z:vector(n)", "t:vector(n)",
            "b:vector(m)", "W:matrix(m,n)", "A:matrix(n,n)", "B:matrix(n,n)", "X:matrix(n,n)", "S:symmetric(n)",
            "V:matrix(m,n)", "P:matrix(n,k)", "Y:matrix(m,k)", "r:vector(k)"};

    record Case(String source, String wrt, Kind kind) {
        @Override
        public String toString() {
            return "d(" + source + ")/d" + wrt;
        }
    }

    private static Case c(String source, String wrt, Kind kind) {
        return new Case(source, wrt, kind);
    }

    /**
     * Each element-wise function alone and inside composites, by each kind of variable. Functions
     * with a bounded domain (arcsin, arccos, tan) get their argument scaled into it: random points
     * keep each variable in the domain, not sums and products of them.
     */
    static List<Case> elementwise() {
        List<Case> cases = new ArrayList<>();
        for (Fn fn : Fn.values()) {
            boolean bounded = fn.domain() == Fn.Domain.UNIT || fn.domain() == Fn.Domain.SMALL;
            String f = fn.fnName();
            String affine = bounded ? "0.1*(W*x + b)" : "W*x + b";
            String ax = bounded ? "0.1*a*x" : "a*x";
            cases.add(c(f + "(a)", "a", DERIVATIVE));                          // scalar by scalar
            cases.add(c(f + "(x)", "x", JACOBIAN));                            // vector by vector
            cases.add(c(f + "(" + affine + ")", "x", JACOBIAN));               // composite Jacobian
            cases.add(c("sum(" + f + "(" + affine + "))", "x", GRADIENT));     // gradient by a vector
            cases.add(c("sum(" + f + "(" + affine + "))", "W", GRADIENT));     // gradient by a matrix
            cases.add(c("sum(" + f + "(" + affine + "))", "b", GRADIENT));
            cases.add(c(f + "(" + affine + ")", "W", TENSOR));                 // vector by matrix
            cases.add(c(f + "(" + ax + ")", "a", DERIVATIVE));                 // vector by scalar
            cases.add(c(f + "(" + (bounded ? "0.1*a*A" : "a*A") + ")", "a", DERIVATIVE)); // matrix by scalar
            cases.add(c("sum(" + f + "(" + (bounded ? "0.1*S*x" : "S*x") + "))", "S", GRADIENT)); // symmetric
        }
        return cases;
    }

    static List<Case> matrixFunctions() {
        return List.of(
                c("sum(x)", "x", GRADIENT), c("sum(A)", "A", GRADIENT), c("sum(W*x)", "x", GRADIENT),
                c("sum(a*A)", "a", DERIVATIVE), c("sum(S*A)", "S", GRADIENT),
                c("tr(A)", "A", GRADIENT), c("tr(A*B)", "A", GRADIENT), c("tr(A'*A)", "A", GRADIENT),
                c("tr(S*A)", "S", GRADIENT), c("tr(a*A)", "a", DERIVATIVE), c("tr(W'*W)", "W", GRADIENT),
                c("det(A)", "A", GRADIENT), c("det(S)", "S", GRADIENT), c("det(a*A)", "a", DERIVATIVE),
                c("det(A)*x", "A", TENSOR),
                c("logdet(A)", "A", GRADIENT), c("logdet(S)", "S", GRADIENT), c("logdet(a*A)", "a", DERIVATIVE),
                c("logdet(eye + W'*W)", "W", GRADIENT),
                c("y'*inv(X)*z", "X", GRADIENT), c("y'*inv(X)*z", "y", GRADIENT), c("y'*inv(X)*z", "z", GRADIENT),
                c("inv(X)*z", "z", JACOBIAN), c("inv(X)*z", "X", TENSOR), c("inv(X)", "X", TENSOR),
                c("inv(a*X)", "a", DERIVATIVE), c("tr(inv(S))", "S", GRADIENT), c("inv(S)", "S", TENSOR),
                c("x'*inv(eye + A'*A)*x", "A", GRADIENT), c("inv(a)", "a", DERIVATIVE),
                c("norm1(x)", "x", GRADIENT), c("norm1(A)", "A", GRADIENT), c("norm1(W*x - b)", "x", GRADIENT),
                c("norm1(a*x)", "a", DERIVATIVE), c("norm1(S)", "S", GRADIENT),
                c("norm2(x)", "x", GRADIENT), c("norm2(A)", "A", GRADIENT), c("norm2(W*x - b)", "W", GRADIENT),
                c("norm2(a*x)", "a", DERIVATIVE), c("norm2(S*x)", "S", GRADIENT), c("norm2(W*x - b)*y", "x", JACOBIAN),
                c("diag(x)", "x", TENSOR), c("y'*diag(x)*z", "x", GRADIENT), c("diag(x)*y", "x", JACOBIAN),
                c("diag(a*x)", "a", DERIVATIVE), c("tr(diag(x)*A)", "x", GRADIENT), c("tr(diag(x)*A)", "A", GRADIENT),
                c("diag(A)", "A", TENSOR), c("sum(diag(A).^2)", "A", GRADIENT), c("diag(S)", "S", TENSOR),
                c("diag(a*A)", "a", DERIVATIVE), c("diag(A)'*x", "x", GRADIENT), c("diag(diag(x))", "x", JACOBIAN),
                c("diag(S)'*x", "S", GRADIENT),
                c("softmax(x)", "x", JACOBIAN), c("softmax(W*x + b)", "x", JACOBIAN), c("softmax(W*x + b)", "b", JACOBIAN),
                c("-t'*log(softmax(x))", "x", GRADIENT), c("-b'*log(softmax(W*x))", "W", GRADIENT),
                c("softmax(a*x)", "a", DERIVATIVE), c("softmax(S*x)", "S", TENSOR),
                c("logsumexp(x)", "x", GRADIENT), c("logsumexp(W*x + b)", "W", GRADIENT),
                c("logsumexp(a*x)", "a", DERIVATIVE), c("logsumexp(S*x)", "S", GRADIENT));
    }

    static List<Case> operators() {
        return List.of(
                // + and -
                c("x + y", "x", JACOBIAN), c("A + B", "A", TENSOR), c("a*A + B", "a", DERIVATIVE), c("a + c", "a", DERIVATIVE),
                c("x - W'*b", "b", JACOBIAN), c("x - W'*b", "W", TENSOR), c("sum(S - A)", "S", GRADIENT),
                // *
                c("A*x", "x", JACOBIAN), c("A*x", "A", TENSOR), c("y'*A*z", "A", GRADIENT), c("a*c", "a", DERIVATIVE),
                c("A*B", "A", TENSOR), c("a*x", "x", JACOBIAN), c("x'*A*x", "x", GRADIENT), c("x'*S*x", "S", GRADIENT),
                c("x'*S*x", "x", GRADIENT), c("S*x", "S", TENSOR), c("W*x*a", "a", DERIVATIVE), c("x*y'", "x", TENSOR),
                // /
                c("x/a", "a", DERIVATIVE), c("a/c", "c", DERIVATIVE), c("sum(x)/a", "a", DERIVATIVE),
                c("x'*y/a", "x", GRADIENT), c("A/a", "a", DERIVATIVE), c("(x'*x)/(y'*y)", "y", GRADIENT),
                // .* and ./
                c("x .* y", "x", JACOBIAN), c("sum(A .* B)", "A", GRADIENT), c("(x .* y)'*z", "y", GRADIENT),
                c("A .* B", "A", TENSOR), c("(a*A) .* B", "a", DERIVATIVE), c("sum(S .* A)", "S", GRADIENT),
                c("x ./ y", "y", JACOBIAN), c("x ./ y", "x", JACOBIAN), c("sum(A ./ B)", "B", GRADIENT),
                c("x ./ a", "a", DERIVATIVE),
                // ^ (scalar and matrix power) and .^
                c("a^3", "a", DERIVATIVE), c("a^c", "c", DERIVATIVE), c("a^c", "a", DERIVATIVE), c("a^-2", "a", DERIVATIVE),
                c("A^3", "A", TENSOR), c("tr(A^3)", "A", GRADIENT), c("x'*A^2*x", "A", GRADIENT), c("(a*A)^3", "a", DERIVATIVE),
                c("tr(S^2)", "S", GRADIENT), c("y'*A^-1*z", "A", GRADIENT), c("A^3*x", "x", JACOBIAN),
                c("x.^2", "x", JACOBIAN), c("x.^0.5", "x", JACOBIAN), c("sum(x.^3)", "x", GRADIENT),
                c("x.^c", "c", DERIVATIVE), c("sum(A.^2)", "A", GRADIENT), c("sum(x.^c)", "x", GRADIENT),
                c("(a*x).^2", "a", DERIVATIVE), c("sum(S.^2)", "S", GRADIENT), c("A.^2", "A", TENSOR),
                // '
                c("x'", "x", JACOBIAN), c("A'", "A", TENSOR), c("sum(A'*x)", "A", GRADIENT), c("x'*A'", "x", JACOBIAN),
                c("(A*x)'*y", "x", GRADIENT), c("(a*A)'", "a", DERIVATIVE), c("S'*x", "x", JACOBIAN),
                // unary minus
                c("-x", "x", JACOBIAN), c("-sum(x.^2)", "x", GRADIENT), c("-a", "a", DERIVATIVE), c("-(a*A)", "a", DERIVATIVE),
                c("-A", "A", TENSOR), c("-x'*S*x", "S", GRADIENT),
                // scalar expansion: a scalar added to (or multiplied into) a vector or matrix
                c("x + a", "a", DERIVATIVE), c("A + a", "a", DERIVATIVE), c("sum(x + a)", "x", GRADIENT),
                c("x .* a", "a", DERIVATIVE), c("A*x + a", "x", JACOBIAN), c("sum((A - a).^2)", "A", GRADIENT),
                c("exp(x - a)", "a", DERIVATIVE),
                // vector(1), eye
                c("vector(1)'*x", "x", GRADIENT), c("(x - a*vector(1))'*(x - a*vector(1))", "a", DERIVATIVE),
                c("W*vector(1)*a", "a", DERIVATIVE), c("vector(1)*a + x", "a", DERIVATIVE),
                c("x'*(A + eye)*x", "x", GRADIENT), c("(eye + a*A)*x", "a", DERIVATIVE),
                c("y'*inv(eye + A'*A)*z", "A", GRADIENT), c("tr(eye + A)", "A", GRADIENT), c("(A - eye)*x", "A", TENSOR),
                c("inv(eye + a*S)", "a", DERIVATIVE),
                // blocks
                c("[x; y]", "x", JACOBIAN), c("[a; c]", "a", DERIVATIVE), c("[x; W*y]", "y", JACOBIAN), c("sum([x; a*W*y].^2)", "a", DERIVATIVE),
                c("[x; a*y]", "a", DERIVATIVE), c("[a*A; V]", "a", DERIVATIVE), c("[W*x; b]", "x", JACOBIAN),
                c("[a*x; b]'*[y; b]", "a", DERIVATIVE), c("[A; W]*x", "W", TENSOR), c("[S; W]*x", "x", JACOBIAN), c("[a*S; W]", "a", DERIVATIVE));
    }

    /** Implicit expansion and reductions along a dimension: the first lines of batched layers. */
    static List<Case> batched() {
        return List.of(
                // a vector expanded over the columns, a row over the rows, both (an outer expansion)
                c("sum((W*P + b - Y).^2)", "b", GRADIENT), c("sum((W*P + b - Y).^2)", "W", GRADIENT),
                c("W*P + b", "b", TENSOR), c("W*P + b", "W", TENSOR), c("P - r'", "r", TENSOR),
                c("sum((P - r').^2)", "r", GRADIENT), c("sum(P .* y)", "y", GRADIENT), c("sum(P ./ y)", "y", GRADIENT),
                c("sum(P .* y)", "P", GRADIENT), c("x + y'", "x", TENSOR), c("sum(exp(x - r'))", "r", GRADIENT),
                c("(P + a*y).^2", "a", DERIVATIVE), c("sum(y ./ P)", "P", GRADIENT),
                // sums and means along a dimension, and of all entries
                c("sum(P, 1)", "P", TENSOR), c("sum(P, 2)", "P", TENSOR), c("sum(P, 1)*r", "P", GRADIENT),
                c("y'*sum(P, 2)", "P", GRADIENT), c("sum(W*P, 1)*r", "W", GRADIENT), c("sum(a*P, 2)", "a", DERIVATIVE),
                c("mean(x)", "x", GRADIENT), c("mean(P)", "P", GRADIENT), c("mean(P, 1)*r", "P", GRADIENT),
                c("y'*mean(P, 2)", "P", GRADIENT), c("mean((W*x - b).^2)", "W", GRADIENT), c("mean(a*P, 1)", "a", DERIVATIVE),
                c("mean(P, 2)", "P", TENSOR), c("mean(S)", "S", GRADIENT), c("mean(x)*y", "x", JACOBIAN),
                c("sum(log(sum(exp(P), 1)))", "P", GRADIENT),
                // softmax and logsumexp of each column (1) or row (2)
                c("softmax(P, 1)", "P", TENSOR), c("softmax(P, 2)", "P", TENSOR), c("sum(Y.*log(softmax(W*P, 1)))", "W", GRADIENT),
                c("sum(Y.*log(softmax(W*P + b, 1)))", "b", GRADIENT), c("logsumexp(P, 1)*r", "P", GRADIENT),
                c("y'*logsumexp(P, 2)", "P", GRADIENT), c("softmax(a*P, 2)", "a", DERIVATIVE), c("logsumexp(a*P, 1)", "a", DERIVATIVE),
                c("sum(V.*(softmax(W*A, 2)*x*y'))", "W", GRADIENT), c("softmax(x, 1)", "x", JACOBIAN),
                c("sum(logsumexp(S, 2))", "S", GRADIENT));
    }

    /**
     * max and min: element-wise with a scalar, a vector and a matrix, under implicit expansion (a
     * ReLU layer over a batch), with either or both operands varying; and the largest and smallest
     * entry of a vector or matrix. Random points avoid ties almost surely (the kinks).
     */
    static List<Case> extrema() {
        return List.of(
                c("max(x, 0)", "x", JACOBIAN), c("min(x, y)", "y", JACOBIAN), c("max(x, y)", "x", JACOBIAN),
                c("max(x, a*y)", "a", DERIVATIVE), c("max(a, c)", "a", DERIVATIVE), c("min(a, c)", "c", DERIVATIVE),
                c("sum(max(W*x + b, 0))", "x", GRADIENT), c("sum(max(W*x + b, 0))", "W", GRADIENT),
                c("sum(max(W*x + b, 0))", "b", GRADIENT), c("max(W*x + b, 0)", "W", TENSOR),
                c("sum(max(W*P + b, 0))", "W", GRADIENT), c("sum(max(W*P + b, 0))", "b", GRADIENT),
                c("sum(min(P, r'))", "r", GRADIENT), c("sum(max(x, y'))", "y", GRADIENT), c("max(A, B)", "A", TENSOR),
                c("sum(max(A, a))", "a", DERIVATIVE), c("sum(min(S, A))", "S", GRADIENT), c("max(x'*y, a)", "x", GRADIENT),
                c("sum(max(1 - y.*(A*x), 0))", "x", GRADIENT), c("max(x, A*x)", "x", JACOBIAN),
                c("max(x)", "x", GRADIENT), c("min(x)", "x", GRADIENT), c("max(A)", "A", GRADIENT), c("min(W*x)", "x", GRADIENT),
                c("max(W*x + b)", "W", GRADIENT), c("max(S)", "S", GRADIENT), c("max(a*x)", "a", DERIVATIVE),
                c("min(P)*x", "P", TENSOR), c("max(x)*y", "x", JACOBIAN));
    }

    static List<Case> all() {
        List<Case> all = new ArrayList<>(elementwise());
        all.addAll(extrema());
        all.addAll(batched());
        all.addAll(matrixFunctions());
        all.addAll(operators());
        return all;
    }
}
