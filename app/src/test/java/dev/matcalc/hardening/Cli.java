package dev.matcalc.hardening;

import dev.matcalc.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its exit code and everything it printed. */
record Cli(int code, String output) {
    static synchronized Cli run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try {
            System.setOut(sink);
            System.setErr(sink);
            return new Cli(Main.run(args), captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** A values file holding {@code json}, for {@code --at}. */
    static String values(Path dir, String json) throws IOException {
        Path f = Files.createTempFile(dir, "values", ".json");
        Files.writeString(f, json);
        return f.toString();
    }
}
