package dev.matcalc.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Python for the tests: Debian's {@code /usr/bin/python3}, the one that sees Debian's numpy and torch. */
final class Python {
    static final Path DEBIAN = Path.of("/usr/bin/python3");

    private Python() { }

    record Run(int exit, String out, String err) { }

    static Run run(Path python, long timeoutSeconds, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("matcalc-py", ".out"), err = Files.createTempFile("matcalc-py", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "", "timed out after " + timeoutSeconds + " s");
            }
            Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            return new Run(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "", e.toString());
        }
    }

    /** Whether {@code python} exists and imports {@code module}. */
    static boolean has(Path python, String module) {
        return Files.isExecutable(python) && run(python, 120, "-c", "import " + module).exit() == 0;
    }
}
