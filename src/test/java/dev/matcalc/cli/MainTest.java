package dev.matcalc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end: exit codes, output formats, and error messages with positions. */
class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void diffPrintsValidInputAndExitsZero() {
        Cli r = Cli.run("diff", "x'*A*x", "--wrt", "x", "--let", "A:symmetric(n)");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("# gradient of a scalar").contains("2*x'*A");
    }

    @Test
    void checkExitsZeroWhenTheDerivativeMatchesAndOneWhenTheToleranceCannotBeMet() {
        Cli ok = Cli.run("check", "sum(log(1 + exp(-y.*(X*w))))", "--wrt", "w", "--let", "X:matrix(m,n)");
        assertThat(ok.exitCode()).as(ok.out()).isEqualTo(Main.OK);
        assertThat(ok.out()).contains("ok");
        // doubles cannot confirm a relative error of 0: exit 1, saying so, without calling the answer wrong
        Cli unconfirmed = Cli.run("check", "sum(exp(x))", "--tolerance", "0");
        assertThat(unconfirmed.exitCode()).isEqualTo(Main.CHECK_FAILED);
        assertThat(unconfirmed.out()).contains("could not check").doesNotContain("FAILED");
        Cli hessian = Cli.run("check", "x'*A*x", "--wrt", "x", "--order", "2", "--layout", "mixed");
        assertThat(hessian.exitCode()).isEqualTo(Main.OK);
    }

    @Test
    void badInputExitsTwo() {
        assertThat(Cli.run("diff", "x +").exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run("diff").exitCode()).isEqualTo(Main.BAD_INPUT);                   // missing EXPR
        assertThat(Cli.run("diff", "x", "--no-such-option").exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(Cli.run("check", "x'*x", "--points", "0").exitCode()).isEqualTo(Main.BAD_INPUT);
    }

    @Test
    void jsonHasTheAnswersParts() throws IOException {
        Cli r = Cli.run("diff", "x'*A*x", "--wrt", "x", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode answer = JSON.readTree(r.out());
        assertThat(answer.get("expression").asText()).isEqualTo("x'*A*x");
        assertThat(answer.get("variables").has("x")).isTrue();
        assertThat(answer.get("variables").get("A").get("shape").asText()).isEqualTo("matrix(n,n)");
        JsonNode d = answer.get("derivatives").get(0);
        assertThat(d.get("text").asText()).isEqualTo("x'*(A + A')");
        assertThat(d.get("latex").asText()).contains("x^\\top");
        assertThat(d.get("matrixShape").asText()).isEqualTo("1×n");
        assertThat(d.has("value")).isFalse();
    }

    @Test
    void jsonWithAPointHasValuesAndIntegerShapes() throws IOException {
        Path at = file("at.json", "{\"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}");
        Cli r = Cli.run("diff", "x'*A*x", "--wrt", "x", "--format", "json", "--at", at.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode answer = JSON.readTree(r.out());
        assertThat(answer.get("functionValue").get("value").asDouble()).isEqualTo(27.0);  // [1 2]·[[1 2][3 4]]·[1 2]'
        JsonNode d = answer.get("derivatives").get(0);
        assertThat(d.get("shape").isArray()).isTrue();
        assertThat(d.get("shape").get(0).isInt()).isTrue();
        assertThat(d.get("shape").get(0).asInt()).isEqualTo(2);
        // (A + A')x = [[2 5][5 8]]·[1 2]' = [12, 21]
        assertThat(d.get("value").get(0).asDouble()).isEqualTo(12.0);
        assertThat(d.get("value").get(1).asDouble()).isEqualTo(21.0);
    }
}
