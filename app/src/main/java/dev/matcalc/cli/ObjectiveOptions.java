package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import dev.matcalc.data.DataValue;
import dev.matcalc.problem.Problem;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The problem as {@code minimize} and {@code maximize} read it from the command line. */
final class ObjectiveOptions {
    @Parameters(index = "0", paramLabel = "EXPR",
            description = "The objective, a scalar expression, e.g. \"norm2(A*x - b)^2 + lam*norm1(x)\". Definitions may come first. "
                    + "@FILE reads it from a file, - from standard input.")
    String expr;

    @Option(names = "--over", paramLabel = "VAR", required = true,
            description = "A variable to optimize over; repeat for several. Every other name is a parameter and needs --data.")
    List<String> over = new ArrayList<>();

    @Option(names = "--let", paramLabel = "NAME:SHAPE",
            description = "Declare a shape: scalar, vector(n), matrix(m,n), symmetric(n); sizes otherwise come from the data.")
    List<String> lets = new ArrayList<>();

    @Option(names = "--subject-to", paramLabel = "CONSTRAINT",
            description = "A constraint, EXPR <= EXPR, EXPR >= EXPR or EXPR == EXPR, element-wise (a scalar side compares with every entry): "
                    + "\"x >= 0\", \"sum(x) == 1\", \"A*x <= b\". Repeat for several.")
    List<String> constraints = new ArrayList<>();

    Problem problem(Optimization start, Map<String, DataValue> data, Map<String, DataValue> startValues) {
        Optimization o = start;
        for (String let : lets) {
            if (let.indexOf(':') <= 0) throw new SourceError("--let " + let + ": expected NAME:SHAPE, e.g. S:symmetric(n)");
            o.let(let);
        }
        o.over(over.toArray(String[]::new));
        constraints.forEach(o::subjectTo);
        o.data(data).start(startValues);
        return o.problem();
    }

    String expr() {
        return ExpressionArgument.read(expr);
    }
}
