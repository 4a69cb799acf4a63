package dev.matcalc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code diff --at}: the values' kinds type the variables that are not declared, whatever their letters. */
class AtValueKindsTest {
    @TempDir
    Path dir;

    private String at(String json) throws IOException {
        return Files.writeString(dir.resolve("at.json"), json).toString();
    }

    @Test
    void aNumberTypesAVectorLetterAsAScalar() throws IOException {
        Cli r = Cli.run("diff", "lam*x'*x", "--wrt", "x", "--at", at("{\"lam\": 0.5, \"x\": [1, 2, 3]}"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("# lam: scalar (inferred), x: vector(n) (inferred)")
                .contains("# gradient of a scalar (1×1) w.r.t. x (n×1), numerator layout: 1×n")
                .contains("\n2*lam*x'\n")
                .contains("# at the point, shape [3]: [1.0,2.0,3.0]")     // 2·0.5·x
                .contains("# value at the point: 7.0");                    // 0.5·(1 + 4 + 9)
    }

    @Test
    void aListTypesAScalarLetterAsAVector() throws IOException {
        Cli r = Cli.run("diff", "b'*x", "--wrt", "x", "--at", at("{\"b\": [1, 2, 3], \"x\": [1, 1, 2]}"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("# b: vector(n) (inferred), x: vector(n) (inferred)")
                .contains("# at the point, shape [3]: [1.0,2.0,3.0]")
                .contains("# value at the point: 9.0");
    }

    @Test
    void aValueContradictingADeclarationIsAnInputError() throws IOException {
        Cli r = Cli.run("diff", "lam*x'*x", "--wrt", "x", "--let", "lam:vector(n)",
                "--at", at("{\"lam\": 0.5, \"x\": [1, 2, 3]}"));
        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).isEqualTo("matcalc: 1:1: lam is declared vector(n), but the value given for lam is a scalar\n"
                + "  lam*x'*x\n  ^^^\n");
    }
}
