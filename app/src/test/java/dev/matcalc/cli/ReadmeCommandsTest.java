package dev.matcalc.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code $ ...} line of the README's code blocks runs through bash as a reader would paste it
 * (issue 14, item 6: unquoted parentheses were a bash syntax error), and what it prints is compared
 * with the lines the README shows under it. A line {@code ...} in the README stands for any number
 * of lines. {@code ./matcalc} is a stand-in script that starts the CLI on the test classpath (the
 * real launcher would build the project from inside its own test run); the commands of one block
 * run in order in one fresh directory, so a file written by one is read by the next.
 */
class ReadmeCommandsTest {
    record Command(String line, List<String> expected) { }

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> readmeCommandsRunAsWrittenInBash_issue14() throws IOException {
        List<List<Command>> blocks = blocks(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(blocks.stream().mapToInt(List::size).sum()).as("commands found in the README").isGreaterThan(5);
        List<DynamicTest> tests = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Path blockDir = dir.resolve("block" + b);
            for (Command c : blocks.get(b))
                tests.add(DynamicTest.dynamicTest(c.line(), () -> check(blockDir, c)));
        }
        return tests.stream();
    }

    private static void check(Path blockDir, Command c) throws Exception {
        Files.createDirectories(blockDir);
        writeLauncher(blockDir);
        Process syntax = new ProcessBuilder("bash", "-n", "-c", c.line()).redirectErrorStream(true).start();
        String syntaxOut = new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(syntax.waitFor()).as("bash -n on: %s%n%s", c.line(), syntaxOut).isZero();

        Process p = new ProcessBuilder("bash", "-c", c.line()).directory(blockDir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished: %s", c.line()).isTrue();
        List<String> actual = out.lines().map(ReadmeCommandsTest::stripEnd).toList();
        assertThat(matches(c.expected(), actual))
                .as("README shows for `%s`:%n%s%n%nbut it printed:%n%s", c.line(), String.join("\n", c.expected()), out)
                .isTrue();
    }

    /** {@code ./matcalc} in the block's directory: the CLI on this test run's classpath and JDK. */
    private static void writeLauncher(Path blockDir) throws IOException {
        Path launcher = blockDir.resolve("matcalc");
        if (Files.exists(launcher)) return;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "#!/usr/bin/env bash\nexec '" + java + "' -Xss16m -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' dev.matcalc.cli.Main \"$@\"\n";
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The README's fenced blocks that hold {@code $ } commands, each command with the lines under it. */
    static List<List<Command>> blocks(List<String> readme) {
        List<List<Command>> blocks = new ArrayList<>();
        List<Command> block = null;
        String line = null;
        List<String> expected = new ArrayList<>();
        for (String raw : readme) {
            if (raw.startsWith("```")) {
                if (block == null) {
                    block = new ArrayList<>();
                    continue;
                }
                if (line != null) block.add(new Command(line, expected));
                if (!block.isEmpty()) blocks.add(block);
                block = null;
                line = null;
                expected = new ArrayList<>();
                continue;
            }
            if (block == null) continue;
            if (raw.startsWith("$ ")) {
                if (line != null) block.add(new Command(line, expected));
                line = raw.substring(2);
                expected = new ArrayList<>();
            } else if (line != null) {
                expected.add(stripEnd(raw));
            }
        }
        return blocks;
    }

    /** Line-wise match where a line that is only {@code ...} (indented or not) matches any run of lines. */
    static boolean matches(List<String> expected, List<String> actual) {
        boolean[][] ok = new boolean[expected.size() + 1][actual.size() + 1];
        ok[expected.size()][actual.size()] = true;
        for (int e = expected.size() - 1; e >= 0; e--) {
            boolean wildcard = expected.get(e).strip().equals("...");
            for (int a = actual.size(); a >= 0; a--) {
                ok[e][a] = wildcard
                        ? ok[e + 1][a] || (a < actual.size() && ok[e][a + 1])
                        : a < actual.size() && expected.get(e).equals(actual.get(a)) && ok[e + 1][a + 1];
            }
        }
        return ok[0][0];
    }

    private static String stripEnd(String s) {
        return s.stripTrailing();
    }
}
