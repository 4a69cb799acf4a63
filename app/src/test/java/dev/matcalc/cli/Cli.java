package dev.matcalc.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link Main#run} with stdout and stderr captured (picocli writes to System.out/err). */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Cli result = new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        result.assertNoStackTrace();
        return result;
    }

    /** Whatever happens, a user never sees a Java stack trace or exception name. */
    void assertNoStackTrace() {
        for (String stream : new String[]{out, err}) {
            assertThat(stream).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }
}
