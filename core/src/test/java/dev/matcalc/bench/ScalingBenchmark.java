package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.DerivativeResult;
import dev.matcalc.api.Expression;
import dev.matcalc.calculus.Layout;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Issue 3's scaling families ({@link ScalingFamilies}) against their depth k: parse, the gradient
 * (and the Hessian for the families of a vector variable), and the text with its definitions,
 * end to end in one process. {@code bench/scaling.sh} runs it beside SymPy and writes
 * {@code bench/RESULTS.md}; answer sizes come from {@link ScalingSizes}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ScalingBenchmark {

    @Param({"NESTED_DEFINITIONS", "NESTED_INVERSE", "QUADRATIC_FORMS", "CHAIN"})
    public ScalingFamilies family;

    @Param({"1", "2", "4", "8", "16", "32", "64"})
    public int k;

    private String source;
    private String[] lets;

    @Setup
    public void write() {
        source = family.source(k);
        lets = family.lets().toArray(String[]::new);
    }

    @Benchmark
    public void derive(Blackhole bh) {
        Expression e = MatCalc.parse(source, lets);
        DerivativeResult gradient = e.derivative(Layout.MIXED, family.wrt());
        bh.consume(gradient.toText());
        if (family.hessian()) {
            DerivativeResult hessian = e.derivative(Layout.MIXED, family.wrt(), family.wrt());
            bh.consume(hessian.toText());
        }
    }
}
