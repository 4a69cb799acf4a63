package dev.matcalc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages for the mistakes people make most: a count written as an uppercase name, another tool's
 * function names, a misspelt type in --let, an implicit product, malformed JSON in --at; and --at
 * given inline.
 */
class FrontEndMessagesTest {
    @TempDir
    Path dir;

    private static String error(String... args) {
        Cli r = Cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        return r.err();
    }

    @Test
    void dividingByAnUndeclaredMatrixSuggestsDeclaringItAScalarAndUnderlinesIt() {
        assertThat(error("diff", "sum(x)/N", "--wrt", "x")).isEqualTo("""
                matcalc: 1:8: cannot divide by N (m×k), inferred to be a matrix as it is not declared; if N is a number, declare it: --let N:scalar (in the REPL: let N: scalar)
                  sum(x)/N
                         ^
                """);
        // and the suggestion is right: declared a scalar, the same input differentiates
        Cli ok = Cli.run("diff", "sum(x)/N", "--wrt", "x", "--let", "N:scalar");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("N: scalar (declared)").endsWith("/N\n");
    }

    @Test
    void dividingByADeclaredOrComputedMatrixStillPointsAtElementWiseDivision() {
        assertThat(error("diff", "sum(x)/N", "--wrt", "x", "--let", "N:matrix(n,n)"))
                .contains("cannot divide by a matrix N (n×n); use ./ for element-wise division");
        assertThat(error("diff", "x/(A*B)", "--wrt", "x")).contains("use ./ for element-wise division");
    }

    @Test
    void otherToolsFunctionNamesSuggestMatcalcs() {
        assertThat(error("diff", "inverse(X)", "--wrt", "X")).startsWith("matcalc: 1:1: unknown function 'inverse'; did you mean 'inv'?");
        assertThat(error("diff", "norm(x)", "--wrt", "x")).startsWith("matcalc: 1:1: unknown function 'norm'; did you mean 'norm2'?");
        assertThat(error("diff", "trace(X)", "--wrt", "X")).contains("did you mean 'tr'?");
        // a suggestion is a working name
        assertThat(Cli.run("diff", "norm2(x)", "--wrt", "x").exitCode()).isZero();
        assertThat(Cli.run("diff", "inv(X)", "--wrt", "X").exitCode()).isZero();
    }

    @Test
    void misspeltTypeInLetSaysSoAndUnderlinesTheType() {
        assertThat(error("diff", "x'*A*x", "--wrt", "x", "--let", "A:symetric(n)")).isEqualTo("""
                matcalc: in --let: unknown type 'symetric'; did you mean 'symmetric'? The types are scalar, vector(n), matrix(m,n) or symmetric(n)
                  A:symetric(n)
                    ^^^^^^^^
                """);
    }

    @Test
    void letErrorsInJsonCarryNoExpressionPosition() throws Exception {
        Cli r = Cli.run("diff", "x'*x", "--wrt", "x", "--let", "x:vectr(n)", "--format", "json");
        JsonNode error = new ObjectMapper().readTree(r.out()).get("error");
        assertThat(error.get("line").asInt()).isZero();
        assertThat(error.get("message").asText()).contains("did you mean 'vector'?");
    }

    @Test
    void aNumberBeforeANameIsAProductToWriteWithAStar() {
        assertThat(error("diff", "y + 2x", "--wrt", "x")).isEqualTo("""
                matcalc: 1:5: '2x' is not a product: write 2*x (multiplication is always written with *)
                  y + 2x
                      ^^
                """);
        assertThat(error("diff", "sin(3(x + 1))", "--wrt", "x")).contains("'3(' is not a product: write 3*(");
        // with a space it is not taken for a product: the usual message
        assertThat(error("diff", "2 x", "--wrt", "x")).contains("expected an operator");
    }

    @Test
    void invalidJsonInAtIsToldInOurWordsWithLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"x\": [1, 2\n");
        String err = error("diff", "x'*x", "--wrt", "x", "--at", bad.toString());
        assertThat(err).isEqualTo("matcalc: " + bad + ": invalid JSON, line 2, column 1: the input ends before the array opened at line 1, column 7 is closed by ']'\n");
        assertThat(err).doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("StreamReadFeature").doesNotContain("marker");
        assertThat(error("diff", "x'*x", "--wrt", "x", "--at", "{'x': [1, 2]}"))
                .isEqualTo("matcalc: --at: invalid JSON, line 1, column 2: names are written in double quotes (\"x\"), not single ones\n");
        assertThat(error("diff", "x'*x", "--wrt", "x", "--at", "{\"x\": [1 2]}"))
                .isEqualTo("matcalc: --at: invalid JSON, line 1, column 10: expected ',' or ']' in an array, found '2'\n");
        assertThat(error("diff", "x'*x", "--wrt", "x", "--at", "{\"x\": [1, 2]} 3")).contains("more text after the end of the JSON value");
    }

    @Test
    void atTakesInlineJsonAsTheReplAndTheApiDo(@TempDir Path d) throws Exception {
        Cli inline = Cli.run("diff", "x'*A*x", "--wrt", "x", "--at", "{\"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}");
        assertThat(inline.exitCode()).as(inline.err()).isZero();
        assertThat(inline.out()).contains("# at the point, shape [2]: [12.0,21.0]").contains("# value at the point: 27.0");
        Path file = d.resolve("point.json");
        Files.writeString(file, "{\"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}");
        Cli fromFile = Cli.run("diff", "x'*A*x", "--wrt", "x", "--at", file.toString());
        assertThat(fromFile.out()).isEqualTo(inline.out());
        assertThat(error("diff", "x'*x", "--wrt", "x", "--at", d.resolve("none.json").toString()))
                .contains("no such file (--at takes a JSON file or inline JSON");
    }

    @Test
    void hessianByAMatrixNamesTheGradientItDifferentiates() {
        Cli r = Cli.run("diff", "norm2(T - U*V')^2", "--wrt", "U", "--order", "2");
        assertThat(r.out()).contains("shown as its differential d(∂f/∂U) (layout-free)");
        Cli third = Cli.run("diff", "x'*x*x", "--wrt", "x", "--order", "3");
        assertThat(third.out()).contains("d(∂²f/∂x∂x)");
    }

    @Test
    void compoundDimensionsArePrintedInParentheses() {
        assertThat(error("diff", "x'*[x;y]", "--wrt", "x"))
                .contains("cannot multiply x' (1×n) by [x;y] ((n+m)×1): inner dimensions n and n+m differ");
    }

    @Test
    void helperNamesAvoidAUserVariableTheyCouldBeReadAsAnEntryOf() {
        Cli r = Cli.run("diff", "-t'*log(softmax(x))", "--wrt", "x", "--order", "2", "--layout", "mixed");
        assertThat(r.out()).doesNotContain("t0").contains("s0 = softmax(x)").contains("sum(t)*(diag(s0) - s0*s0')");
        Cli without = Cli.run("diff", "-y'*log(softmax(x))", "--wrt", "x", "--order", "2", "--layout", "mixed");
        assertThat(without.out()).contains("t0 = softmax(x)");
    }
}
