package dev.matcalc.explain;

import dev.matcalc.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's full {@code --steps} output for the notes' worked examples, pinned in
 * {@code src/test/resources/golden/steps}. Run with {@code -Dgolden.update=true} to rewrite the
 * files after an intended change (then read the diff).
 */
class GoldenDerivationTest {
    static final java.util.List<WorkedExamples> EXAMPLES = WorkedExamples.ALL;
    private static final Path DIR = Path.of("core/src/test/resources/golden/steps");

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void textOutputMatchesGolden(WorkedExamples example) throws IOException {
        check(example.name() + ".txt", run(example.cli()));
    }

    @ParameterizedTest
    @FieldSource("EXAMPLES")
    void latexOutputMatchesGolden(WorkedExamples example) throws IOException {
        String latex = run(example.cli("--format", "latex"));
        assertThat(latex).contains("\\begin{align*}").contains("\\end{align*}");
        assertThat(latex.chars().filter(c -> c == '{').count()).isEqualTo(latex.chars().filter(c -> c == '}').count());
        check(example.name() + ".tex", latex);
    }

    static String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static void check(String file, String actual) throws IOException {
        Path golden = DIR.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (run with -Dgolden.update=true to create it)", golden).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
