package dev.matcalc.cli;

import dev.matcalc.api.Answer;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.codegen.CodeOptions;
import dev.matcalc.codegen.Target;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Differentiate an expression symbolically.",
                "Example: matcalc diff \"x'*A*x\" --wrt x --let \"A:symmetric(n)\""})
final class DiffCommand implements Callable<Integer>, Errors.Formatted {

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions problem;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (valid matcalc input; notes as # comments), pretty (Unicode), latex, json, "
                    + "or generated code computing f and its derivatives: numpy, pytorch, jax (Python modules with "
                    + "def fAndG(...)) or java (an EJML class with fAndG(Map<String, DMatrixRMaj>)).")
    String format;

    @Option(names = "--at", paramLabel = "VALUES",
            description = "Evaluate the expression and its derivative at a point: a JSON object mapping each variable to a number (scalar), an array (vector) or an array of rows (matrix), given inline ('{\"x\": [1, 2]}') or as a file (VALUES.json); the form is the kind of a variable that is not declared.")
    String at;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "fAndG",
            description = "With a code format: the generated function's name (default fAndG).")
    String functionName;

    @Option(names = "--no-check", description = "With a code format: leave out the self-test (randomInputs, checkGradient, main).")
    boolean noCheck;

    @Option(names = "--class", paramLabel = "CLASS", defaultValue = "MatcalcFunction",
            description = "With --format java: the class's name (default MatcalcFunction).")
    String className;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "With --format java: the class's package (default none).")
    String packageName;

    @Option(names = "--steps",
            description = "Show the derivation step by step (intermediate variables, local derivatives, chain rule, simplification) before each answer.")
    boolean steps;

    @Option(names = "--verbose", description = "Say on stderr which implementation multiplies large matrices (native BLAS or pure Java).")
    boolean verbose;

    @Override
    public String format() {
        return format;
    }

    @Override
    public Integer call() throws IOException {
        if (!List.of("text", "pretty", "latex", "json").contains(format) && !Target.isTarget(format))
            throw new SourceError("unknown format '" + format + "'; use text, pretty, latex, json, numpy, pytorch, jax or java");
        Map<String, Object> point = at == null ? null : readValues(at);
        if (verbose) spec.commandLine().getErr().println("matcalc: dense products: " + dev.matcalc.compile.Dense.describe());
        Request request = new Request(problem.expr(), problem.wrt, problem.letMap(), problem.order(), problem.layout(),
                Request.ALL_FORMATS, steps, point);
        PrintWriter out = spec.commandLine().getOut();
        if (Target.isTarget(format)) {
            out.print(Service.code(request, Target.parse(format),
                    new CodeOptions(functionName, !noCheck, className, packageName)));
            out.flush();
            return Main.OK;
        }
        Answer answer = Service.derive(request);
        switch (format) {
            case "json" -> out.println(Json.indented().writeValueAsString(answer));
            case "pretty" -> AnswerPrinter.pretty(answer, out);
            case "latex" -> AnswerPrinter.latex(answer, out);
            default -> AnswerPrinter.text(answer, out);
        }
        out.flush();
        return Main.OK;
    }

    /**
     * {@code --at}'s values: inline JSON (what starts with '{', as the REPL's and the API's {@code at}
     * take it) or the name of a file holding it.
     */
    static Map<String, Object> readValues(String at) {
        if (at.strip().startsWith("{")) return parseValues(at, "--at");
        Path file = Path.of(at);
        String json;
        try {
            json = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {   // its message is the bare path
            throw new SourceError("cannot read values file " + file + ": no such file (--at takes a JSON file or inline JSON such as '{\"x\": [1, 2]}')");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new SourceError("cannot read values file " + at + ": " + e.getMessage());
        }
        return parseValues(json, file.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseValues(String json, String where) {
        try {
            // NaN and Infinity are read, so that the values check can say which entry is not finite
            Object parsed = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()
                    .readValue(json, Object.class);
            if (!(parsed instanceof Map)) throw new SourceError(where + ": expected a JSON object mapping variable names to values");
            return (Map<String, Object>) parsed;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceError(where + ": invalid JSON, " + dev.matcalc.numeric.JsonMessages.describe(e));
        }
    }
}
