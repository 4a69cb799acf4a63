package dev.matcalc.hardening;

import dev.matcalc.MatCalc;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import dev.matcalc.cli.Main;
import dev.matcalc.syntax.SourceError;
import dev.matcalc.testing.RandomExpressions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutational fuzzing of the parser and typer ({@link MatCalc#parse}), the service
 * ({@link Service#derive}, behind the CLI's JSON and the HTTP API) and the CLI ({@link Main#run}).
 * Inputs are valid random expressions, mutated. The only outcomes allowed: a result, or a
 * {@link SourceError} (with a position when the parser or typer raises it); no other exception,
 * no StackOverflowError, no hang (each case has a time limit). Case i uses seed + i; replay one with
 * {@code -Dmatcalc.fuzz.seed=S -Dmatcalc.fuzz.cases=1}.
 */
class MalformedInputFuzzTest {
    private static final long SEED = Long.getLong("matcalc.fuzz.seed", 20261126L);
    private static final int CASES = Integer.getInteger("matcalc.fuzz.cases", 2000);
    /** Generous: a case takes well under a millisecond, but the machine may be busy. */
    private static final long TIMEOUT_MS = 10_000;
    private static final Map<String, String> LETS = lets();

    @Test
    void mutatedExpressionsEndInAResultOrAPositionedError() {
        List<String> failures = new ArrayList<>();
        int parsed = 0, rejected = 0, served = 0, cli = 0;
        long start = System.nanoTime();
        try (Outcomes outcomes = new Outcomes(TIMEOUT_MS)) {
            for (int i = 0; i < CASES && failures.size() < 20; i++) {
                long seed = SEED + i;
                SplittableRandom rng = new SplittableRandom(seed);
                RandomExpressions gen = new RandomExpressions(rng);
                String input = new Mutator(rng).mutate(gen.next(1 + rng.nextInt(4)), gen.next(2));
                Outcomes.Outcome parse = outcomes.run(() -> MatCalc.parse(input, RandomExpressions.LETS));
                String problem = parse.problem();
                if (problem == null && parse.error() != null && parse.error().span() == null)
                    problem = "SourceError without a position: " + parse.error().getMessage();
                if (parse.ok()) parsed++;
                else rejected++;
                if (problem == null && i % 4 == 0) {
                    served++;
                    problem = outcomes.run(() -> Service.derive(request(input, rng))).problem();
                }
                if (problem == null && i % 40 == 0) {
                    cli++;
                    problem = cliProblem(input, rng);
                }
                if (problem != null) failures.add("seed " + seed + ": " + printable(input) + "\n    " + problem);
            }
        }
        System.out.printf("%d malformed inputs from seed %d in %.1f s: %d parsed, %d rejected with a positioned error,"
                        + " %d also through the service, %d through the CLI, %d failures%n", CASES, SEED,
                (System.nanoTime() - start) / 1e9, parsed, rejected, served, cli, failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    private static Request request(String input, SplittableRandom rng) {
        List<String> wrt = List.of(List.of("x", "A", "S", "a", "W", "q", "").get(rng.nextInt(7)));
        return new Request(input, wrt, LETS, 1 + rng.nextInt(2), Layout.values()[rng.nextInt(3)],
                Request.ALL_FORMATS, rng.nextInt(4) == 0, null);
    }

    /** Runs the CLI on the input; a problem unless it exits 0 or 2 with no trace of an internal error. */
    static String cliProblem(String input, SplittableRandom rng) {
        List<String> args = new ArrayList<>(List.of("diff", input, "--wrt", rng.nextBoolean() ? "x" : "A"));
        LETS.forEach((k, v) -> args.addAll(List.of("--let", k + ":" + v)));
        if (rng.nextBoolean()) args.addAll(List.of("--format", List.of("json", "latex", "pretty", "numpy").get(rng.nextInt(4))));
        return cliProblem(args.toArray(String[]::new));
    }

    static synchronized String cliProblem(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(sink);
            System.setErr(sink);
            code = Main.run(args);
        } catch (Throwable t) {
            return "the CLI threw " + t;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        if (code != Main.OK && code != Main.BAD_INPUT) return "exit code " + code + ": " + abbreviate(text);
        if (text.contains("internal error") || text.contains("Exception") || text.contains("\tat "))
            return "the output shows an internal error: " + abbreviate(text);
        return null;
    }

    private static Map<String, String> lets() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String let : RandomExpressions.LETS) m.put(let.substring(0, let.indexOf(':')), let.substring(let.indexOf(':') + 1));
        return m;
    }

    static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }

    /** The input with control characters escaped, so that the failure message can be read and copied. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : abbreviate(s).toCharArray())
            sb.append(c < 32 || c == '"' || c == '\\' || Character.isSurrogate(c) || c == 0x202E
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return sb.append('"').toString();
    }
}
