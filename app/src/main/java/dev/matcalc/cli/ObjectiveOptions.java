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

    @Option(names = "--table", paramLabel = "PATH",
            description = "A table of data: CSV with a header row (a file, or a directory of parts), Parquet (a file or a directory) "
                    + "or LIBSVM (.libsvm, .svm: LABEL INDEX:VALUE ..., 1-based indices; its features stay sparse). "
                    + "Bind names to its columns with --data: y=COL a vector, X=FIRST:LAST a matrix of the columns from FIRST to LAST "
                    + "(header order), X=COL a Parquet column of arrays or ML vectors, X=features and y=label for LIBSVM.")
    String table;

    @Option(names = "--features", paramLabel = "N",
            description = "The number of features of a LIBSVM --table when it is more than the largest index in the file.")
    Integer features;

    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "Run on Apache Spark: the --table's rows are split into blocks on the executors and the objective's "
                    + "sums over rows are computed there, one treeAggregate per evaluation; the solver runs here. "
                    + "MASTER: local[*] (the default), local[2], spark://HOST:7077, yarn, ...; under spark-submit, its master.")
    String spark;

    @Option(names = "--block-rows", paramLabel = "N", defaultValue = "4096",
            description = "Rows per block of a --table held in blocks, 1 to 1048576 (default ${DEFAULT-VALUE}).")
    int blockRows;

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
