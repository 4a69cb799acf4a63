package dev.matcalc.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside a function's domain the CLI gives a clear error or says NaN, never a number that looks
 * right: log of a negative number, inv or logdet of a singular matrix, det of a non-square one,
 * NaN and infinities in {@code --at} data.
 */
class NumericDomainTest {
    @TempDir
    Path dir;

    @Test
    void logOfANegativeNumberIsNaNAndSoIsItsDerivative() throws Exception {
        // the formula 1./x gives -1 at x = -1, but log is not defined there: the derivative is not either
        Cli r = Cli.run("diff", "sum(log(x))", "--wrt", "x", "--at", Cli.values(dir, "{\"x\": [-1, 2]}"));
        assertThat(r.code()).isZero();
        assertThat(r.output()).contains("# value at the point: \"NaN\"").contains("[\"NaN\",\"NaN\"]").doesNotContain("-1.0");
    }

    @Test
    void theJsonAnswerSaysNaNToo() throws Exception {
        Cli r = Cli.run("diff", "logdet(A)", "--wrt", "A", "--format", "json",
                "--at", Cli.values(dir, "{\"A\": [[-1, 0], [0, 2]]}"));
        assertThat(r.code()).isZero();
        assertThat(r.output()).contains("\"NaN\"").doesNotContain("-1.0,");
    }

    @Test
    void inverseOfASingularMatrixIsAClearError() throws Exception {
        Cli r = Cli.run("diff", "sum(inv(A))", "--wrt", "A", "--at", Cli.values(dir, "{\"A\": [[1, 2], [2, 4]]}"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output()).contains("singular").doesNotContain("Exception");
    }

    @Test
    void logdetOfASingularMatrixIsNaNAndSoIsItsDerivative() throws Exception {
        // log det of a singular matrix is documented NaN; the derivative inv(A)' is not defined there either
        Cli r = Cli.run("diff", "logdet(A)", "--wrt", "A", "--at", Cli.values(dir, "{\"A\": [[1, 2], [2, 4]]}"));
        assertThat(r.code()).isZero();
        assertThat(r.output()).contains("# value at the point: \"NaN\"").contains("[[\"NaN\",\"NaN\"],[\"NaN\",\"NaN\"]]");
    }

    @Test
    void detOfANonSquareMatrixIsAPositionedError() {
        Cli r = Cli.run("diff", "det(A)", "--wrt", "A", "--let", "A:matrix(2,3)");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.output()).contains("1:1: det needs a square matrix");
    }

    @Test
    void nanAndInfinitiesInValuesAreRejectedByEntry() throws Exception {
        for (String bad : new String[]{"NaN", "Infinity", "-Infinity", "1e999"}) {
            Cli r = Cli.run("diff", "sum(x)", "--wrt", "x", "--at", Cli.values(dir, "{\"x\": [1, " + bad + "]}"));
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.output()).as(bad).contains("x[2] is not a finite number").doesNotContain("JsonReadFeature");
        }
    }
}
