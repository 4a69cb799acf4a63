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
        // central differences of exp are never exact: a tolerance of 0 must fail
        Cli failed = Cli.run("check", "sum(exp(x))", "--tolerance", "0");
        assertThat(failed.exitCode()).isEqualTo(Main.CHECK_FAILED);
        assertThat(failed.out()).contains("FAILED");
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

    /** Issue 14: a symmetric variable's value must be symmetric; the answers were for no matrix at all. */
    @Test
    void symmetricVariableRejectsNonSymmetricValue_issue14() throws IOException {
        Path skewed = file("skewed.json", "{\"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}");
        String refused = "matcalc: A is declared symmetric(n) but its value is not symmetric: A[2,1] = 3 but A[1,2] = 2, "
                + "a difference of 1 (at most 1e-10 × max|A| = 4.0e-10 is allowed)";
        for (String order : new String[] {"1", "2"}) {
            Cli r = Cli.run("diff", "x'*A*x", "--wrt", "x", "--let", "A:symmetric(n)", "--order", order, "--at", skewed.toString());
            assertThat(r.exitCode()).as(r.out()).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err().strip()).isEqualTo(refused);
            assertThat(r.out()).doesNotContain("at the point");
        }
        Cli json = Cli.run("diff", "x'*A*x", "--wrt", "x", "--let", "A:symmetric(n)", "--format", "json", "--at", skewed.toString());
        assertThat(json.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(JSON.readTree(json.out()).at("/error/message").asText()).startsWith("A is declared symmetric(n)");

        Path symmetric = file("symmetric.json", "{\"x\": [1, 2], \"A\": [[1, 2], [2, 4]]}");
        Cli ok = Cli.run("diff", "x'*A*x", "--wrt", "x", "--let", "A:symmetric(n)", "--at", symmetric.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("# at the point, shape [2]: [10.0,20.0]");
        // undeclared, the same matrix is a plain one: its gradient is (A + A')x
        Cli plain = Cli.run("diff", "x'*A*x", "--wrt", "x", "--at", skewed.toString());
        assertThat(plain.out()).contains("[12.0,21.0]");
    }
}
