package dev.matcalc.cli;

import dev.matcalc.api.CheckReport;
import dev.matcalc.api.Checker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a symbolic derivative at random points against forward-mode dual numbers,",
                "exact up to rounding. Points respect domains (positive under log and sqrt,",
                "well-conditioned under inv and det); symbolic dimensions take sizes 2 to 4.",
                "Exits 1 when the error exceeds the tolerance plus the reference's own rounding",
                "error (FAILED), or when a point gave no meaningful numbers to compare (values",
                "out of the range of doubles, or a tolerance below what doubles can confirm",
                "there): then the line says 'could not check', why, and what to do."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problem;

    @Option(names = "--points", defaultValue = "5", description = "Random points to try (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random points (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Largest relative error accepted (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() {
        if (points < 1 || points > 10_000) throw new dev.matcalc.syntax.SourceError("--points must be between 1 and 10000");
        CheckReport report = Checker.check(problem.expr(), problem.wrt, problem.letMap(), problem.order(),
                problem.layout(), points, seed, tolerance);
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        out.flush();
        return report.passed() ? Main.OK : Main.CHECK_FAILED;
    }
}
