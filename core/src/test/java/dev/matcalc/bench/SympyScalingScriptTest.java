package dev.matcalc.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A smoke run of SymPy's side of the scaling benchmark ({@code bench/sympy_scaling.py}, shallow
 * depths only): every family builds and differentiates, and each line reads as bench/scaling.sh
 * expects. Skipped, saying why, where Debian's python3 lacks SymPy.
 */
class SympyScalingScriptTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void everyFamilyIsDifferentiatedBySympy() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run("-c", "import sympy").exit == 0,
                "/usr/bin/python3 lacks SymPy (apt-get install python3-sympy)");
        Run r = run("bench/sympy_scaling.py", "--ks", "1,2", "--timeout", "60");
        assertThat(r.exit).as(r.out).isZero();
        List<String[]> rows = r.out.lines().filter(l -> !l.startsWith("#")).map(l -> l.split("\t")).toList();
        assertThat(rows).extracting(c -> c[0] + " " + c[1]).containsExactly(
                Arrays.stream(ScalingFamilies.values()).flatMap(f -> List.of(f + " 1", f + " 2").stream()).toArray(String[]::new));
        for (String[] row : rows) {
            ScalingFamilies family = ScalingFamilies.valueOf(row[0]);
            assertThat(Double.parseDouble(row[2])).as(String.join(" ", row)).isPositive();
            assertThat(Integer.parseInt(row[3])).as(String.join(" ", row)).isPositive();
            if (family.hessian()) assertThat(Integer.parseInt(row[4])).as(String.join(" ", row)).isPositive();
            else assertThat(row[4]).isEqualTo("-");
        }
    }

    private record Run(int exit, String out) { }

    private static Run run(String... args) throws Exception {
        Path out = Files.createTempFile("sympy-scaling", ".out");
        try {
            Process p = new ProcessBuilder(java.util.stream.Stream.concat(java.util.stream.Stream.of(PYTHON.toString()),
                    Arrays.stream(args)).toList()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
