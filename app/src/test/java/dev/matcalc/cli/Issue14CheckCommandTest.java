package dev.matcalc.cli;

import dev.matcalc.bench.ScalingFamilies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 5: {@code check} never says ok when it compared nothing, nor FAILED when the
 * answer is right. The nested family Y_j = Y_(j-1)'*A_j*Y_(j-1), tr(Y_k), is a polynomial of degree
 * 2^k: at k = 11 central differences were off by 3.5e-4 (FAILED on a right answer), at k = 64 every
 * value under- or overflowed and the comparison of zeros said "0.00 ... ok".
 */
class Issue14CheckCommandTest {
    private static Cli check(String expr, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "check";
        args[1] = expr;
        args[2] = "--wrt=X";
        System.arraycopy(more, 0, args, 3, more.length);
        return Cli.run(args);
    }

    @Test
    void issue14_nestedFamilyAtDepth11SaysOk() {
        Cli r = check(ScalingFamilies.NESTED_DEFINITIONS.source(11));
        assertThat(r.exitCode()).as(r.out()).isEqualTo(Main.OK);
        assertThat(r.out().strip()).endsWith("over 5 points (tolerance 1.00e-06): ok").doesNotContain("FAILED");
    }

    @Test
    void issue14_nestedFamilyAtDepth64CouldNotBeChecked() {
        Cli r = check(ScalingFamilies.NESTED_DEFINITIONS.source(64));
        assertThat(r.exitCode()).as(r.out()).isEqualTo(Main.CHECK_FAILED);
        assertThat(r.err()).isEmpty();
        String verdict = r.out().lines().toList().getLast();
        assertThat(verdict).doesNotContain("FAILED").doesNotContain("ok").doesNotContain("max relative error")
                .startsWith("  could not check at any of the 5 points: of ")
                .containsPattern("\\d+ (overflow beyond ±1.8e308|underflow below 2.2e-308)")
                .contains("nothing meaningful to compare", "rescaled form", "shallower one");
    }

    @Test
    void issue14_expTowerSaysOk() {
        Cli r = check("exp(exp(exp(exp(sum(X)))))");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(Main.OK);
        assertThat(r.out().strip()).endsWith("ok");
    }

    /**
     * The reference is accurate to 1e-12 or better here: a tolerance of 1e-10, far below the 3.7e-6
     * that central differences were off by, is now meaningful, and met.
     */
    @Test
    void issue14_aTightToleranceIsMetWhereTheReferenceIsExact() {
        Cli r = check("exp(exp(exp(exp(sum(X)))))", "--tolerance", "1e-10", "--points", "10");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(Main.OK);
    }

    /** A NaN tolerance made every comparison pass (error > NaN is false); a negative one failed 0. */
    @Test
    void issue14_aToleranceThatMeansNothingIsBadInput() {
        for (String tolerance : new String[]{"NaN", "-1", "Infinity"}) {
            Cli r = check("sum(exp(X))", "--tolerance", tolerance);
            assertThat(r.exitCode()).as(tolerance).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).contains("the tolerance must be a finite number, 0 or more, got " + tolerance);
            assertThat(r.out()).doesNotContain("ok").doesNotContain("FAILED");
        }
    }
}
