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

    /** d/dx 99 = 0: the notes' first rule, for a declared x the expression does not mention. */
    @Test
    void constantRule_declaredVariableNotOccurring_issue14() throws IOException {
        Cli r = Cli.run("diff", "99", "--wrt", "x", "--let", "x:scalar");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                # 99
                # x: scalar (declared)
                # x does not occur in the expression: the derivative by x is zero
                # derivative of a scalar (1×1) w.r.t. x (1×1), numerator layout: 1×1
                0
                """);
        for (String layout : new String[]{"numerator", "denominator", "mixed"}) {
            Cli shaped = Cli.run("diff", "a*y", "--wrt", "x", "--let", "x:vector(n)", "--layout", layout);
            assertThat(shaped.exitCode()).as(shaped.err()).isZero();
            assertThat(shaped.out()).contains("# a: scalar (inferred), y: vector(m) (inferred), x: vector(n) (declared)\n"
                    + "# x does not occur in the expression: the derivative by x is zero\n")
                    .contains("Jacobian of a vector (m×1) w.r.t. x (n×1), " + layout + " layout: "
                            + (layout.equals("denominator") ? "n×m" : "m×n"))
                    .endsWith("\n0*matrix(1)\n");
        }
        Path at = file("at.json", "{\"a\": 2, \"y\": [1, 2], \"x\": [1, 2, 3]}");
        Cli numbers = Cli.run("diff", "a*y", "--wrt", "x", "--let", "x:vector(n)", "--at", at.toString());
        assertThat(numbers.out()).as(numbers.err()).contains("# at the point, shape [2, 3]: [[0.0,0.0,0.0],[0.0,0.0,0.0]]");
        Cli check = Cli.run("check", "a*y", "--wrt", "x", "--let", "x:vector(n)");
        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(Main.OK);
        Cli code = Cli.run("diff", "99", "--wrt", "x", "--let", "x:vector(n)", "--format", "numpy");
        assertThat(code.out()).as(code.err()).contains("def fAndG(x):").contains("gradient = np.zeros(n)");

        Cli undeclared = Cli.run("diff", "99", "--wrt", "x");
        assertThat(undeclared.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(undeclared.err()).startsWith("matcalc: 'x' does not occur in the expression");
    }

    /** {@code @FILE} is the file's whole text as the expression: picocli must not split it into arguments. */
    @Test
    void atFile_readsTheWholeFileAsTheExpression_issue14() throws IOException {
        Path quadratic = file("f.txt", "x'*A*x");
        Cli r = Cli.run("diff", "@" + quadratic, "--wrt", "x");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Cli.run("diff", "x'*A*x", "--wrt", "x").out());

        // definitions, newlines (CRLF too), # comments, quotes and spaces, as a program file holds them
        Path program = file("program.txt", "# the Gram matrix's trace, 'quoted' words\r\nY = X'*X   # Y is symmetric\r\n\ntr(Y)\n");
        Cli diff = Cli.run("diff", "@" + program, "--wrt", "X", "--layout", "mixed");
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).startsWith("# Y = X'*X; tr(Y)\n").endsWith("\n2*X\n");
        Cli check = Cli.run("check", "@" + program, "--wrt", "X");
        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(Main.OK);
        assertThat(check.out()).contains("d/d(X): 2*X'").contains("ok");

        Path missing = dir.resolve("missing.txt");
        for (String command : new String[]{"diff", "check"}) {
            Cli absent = Cli.run(command, "@" + missing, "--wrt", "x");
            assertThat(absent.exitCode()).isEqualTo(Main.BAD_INPUT);
            assertThat(absent.err()).isEqualTo("matcalc: cannot read the expression from " + missing + ": no such file\n");
        }
        Cli directory = Cli.run("diff", "@" + dir, "--wrt", "x");
        assertThat(directory.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(directory.err()).contains("cannot read the expression from " + dir + ": it is a directory");
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[]{(byte) 0xff, (byte) 0xfe, 0});
        assertThat(Cli.run("diff", "@" + binary).err()).contains("cannot read the expression from " + binary + ": it is not UTF-8 text");
        // read no further than an expression could reach: a huge file (or /dev/zero) is refused, not loaded
        Path huge = file("huge.txt", "x+".repeat(200_001) + "x");
        assertThat(Cli.run("diff", "@" + huge).err()).contains("the expression in " + huge + " is too long");
        Cli json = Cli.run("diff", "@" + missing, "--format", "json");
        assertThat(json.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(JSON.readTree(json.out()).at("/error/message").asText()).contains(missing.toString()).contains("no such file");
    }
}
