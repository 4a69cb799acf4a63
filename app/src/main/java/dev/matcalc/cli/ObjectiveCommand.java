package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.matcalc.data.DataValue;
import dev.matcalc.problem.rows.RowTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** What {@code minimize} and {@code maximize} share: the options and the run; they differ only in the sense. */
abstract class ObjectiveCommand implements Callable<Integer>, Errors.Formatted {
    @Spec
    CommandSpec spec;

    @Mixin
    ObjectiveOptions problem;

    @Mixin
    SolveOptions options;

    /** The problem for the objective's text, minimized or maximized. */
    abstract Optimization sense(String objective);

    @Override
    public String format() {
        return options.format;
    }

    @Override
    public Integer call() throws IOException {
        options.check();
        try {
            return solve();
        } catch (SourceError e) {
            throw OptionErrors.named(e, problem.constraints, options.data, options.start);
        }
    }

    /** A local solve, or one over the rows of a --table (read here, or distributed with --spark). */
    private Integer solve() throws IOException {
        if (problem.table == null) {
            if (problem.spark != null)
                throw new SourceError("--spark distributes the rows of a table: give it with --table PATH and bind its columns "
                        + "with --data (y=COL, X=FIRST:LAST)");
            return SolveRun.run(problem.problem(sense(problem.expr()), options.data(), options.start()), null, options, spec);
        }
        Tables.Bound bound = Tables.bind(problem.table, options.data, problem.blockRows, problem.features);
        PrintWriter err = spec.commandLine().getErr();
        if (problem.spark == null && bound.source().format() == dev.matcalc.data.TableSource.Format.LIBSVM) {
            try (RowTable rows = Tables.readSparse(bound.source())) {    // sparse blocks, here
                return SolveRun.run(problem.problem(sense(problem.expr()), bound.others(), options.start()), rows, options, spec);
            }
        }
        if (problem.spark == null) {
            Map<String, DataValue> data = new LinkedHashMap<>(bound.others());
            Tables.readLocally(bound.source(), err).forEach((name, value) -> {
                if (data.putIfAbsent(name, value) != null) throw new SourceError(name + " is bound twice: to a column of the table and by --data");
            });
            return SolveRun.run(problem.problem(sense(problem.expr()), data, options.start()), null, options, spec);
        }
        try (RowTable rows = Tables.open(bound.source(), problem.spark, err)) {
            return SolveRun.run(problem.problem(sense(problem.expr()), bound.others(), options.start()), rows, options, spec);
        }
    }
}
