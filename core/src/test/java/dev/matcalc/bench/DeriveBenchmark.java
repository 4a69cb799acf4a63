package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Parse + type + differentiate + simplify + render, end to end, over a corpus of expressions
 * people differentiate: the notes' examples, Cookbook identities, deep-learning losses.
 * Run with {@code bench/jmh.sh} (not a unit test).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeriveBenchmark {

    @Param({
            "x'*A*x|x",
            "sin(x^2)|x",
            "relu(w'*x + b)|w",
            "x'*A*x + sum(exp(W*x + b))|x",
            "sum(log(1 + exp(-y.*(X*w))))|w",
            "-t'*log(softmax(x))|x",
            "norm2(T - U*V')^2|U",
            "log(det(inv(X)))|X",
            "tr(A*X*B*X'*C)|X",
            "sum((W2*relu(W1*x + b1) + b2 - y).^2)|W1"
    })
    public String problem;

    private String expr;
    private String wrt;

    @Setup
    public void split() {
        String[] parts = problem.split("\\|");
        expr = parts[0];
        wrt = parts[1];
    }

    @Benchmark
    public void gradient(Blackhole bh) {
        Expression e = MatCalc.parse(expr);
        DerivativeResult d = e.derivative(Layout.MIXED, wrt);
        bh.consume(d.toText());
    }

    @Benchmark
    public void secondOrder(Blackhole bh) {
        Expression e = MatCalc.parse(expr);
        DerivativeResult d = e.derivative(Layout.MIXED, wrt, wrt);
        bh.consume(d.toText());
    }
}
