package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "maximize", mixinStandardHelpOptions = true,
        description = {"Maximize a scalar expression (minimizing its negation; the objective is reported as written). Options as for minimize.",
                "Exit status: 0 optimal, 1 any other outcome (the answer is still printed), 2 bad input.",
                "Example: matcalc maximize \"logdet(S) - tr(S*C)\" --over S --let \"S:symmetric(n)\" --data C=C.csv"})
final class MaximizeCommand implements Callable<Integer>, Errors.Formatted {
    @Spec
    CommandSpec spec;

    @Mixin
    ObjectiveOptions problem;

    @Mixin
    SolveOptions options;

    @Override
    public String format() {
        return options.format;
    }

    @Override
    public Integer call() throws IOException {
        options.check();
        return SolveRun.run(problem.problem(Optimization.maximize(problem.expr()), options.data(), options.start()), options, spec);
    }
}
