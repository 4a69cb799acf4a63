package dev.matcalc.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Main registers only the subcommand a call names (a short call must not pay for building every
 * command); usage, `help` and a misspelled command still see them all.
 */
class SubcommandRegistrationTest {
    @Test
    void usageListsEveryCommand() {
        Cli r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("diff", "check", "minimize", "maximize", "solve", "serve", "repl", "help");
    }

    @Test
    void versionNeedsNoCommand() {
        Cli r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("matcalc ");
    }

    @Test
    void helpForACommandShowsThatCommandsOptions() {
        Cli r = Cli.run("help", "minimize");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--over").contains("--subject-to");
    }

    @Test
    void aMisspelledCommandIsBadInputAndSuggestsTheNearest() {
        Cli r = Cli.run("dif", "x", "--wrt", "x");
        assertThat(r.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("diff");
    }

    @Test
    void theNamedCommandRunsWithItsOwnOptions() {
        Cli r = Cli.run("check", "x'*x", "--wrt", "x", "--points", "2");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ok");
    }
}
