package dev.matcalc.bench;

import dev.matcalc.MatCalc;
import dev.matcalc.api.CompiledDerivative;
import dev.matcalc.api.Expression;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.*;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * matcalc's compiled evaluator on the autodiff comparison's problems ({@link AutodiffProblems}).
 * One parameter, {@code job = problem:what:n} (what = gradient, hessian, hessian-into or hvp; the layer
 * families mlp-ce and attention, gradient only, by all their parameters at once), lists exactly the
 * combinations to run, so bench/autodiff.sh can leave out the ones that do not fit (a dense
 * matrix-factorization Hessian at n = 1000 is 80 GB). Run by bench/autodiff.sh, not a unit test.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xss16m"})
public class AutodiffBenchmark {
    @Param({"xAx:gradient:100"})
    public String job;

    private CompiledDerivative compiled;
    private Map<String, DMatrixRMaj> values;
    private DMatrixRMaj direction;
    private String what;
    private double[] into;
    /** The layer families: f and its gradient by every parameter, in one plan. */
    private JointGradient joint;

    @Setup
    public void compile() {
        String[] p = job.split(":");
        AutodiffProblems problem = AutodiffProblems.of(p[0], Integer.parseInt(p[2]), 42);
        what = p[1];
        values = problem.values();
        if (problem.wrt().size() > 1) {
            if (!what.equals("gradient")) throw new IllegalArgumentException(job + ": the layer families time gradients only");
            joint = new JointGradient(problem);
            what = "joint";
            run();
            return;
        }
        String wrt = problem.wrt().get(0);
        Expression f = MatCalc.parse(problem.expr());
        compiled = (p[1].equals("gradient") ? f.derivative(wrt) : f.derivative(wrt, wrt)).compile();
        DMatrixRMaj x = values.get(wrt);
        direction = AutodiffProblems.random(x.numRows, x.numCols, new Random(7));
        if (what.equals("hessian-into")) into = new double[compiled.derivativeAt(values).data().length];
        run(); // compile the plan for these sizes outside the measurement
    }

    /**
     * A gradient with the value of f (what an optimizer step needs, as PyTorch's forward and backward
     * give); a Hessian alone, as a fresh array (as the NumPy closed form and torch's hessian give it),
     * or written into an array kept from call to call (hessian-into; NumPy with out=).
     */
    @Benchmark
    public Object run() {
        return switch (what) {
            case "hvp" -> compiled.hvp(values, direction);
            case "hessian" -> compiled.derivativeAt(values);
            case "hessian-into" -> compiled.derivativeAt(values, into);
            case "joint" -> joint.run(values);
            default -> compiled.evaluate(values);
        };
    }
}
