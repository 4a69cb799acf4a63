package dev.matcalc.cli;

import dev.matcalc.optimization.Status;
import dev.matcalc.problem.Problem;
import dev.matcalc.problem.ProblemSolver;
import dev.matcalc.problem.Sense;
import dev.matcalc.problem.Solution;
import dev.matcalc.problem.rows.RowTable;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Solves a problem for a command and prints the answer: what {@code minimize}, {@code maximize} and {@code solve} end with. */
final class SolveRun {
    private SolveRun() { }

    /** Exit code: 0 when optimal, 1 for any other status (the answer is printed either way). */
    static int run(Problem problem, SolveOptions options, CommandSpec spec) throws IOException {
        return run(problem, null, options, spec);
    }

    /** @param rows the table's columns held in blocks (--spark), or null */
    static int run(Problem problem, RowTable rows, SolveOptions options, CommandSpec spec) throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        var o = options.options(err, problem.sense() == Sense.MAX ? -1 : 1, rows);
        Solution s = rows == null ? ProblemSolver.solve(problem, o) : ProblemSolver.solve(problem, rows, o);
        Map<String, Path> written = options.out == null ? Map.of() : SolutionFiles.write(options.out, s.solution());
        if (options.format.equals("json")) {
            SolutionPrinter.json(s, out);
        } else {
            boolean chosen = !problem.start().keySet().containsAll(problem.over());
            SolutionPrinter.text(s, options.tolerance == null ? ProblemSolver.DEFAULT_TOLERANCE : options.tolerance, chosen, written, out);
        }
        return s.status() == Status.OPTIMAL ? Main.OK : Main.CHECK_FAILED;
    }
}
