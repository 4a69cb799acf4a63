package dev.matcalc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.api.Optimization;
import dev.matcalc.data.DataSource;
import dev.matcalc.data.DataValue;
import dev.matcalc.optimization.DifferentiableFunction;
import dev.matcalc.optimization.Options;
import dev.matcalc.problem.CompiledObjective;
import dev.matcalc.problem.CompiledProblem;
import dev.matcalc.problem.Problem;
import dev.matcalc.problem.ProblemSolver;
import dev.matcalc.problem.Solution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * matcalc's side of bench/minimize.sh, in-process (a warm JVM): the problem is compiled once, solved
 * until the JIT is warm (for 6 s, at least twice, at most 2,000 times), then solved {@code --repeats} times from the same start (the best time is
 * reported, with the solution's objective, iterations and evaluations); the value and gradient alone
 * is timed too (the per-gradient cost compared with the memory-bandwidth floor). Prints one JSON
 * object on the last line of stdout. Arguments:
 * <pre>
 *   OBJECTIVE --over VAR [--data NAME=FILE]... [--subject-to C]... [--start NAME=FILE]... [--tolerance T] [--repeats K] [--profile]
 * </pre>
 * Data files are read relative to the working directory, as the CLI reads them. The JSON has the
 * objective, the best solve's seconds, iterations, evaluations, the first variable's solution
 * ({@code x}), the objective after each iteration with the seconds since the solve began
 * ({@code trace}, of the timed solve), the time of one value-and-gradient evaluation ({@code gradientSeconds}), and the
 * seconds spent reading the data and compiling the problem.
 */
public final class MinimizeBenchmark {
    private MinimizeBenchmark() { }

    static final long WARM_NANOS = 6_000_000_000L;
    static final int WARM_SOLVES = 2_000;

    public static void main(String[] args) throws Exception {
        String objective = args[0];
        List<String> over = new ArrayList<>(), data = new ArrayList<>(), constraints = new ArrayList<>(), start = new ArrayList<>();
        Double tolerance = null;
        int repeats = 3;
        boolean profile = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--over" -> over.add(args[++i]);
                case "--data" -> data.add(args[++i]);
                case "--subject-to" -> constraints.add(args[++i]);
                case "--start" -> start.add(args[++i]);
                case "--tolerance" -> tolerance = Double.parseDouble(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--profile" -> profile = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Map<String, Object> out = run(objective, over, data, constraints, start, tolerance, repeats, profile, null);
        System.out.println(new ObjectMapper().writeValueAsString(out));
    }

    /** Solves the problem and times it; see the class comment. */
    static Map<String, Object> run(String objective, List<String> over, List<String> dataSpecs, List<String> constraints,
                                   List<String> startSpecs, Double tolerance, int repeats, boolean profile, Path baseDir) {
        long t0 = System.nanoTime();
        Map<String, DataValue> values = DataSource.parseAll(dataSpecs, baseDir);
        double load = (System.nanoTime() - t0) / 1e9;
        Optimization o = problem(objective, over, values, constraints, DataSource.parseAll(startSpecs, baseDir), tolerance);
        Problem problem = o.problem();
        long t1 = System.nanoTime();
        CompiledProblem compiled = CompiledProblem.compile(problem);
        double compile = (System.nanoTime() - t1) / 1e9;
        List<double[]> trace = new ArrayList<>();                       // (seconds, objective) per iteration of the last solve
        o.onIteration(it -> trace.add(new double[] {it.nanos() / 1e9, it.objective()}));
        Options options = o.options();
        Solution first = ProblemSolver.solve(compiled, options);
        // The JIT warms up: at least WARM_NANOS of solving and two solves, at most WARM_SOLVES. Ten solves
        // were not enough for the 30–60 ms ones: C2 was still compiling the solver and the evaluation
        // (its compile queue waits for a core on a 2-core machine), and the timed solves ran up to 2×
        // slower than once it had finished, about 4 s of solving later.
        long warming = System.nanoTime();
        for (int w = 1; w < 2 || w < WARM_SOLVES && System.nanoTime() - warming < WARM_NANOS; w++) ProblemSolver.solve(compiled, options);
        double best = Double.POSITIVE_INFINITY;
        Solution kept = first;
        List<double[]> keptTrace = List.of();
        for (int r = 0; r < Math.max(1, repeats); r++) {
            trace.clear();
            Solution s = ProblemSolver.solve(compiled, options);
            if (s.seconds() < best) {
                best = s.seconds();
                kept = s;
                keptTrace = List.copyOf(trace);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("objective", kept.objective());
        out.put("seconds", best);
        out.put("firstSeconds", first.seconds());                       // the cold JVM's solve
        out.put("status", kept.status().toString());
        out.put("iterations", kept.iterations());
        out.put("evaluations", kept.evaluations());
        out.put("optimality", kept.optimality());
        out.put("method", kept.method());
        out.put("message", kept.message());
        out.put("loadSeconds", load);
        out.put("compileSeconds", compile);
        out.put("x", kept.solution().get(over.get(0)).data());
        out.put("trace", keptTrace);                                     // for the time to reach a peer's objective
        out.put("gradientSeconds", gradientSeconds(compiled.problem().objective(), compiled.start()));
        if (profile) out.put("profile", compiled.problem().objective() instanceof CompiledObjective c ? c.profile(20) : List.of());
        return out;
    }

    /** The problem as the library states it: {@code MatCalc.minimize(objective).over(...).data(...)}. */
    static Optimization problem(String objective, List<String> over, Map<String, DataValue> data, List<String> constraints,
                                Map<String, DataValue> start, Double tolerance) {
        Optimization o = MatCalc.minimize(objective).over(over.toArray(String[]::new)).data(data).start(start);
        constraints.forEach(o::subjectTo);
        if (tolerance != null) o.tolerance(tolerance);
        return o;
    }

    /** The time of one value-and-gradient evaluation at the start point, the best of several batches. */
    static double gradientSeconds(DifferentiableFunction f, double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < 5; i++) f.valueAndGradient(x, g);
        double best = Double.POSITIVE_INFINITY;
        for (int batch = 0; batch < 5; batch++) {
            int runs = 0;
            long t = System.nanoTime(), elapsed;
            do {
                f.valueAndGradient(x, g);
                runs++;
                elapsed = System.nanoTime() - t;
            } while (elapsed < 200_000_000L && runs < 200);
            best = Math.min(best, elapsed / 1e9 / runs);
        }
        return best;
    }
}
