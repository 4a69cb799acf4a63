package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "minimize", mixinStandardHelpOptions = true,
        description = {"Minimize a scalar expression over some of its variables, with data for the others and optional constraints.",
                "Exit status: 0 optimal, 1 any other outcome (the answer is still printed), 2 bad input.",
                "Example: matcalc minimize \"norm2(A*x - b)^2 + 0.1*norm1(x)\" --over x --data A=A.csv --data b=b.csv"})
final class MinimizeCommand implements Callable<Integer>, Errors.Formatted {
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
        return run(Optimization.minimize(problem.expr()));
    }

    Integer run(Optimization sense) throws IOException {
        options.check();
        return SolveRun.run(problem.problem(sense, options.data(), options.start()), options, spec);
    }
}
