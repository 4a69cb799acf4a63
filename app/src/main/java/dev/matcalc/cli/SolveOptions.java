package dev.matcalc.cli;

import dev.matcalc.data.DataSource;
import dev.matcalc.data.DataValue;
import dev.matcalc.optimization.IterationListener;
import dev.matcalc.optimization.Options;
import dev.matcalc.problem.ProblemSolver;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code minimize}, {@code maximize} and {@code solve} share: data, start values, stopping and output settings. */
final class SolveOptions {
    @Option(names = "--data", paramLabel = "NAME=SOURCE",
            description = "A parameter's value: NAME=FILE.csv, NAME=FILE.npy, NAME=FILE.json, an inline value (lam=0.5, "
                    + "b=[1,2], A=[[1,2],[3,4]]), or FILE.json binding every name in it. Paths are relative to the current directory.")
    List<String> data = new ArrayList<>();

    @Option(names = "--start", paramLabel = "NAME=SOURCE",
            description = "A variable's start value, in the forms of --data; variables without one start at a point the tool chooses (and prints).")
    List<String> start = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Stop when the projected gradient's largest entry is at most T·max(1, |f|) and constraints hold within T (default 1e-6).")
    Double tolerance;

    @Option(names = "--max-iterations", paramLabel = "K", description = "Iteration limit (default 10000).")
    Integer maxIterations;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    String format;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write the solution to FILE: .json (every variable by name), .npy or .csv (one variable; "
                    + "with several, one file each, named FILE's stem.NAME.ext). Written only when the solve ends.")
    Path out;

    @Option(names = "--progress", description = "One line per iteration on stderr (the default when stderr is a terminal).")
    boolean progress;

    @Option(names = "--quiet", description = "No progress lines, even on a terminal.")
    boolean quiet;

    Map<String, DataValue> data() {
        return DataSource.parseAll(data, null);
    }

    /** Read as --data is; the reader's messages name the option, so they are told as --start's. */
    Map<String, DataValue> start() {
        try {
            return DataSource.parseAll(start, null);
        } catch (SourceError e) {
            throw new SourceError(e.getMessage().replace("--data ", "--start "), e.source(), e.span());
        }
    }

    /** Checks what picocli cannot: the format, the --out extension, --progress with --quiet. */
    void check() {
        if (!format.equals("text") && !format.equals("json"))
            throw new SourceError("unknown format '" + format + "'; use text or json");
        if (progress && quiet) throw new SourceError("--progress and --quiet contradict each other; give one");
        if (out != null) SolutionFiles.format(out);
    }

    /** @param sign -1 for a maximization, whose solver sees -f: the lines show f as written */
    Options options(java.io.PrintWriter err, double sign) {
        return options(err, sign, null);
    }

    /** @param rows a table held in blocks, whose passes' time the progress lines show; or null */
    Options options(java.io.PrintWriter err, double sign, dev.matcalc.problem.rows.RowTable rows) {
        boolean show = !quiet && (progress || onTerminal());
        IterationListener listener = show ? new ProgressLines(err, sign, rows) : null;
        return ProblemSolver.options(tolerance, maxIterations, listener);
    }

    /** Whether stderr is a terminal: there is a console, and (from JDK 22, where one exists for redirected streams too) it is one. */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;         // JDK 21: a console exists only on a terminal
        }
    }

    /**
     * {@code   iter        objective   optimality       step     time}, then one line per iteration;
     * for a table held in blocks, also the passes over it since the last line and the jobs' time per pass.
     */
    private static final class ProgressLines implements IterationListener {
        private final java.io.PrintWriter err;
        private final double sign;
        private final dev.matcalc.problem.rows.RowTable rows;
        private boolean headed;
        private long passes;
        private double seconds;

        ProgressLines(java.io.PrintWriter err, double sign, dev.matcalc.problem.rows.RowTable rows) {
            this.err = err;
            this.sign = sign;
            this.rows = rows;
        }

        @Override
        public void onIteration(dev.matcalc.optimization.Iteration it) {
            if (!headed) {
                err.printf("%6s %22s %11s %11s %9s", "iter", "objective", "optimality", "step", "time");
                if (rows != null) err.printf(" %6s %10s", "passes", "job/pass");
                err.println();
            }
            headed = true;
            err.printf("%6d %22.15g %11.3e %11.3e %8.3fs", it.iteration(), sign * it.objective(), it.optimality(), it.step(), it.nanos() / 1e9);
            if (rows != null) {
                long p = rows.passes() - passes;
                double t = rows.seconds() - seconds;
                passes = rows.passes();
                seconds = rows.seconds();
                err.printf(" %6d %9.4fs", p, p == 0 ? 0 : t / p);
            }
            err.println();
            err.flush();
        }
    }
}
