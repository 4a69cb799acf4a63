package dev.matcalc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden error messages: position, the source line and a caret under the culprit; exit code 2; no stack trace. */
class ErrorMessagesTest {
    @TempDir
    Path dir;

    private static String error(String... args) {
        Cli r = Cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        return r.err();
    }

    @Test
    void shapeErrorPointsAtTheProduct() {
        assertThat(error("diff", "A*x", "--let", "A:matrix(n,m)", "--let", "x:vector(k)")).isEqualTo("""
                matcalc: 1:1: cannot multiply A (n×m) by x (k×1): inner dimensions m and k differ
                  A*x
                  ^^^
                """);
    }

    @Test
    void unknownFunctionSuggestsTheNearestName() {
        assertThat(error("diff", "expp(x)")).isEqualTo("""
                matcalc: 1:1: unknown function 'expp'; did you mean 'exp'?
                  expp(x)
                  ^^^^
                """);
        assertThat(error("diff", "x'*A*x + sum(exp(W*x + b)) - tarce(A)")).startsWith("matcalc: 1:30: unknown function 'tarce'");
    }

    @Test
    void badLet() {
        assertThat(error("diff", "x'*x", "--let", "x")).isEqualTo("matcalc: --let x: expected NAME:SHAPE, e.g. A:matrix(n,n)\n");
        assertThat(error("diff", "x'*x", "--let", "x:vectr(n)"))
                .contains("in --let: unknown type 'vectr'; did you mean 'vector'? The types are scalar, vector(n), matrix(m,n) or symmetric(n)");
        assertThat(error("diff", "x'*x", "--let", "x:tensor(n)"))
                .contains("in --let: unknown type 'tensor'; expected scalar, vector(n), matrix(m,n) or symmetric(n)");
    }

    @Test
    void badLayout() {
        assertThat(error("diff", "x'*x", "--layout", "diagonal"))
                .isEqualTo("matcalc: unknown layout 'diagonal'; use numerator, denominator or mixed\n");
    }

    @Test
    void missingValuesFile() {
        Path missing = dir.resolve("missing.json");
        assertThat(error("diff", "x'*x", "--at", missing.toString()))
                .isEqualTo("matcalc: cannot read values file " + missing + ": no such file (--at takes a JSON file or inline JSON such as '{\"x\": [1, 2]}')\n");
    }

    @Test
    void malformedValues() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"x\": [1, 2\n");
        assertThat(error("diff", "x'*x", "--at", bad.toString()))
                .isEqualTo("matcalc: " + bad + ": invalid JSON, line 2, column 1: the input ends before the array opened at line 1, column 7 is closed by ']'\n");
        Path notAnObject = Files.writeString(dir.resolve("list.json"), "[1, 2]");
        assertThat(error("diff", "x'*x", "--at", notAnObject.toString()))
                .contains("expected a JSON object mapping variable names to values");
        Path ragged = Files.writeString(dir.resolve("ragged.json"), "{\"A\": [[1, 2], [3]]}");
        assertThat(error("diff", "sum(A)", "--at", ragged.toString())).startsWith("matcalc: ");
    }

    @Test
    void jsonFormatReportsErrorsAsAnObjectOnStdout() throws IOException {
        Cli r = Cli.run("diff", "A*x", "--let", "A:matrix(n,m)", "--let", "x:vector(k)", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        JsonNode error = new ObjectMapper().readTree(r.out()).get("error");
        assertThat(error.get("message").asText()).isEqualTo("cannot multiply A (n×m) by x (k×1): inner dimensions m and k differ");
        assertThat(error.get("line").asInt()).isEqualTo(1);
        assertThat(error.get("column").asInt()).isEqualTo(1);
        Cli unknown = Cli.run("diff", "x + expp(x)", "--format", "json");
        JsonNode e2 = new ObjectMapper().readTree(unknown.out()).get("error");
        assertThat(e2.get("column").asInt()).isEqualTo(5);
        assertThat(e2.get("message").asText()).contains("did you mean 'exp'");
    }

    @Test
    void unsupportedDerivativeIsBadInputNotACrash() {
        assertThat(error("diff", "sum([x; W*y].^2)", "--wrt", "y", "--let", "x:vector(n)", "--let", "y:vector(n)"))
                .contains("block literal");
    }
}
