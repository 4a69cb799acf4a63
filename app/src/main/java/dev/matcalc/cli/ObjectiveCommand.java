package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
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
            return SolveRun.run(problem.problem(sense(problem.expr()), options.data(), options.start()), options, spec);
        } catch (SourceError e) {
            throw OptionErrors.named(e, problem.constraints, options.data, options.start);
        }
    }
}
