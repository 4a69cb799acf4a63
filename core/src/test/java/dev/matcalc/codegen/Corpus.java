package dev.matcalc.codegen;

import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import dev.matcalc.numeric.RandomPoints;
import dev.matcalc.numeric.Tensor;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The functions generated code is executed on, with the points they are checked at. */
final class Corpus {
    private Corpus() { }

    /** f with its derivatives by {@code wrt} (one derivative per list), {@code lets} declaring shapes. */
    record Case(String name, String expr, List<String> lets, Layout layout, List<List<String>> wrt) {
        Expression expression() {
            return MatCalc.parse(expr, lets.toArray(String[]::new));
        }

        List<DerivativeResult> derivatives() {
            Expression e = expression();
            return wrt.stream().map(w -> e.derivative(layout, w.toArray(String[]::new))).toList();
        }

        /** A random point where f and its derivatives are finite (retrying other seeds when not). */
        Map<String, DMatrixRMaj> point(long seed) {
            Expression e = expression();
            SplittableRandom rng = new SplittableRandom(seed);
            for (int tries = 0; tries < 50; tries++) {
                try {
                // the variables differentiated by too: f need not mention a declared one
                List<dev.matcalc.expr.Var> wrtVars = derivatives().stream().flatMap(d -> d.derivative().wrt().stream()).toList();
                Map<String, DMatrixRMaj> values = RandomPoints.draw(e.expr(), wrtVars, rng).values();
                if (finite(e.evaluate(values)) && derivatives().stream().allMatch(d -> finite(d.evaluate(values)))) return values;
                } catch (RuntimeException ex) {
                    throw new AssertionError(name + ": " + ex.getMessage(), ex);
                }
            }
            throw new AssertionError("no finite point for " + expr);
        }
    }

    static boolean finite(Tensor t) {
        for (double v : t.data()) if (!Double.isFinite(v)) return false;
        return true;
    }

    static Case of(String name, String expr, String... wrt) {
        return new Case(name, expr, List.of(), Layout.NUMERATOR, List.of(List.of(wrt)));
    }

    static final List<Case> CASES = cases();

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(of("quadratic", "x'*A*x", "x"));
        c.add(new Case("quadraticSymmetricByA", "x'*A*x", List.of("A:symmetric(n)"), Layout.NUMERATOR, List.of(List.of("A"))));
        c.add(of("logistic", "sum(log(1+exp(-y.*(X*w))))", "w"));
        c.add(of("logisticHessian", "sum(log(1+exp(-y.*(X*w))))", "w", "w"));
        c.add(of("factorization", "norm2(T - U*V')^2", "U"));
        c.add(of("mlp", "sum((W2*relu(W1*x + b1) + b2 - y).^2)", "W1"));
        c.add(new Case("mlpAllWeights", "sum((W2*relu(W1*x + b1) + b2 - y).^2)", List.of(), Layout.NUMERATOR,
                List.of(List.of("W1"), List.of("b1"), List.of("W2"), List.of("b2"))));
        c.add(of("softmaxCrossEntropy", "-y'*log(softmax(W*x))", "W"));
        c.add(of("logsumexpLoss", "logsumexp(W*x) - y'*W*x", "x"));
        c.add(of("logdet", "logdet(X)", "X"));
        c.add(of("det", "det(X)", "X"));
        c.add(of("inverseQuadratic", "a'*inv(X)*b", "X"));
        c.add(of("inverseTensor", "inv(X)", "X"));
        c.add(of("jacobianSin", "sin(A*x)", "x"));
        c.add(new Case("jacobianDenominator", "tanh(A*x) + x", List.of(), Layout.DENOMINATOR, List.of(List.of("x"))));
        c.add(new Case("gradientMixed", "sum(sigmoid(X*w)) + norm1(w)", List.of(), Layout.MIXED, List.of(List.of("X"), List.of("w"))));
        c.add(of("jacobianSoftmax", "softmax(x)", "x"));
        c.add(of("mixedSecond", "x'*A*y", "x", "y"));
        c.add(of("byScalar", "a*exp(a*x) + diag(x)*x", "a"));
        c.add(of("blocks", "sum(exp([x; a*y])) + [a, 2*a]*[a; 1] + softplus(a)*tr(diag(x))", "a"));
        c.add(of("matrixHessianTensor", "sum(exp(X*v))", "X", "X"));
        // batched layers: implicit expansion, sums and means along a dimension, softmax/logsumexp per column and row
        c.add(new Case("batchedLinearBias", "sum((W*X + b - Y).^2)", List.of("b:vector(m)"), Layout.NUMERATOR,
                List.of(List.of("W"), List.of("b"))));
        c.add(of("meanSquaredError", "mean((W*x - y).^2) + mean(W, 1)*mean(W, 2)", "W"));
        c.add(of("softmaxCrossEntropyBatch", "-sum(Y.*log(softmax(Z, 1)))", "Z"));
        c.add(of("attention", "sum(G.*(softmax(Q*K'/c, 2)*V)) + sum(logsumexp(Q, 2))", "Q"));
        c.add(of("rowExpansion", "sum(exp(P - r')) + sum(logsumexp(P, 1)) + sum(P./y, 2)'*u", "P"));
        // max and min: element-wise (a ReLU layer over a batch, a hinge loss), and of all entries
        c.add(new Case("reluBatch", "sum(G.*max(W*X + b, 0))", List.of("b:vector(m)"), Layout.NUMERATOR,
                List.of(List.of("W"), List.of("b"))));
        c.add(new Case("hingeLoss", "sum(max(1 - y.*(X*w), 0)) + lam*norm2(w)^2", List.of("lam:scalar"), Layout.MIXED,
                List.of(List.of("w"))));
        c.add(of("extremeEntries", "max(A*x) - min(A) + sum(min(x, y)) + sum(max(x', A))", "A"));
        c.add(of("extremeEntriesByVector", "max(A*x) + min(x) + sum(max(y, x)) + sum(min(A, x'))", "x"));
        c.add(of("sqrtAndPowers", "sum(sqrt(x)) + sum(x.^-2) + sum(x./(1+x.^2))", "x"));
        // the constant rule (issue 14): by declared variables f does not mention, sized by their own values
        c.add(new Case("constantRule_gradientByAnAbsentVector_issue14", "sum(A*y)", List.of("x:vector(k)"),
                Layout.NUMERATOR, List.of(List.of("x"))));
        c.add(new Case("constantRule_partialsWithAnAbsentSymmetric_issue14", "x'*A*x", List.of("S:symmetric(k)"),
                Layout.MIXED, List.of(List.of("x"), List.of("S"))));
        c.add(new Case("constantRule_jacobianByAnAbsentVector_issue14", "exp(A*x)", List.of("z:vector(k)"),
                Layout.DENOMINATOR, List.of(List.of("z"))));
        c.add(new Case("constantRule_mixedSecondByAnAbsentVariable_issue14", "x'*A*x", List.of("z:vector(k)"),
                Layout.NUMERATOR, List.of(List.of("z", "x"))));
        c.add(new Case("constantRule_tensorByAnAbsentMatrix_issue14", "A*y", List.of("X:matrix(p,q)"),
                Layout.NUMERATOR, List.of(List.of("X"))));
        return c;
    }
}
