package dev.matcalc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What {@code minimize} prints: values to the digits the tolerance justifies in text, every digit
 * in JSON and files; errors that name the option (and the constraint) they came from; the kind of
 * a length-1 vector kept.
 */
class MinimizeOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Cli cli(String... args) {
        return Cli.run(args);
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in\n" + out));
    }

    @Test
    void digitsFollowTheTolerance() {
        assertThat(SolutionPrinter.digits(1e-6)).isEqualTo(8);
        assertThat(SolutionPrinter.digits(1e-9)).isEqualTo(11);
        assertThat(SolutionPrinter.digits(1e-3)).isEqualTo(6);
        assertThat(SolutionPrinter.digits(1e-20)).isEqualTo(15);
        assertThat(SolutionPrinter.number(0.5999999999, 8)).isEqualTo("0.6");
        assertThat(SolutionPrinter.number(-0.3935685411533772, 8)).isEqualTo("-0.39356854");
        assertThat(SolutionPrinter.number(5.191565862387482E-7, 8)).isEqualTo("5.1915659e-7");
        assertThat(SolutionPrinter.number(1234567.0, 8)).isEqualTo("1234567");
        assertThat(SolutionPrinter.number(0, 8)).isEqualTo("0");
    }

    @Test
    void theSimplexProjectionPrintsExactZerosAndJsonKeepsEveryDigit() throws IOException {
        String[] args = {"minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--subject-to", "sum(x) == 1",
                "--subject-to", "x >= 0", "--quiet"};
        Cli text = cli(args);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(line(text.out(), "x = ")).isEqualTo("x = [0, 1]");
        assertThat(line(text.out(), "objective: ")).isEqualTo("objective: 2");

        Path out = dir.resolve("x.json");
        String[] withJson = java.util.Arrays.copyOf(args, args.length + 4);
        withJson[args.length] = "--format";
        withJson[args.length + 1] = "json";
        withJson[args.length + 2] = "--out";
        withJson[args.length + 3] = out.toString();
        Cli json = cli(withJson);
        JsonNode x = JSON.readTree(json.out()).get("solution").get("x");
        assertThat(x.get(0).asDouble()).isEqualTo(0.0);
        assertThat(x.get(1).asDouble()).isCloseTo(1, within(1e-15));
        assertThat(JSON.readTree(Files.readString(out)).get("x").get(1).asDouble()).isEqualTo(x.get(1).asDouble());
    }

    @Test
    void textRoundsToTheToleranceWhileJsonKeepsFullPrecision() throws IOException {
        // min c'x on the unit ball: x = -c/‖c‖, whose entries have no short decimal form
        String[] args = {"minimize", "c'*x", "--over", "x", "--data", "c=[1,2,2.5]", "--subject-to", "x'*x <= 1", "--quiet"};
        Cli text = cli(args);
        assertThat(text.exitCode()).as(text.err()).isZero();
        double norm = Math.sqrt(1 + 4 + 6.25);
        String shown = line(text.out(), "x = ");
        assertThat(shown).isEqualTo("x = [" + SolutionPrinter.number(-1 / norm, 8) + ", " + SolutionPrinter.number(-2 / norm, 8)
                + ", " + SolutionPrinter.number(-2.5 / norm, 8) + "]");
        assertThat(shown.substring(5)).doesNotContainPattern("\\d{10}");

        String[] tight = java.util.Arrays.copyOf(args, args.length + 2);
        tight[args.length] = "--tolerance";
        tight[args.length + 1] = "1e-10";
        assertThat(line(cli(tight).out(), "x = ")).contains(SolutionPrinter.number(-1 / norm, 12));

        String[] json = java.util.Arrays.copyOf(args, args.length + 2);
        json[args.length] = "--format";
        json[args.length + 1] = "json";
        JsonNode x = JSON.readTree(cli(json).out()).get("solution").get("x");
        assertThat(x.get(0).asDouble()).isCloseTo(-1 / norm, within(1e-14));
        assertThat(x.get(0).asText().replace("-", "").replace(".", "").length()).as("all the digits").isGreaterThan(12);
    }

    @Test
    void aConstraintErrorNamesTheOptionAndTheConstraint() {
        Cli syntax = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--subject-to", "sum(x) == 1",
                "--subject-to", "x >= * 0");
        assertThat(syntax.exitCode()).isEqualTo(2);
        assertThat(syntax.err()).isEqualTo("matcalc: 1:6: --subject-to #2 \"x >= * 0\": expected an expression, found '*'\n"
                + "  x >= * 0\n"
                + "       ^\n");
        Cli comparison = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--subject-to", "sum(x) = 1");
        assertThat(comparison.err()).startsWith("matcalc: 1:8: --subject-to #1 \"sum(x) = 1\": '=' is not a comparison")
                .contains("  sum(x) = 1\n         ^");
        Cli shape = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--subject-to", "x <= M*x",
                "--data", "M=[[1,2],[3,4],[5,6]]");
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.err()).contains("--subject-to #1 \"x <= M*x\": ").contains("--data M=[[1,2],[3,4],[5,6]]")
                .contains("  x <= M*x\n       ^");
        Cli none = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--data", "b=[1,2]",
                "--subject-to", "b >= 0");
        assertThat(none.err()).contains("--subject-to #1 \"b >= 0\": ").contains("involves none of the variables");
    }

    @Test
    void valueErrorsNameTheirOption() {
        Cli start = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--start", "x=[1,2,3]");
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err()).contains("--data a=[1,2] is 2×1").contains("(from --start x=[1,2,3])");
        Cli data = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,2]", "--subject-to", "x == b", "--data", "b=[1,2,3]");
        assertThat(data.err()).contains("--data a=[1,2] is 2×1").contains("(from --data b=[1,2,3])");
        Cli notFinite = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[1,NaN]");
        assertThat(notFinite.exitCode()).isEqualTo(2);
        assertThat(notFinite.err()).contains("--data a=[1,NaN]");
    }

    @Test
    void aLengthOneVectorStaysAVector() throws IOException {
        Cli json = cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[3]", "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(JSON.readTree(json.out()).get("solution").get("x").isArray()).isTrue();
        assertThat(line(cli("minimize", "norm2(x - a)^2", "--over", "x", "--data", "a=[3]").out(), "x = ")).isEqualTo("x = [3]");
        // in a model file, an undeclared parameter takes its kind from the data too: [3] is a vector
        Path model = dir.resolve("m.geno");
        Files.writeString(model, "parameters\n  vector b\nvariables\n  vector x\nmin\n  norm2(x - b)^2 + c*sum(x)\n");
        Cli scalar = cli("solve", model.toString(), "--data", "b=[1]", "--data", "c=3");
        assertThat(scalar.exitCode()).as(scalar.err()).isZero();
        assertThat(line(scalar.out(), "x = ")).isEqualTo("x = [-0.5]");
        Cli vector = cli("solve", model.toString(), "--data", "b=[1]", "--data", "c=[3]");
        assertThat(vector.exitCode()).isEqualTo(2);
        assertThat(vector.err()).contains("the objective must be a scalar, but it is a vector");
    }
}
