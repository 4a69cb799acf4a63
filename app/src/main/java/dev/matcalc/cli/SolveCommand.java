package dev.matcalc.cli;

import dev.matcalc.problem.GenoModel;
import dev.matcalc.problem.Problem;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve a GENO model file (parameters, variables, min or max, st) with data for its parameters.",
                "Exit status: 0 optimal, 1 any other outcome (the answer is still printed), 2 bad input.",
                "Example: matcalc solve lasso.geno --data A=A.csv --data b=b.csv --data lam=0.1"})
final class SolveCommand implements Callable<Integer>, Errors.Formatted {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (GENO's modeling language).")
    Path model;

    @Mixin
    SolveOptions options;

    @Override
    public String format() {
        return options.format;
    }

    @Override
    public Integer call() throws IOException {
        options.check();
        String document = read(model);
        Problem problem;
        try {
            problem = GenoModel.parse(document);
        } catch (SourceError e) {
            throw inFile(e);
        }
        problem = problem.withDataValues(options.data()).withStartValues(options.start());
        try {
            return SolveRun.run(problem, options, spec);
        } catch (SourceError e) {
            SourceError named = OptionErrors.named(e, java.util.List.of(), options.data, options.start);
            throw named.source() != null && named.source().equals(document) ? inFile(named) : named;
        }
    }

    /** The error with the model file's name (its line and column are the file's). */
    private SourceError inFile(SourceError e) {
        return new SourceError("in " + model + ": " + e.getMessage(), e.source(), e.span());
    }

    private static String read(Path file) {
        if (Files.isDirectory(file)) throw new SourceError("cannot read the model " + file + ": it is a directory");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SourceError("cannot read the model " + file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new SourceError("cannot read the model " + file + ": permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SourceError("cannot read the model " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new SourceError("cannot read the model " + file + ": " + e.getMessage());
        }
    }
}
