package dev.matcalc.hardening;

import dev.matcalc.problem.CompiledProblem;
import dev.matcalc.problem.GenoModel;
import dev.matcalc.problem.Problem;
import dev.matcalc.problem.Sense;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated GENO model files and constraint texts, read and compiled with data: each ends in a
 * compiled problem or a {@link dev.matcalc.syntax.SourceError} that can be printed, never another
 * exception or a hang; an error with a position points inside the text it names.
 */
class ProblemInputFuzzTest {
    private static final long SEED = Long.getLong("matcalc.fuzz.seed", 20261126L);
    private static final int CASES = Integer.getInteger("matcalc.fuzz.cases", 2000) / 4;
    private static final long TIMEOUT_MS = 10_000;

    private static final List<String> MODELS = List.of("""
            parameters
              matrix A
              vector b, c
            variables
              vector x
            min
              c'*x + 0.5*x'*x
            st
              A*x <= b
              x >= 0
            """, """
            parameters
              matrix K symmetric
              scalar lam
              vector y
            variables
              vector a
            min
              0.5*(a.*y)'*K*(a.*y) - sum(a) + lam*norm1(a)
            st
              a <= 1
              y'*a == 0
            """, """
            parameters
              matrix C psd
            variables
              matrix S symmetric
            max
              logdet(S) - tr(S*C)  # the likelihood
            st
              det(S) >= 0.5
            """);
    private static final List<String> CONSTRAINTS = List.of("A*x <= b", "x >= 0", "0 <= x <= 1", "sum(x) == 1",
            "norm2(x)^2 <= 1", "norm1(A*x - b) <= 3", "x'*x >= c'*x", "x = 1");

    @Test
    void theSeedsCompile() {
        Map<String, DMatrixRMaj> data = data();
        for (String model : MODELS) {
            Problem p = GenoModel.parse(model);
            Map<String, DMatrixRMaj> given = new LinkedHashMap<>(data);
            given.keySet().removeAll(p.over());
            assertThat(CompiledProblem.compile(p.withData(given)).packing().dimension()).isPositive();
        }
        for (String c : CONSTRAINTS.subList(0, 2))
            CompiledProblem.compile(Problem.of("c'*x + 0.5*x'*x", Sense.MIN, List.of("x"), List.of(c))
                    .withData(Map.of("A", data.get("A"), "b", data.get("b"), "c", data.get("c"))));
    }

    @Test
    void mutatedModelsAndConstraintsEndInAProblemOrAPositionedError() {
        Map<String, DMatrixRMaj> data = data();
        List<String> failures = new ArrayList<>();
        int compiled = 0, rejected = 0;
        long start = System.nanoTime();
        try (Outcomes outcomes = new Outcomes(TIMEOUT_MS)) {
            for (int i = 0; i < CASES && failures.size() < 20; i++) {
                long seed = SEED + i;
                SplittableRandom rng = new SplittableRandom(seed);
                Mutator mutator = new Mutator(rng);
                String input;
                Runnable task;
                if (i % 2 == 0) {
                    input = mutator.mutate(MODELS.get(rng.nextInt(MODELS.size())), MODELS.get(rng.nextInt(MODELS.size())));
                    task = () -> {
                        Problem p = GenoModel.parse(input);
                        Map<String, DMatrixRMaj> given = new LinkedHashMap<>(data);
                        given.keySet().removeAll(p.over());
                        CompiledProblem.compile(p.withData(given));
                    };
                } else {
                    input = mutator.mutate(CONSTRAINTS.get(rng.nextInt(CONSTRAINTS.size())), CONSTRAINTS.get(rng.nextInt(CONSTRAINTS.size())));
                    task = () -> CompiledProblem.compile(Problem.of("c'*x + 0.5*x'*x", Sense.MIN, List.of("x"), List.of(input))
                            .withData(Map.of("A", data.get("A"), "b", data.get("b"), "c", data.get("c"))));
                }
                Outcomes.Outcome outcome = outcomes.run(task);
                String problem = outcome.problem();
                if (outcome.ok()) compiled++;
                else if (problem == null) {
                    rejected++;
                    problem = printable(outcome.error(), input);
                }
                if (problem != null) failures.add("seed " + seed + ": " + input.replace("\n", "\\n") + "\n    " + problem);
            }
        }
        System.out.printf("%d mutated models and constraints from seed %d in %.1f s: %d compiled, %d rejected with an error, "
                + "%d failures%n", CASES, SEED, (System.nanoTime() - start) / 1e9, compiled, rejected, failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    /** Null when the error prints and its position lies inside its source; else what is wrong with it. */
    private static String printable(dev.matcalc.syntax.SourceError e, String input) {
        try {
            e.format();
        } catch (RuntimeException broken) {
            return "the error does not print: " + broken;
        }
        if (e.span() == null) return null;
        if (e.source() == null) return "a position without a source: " + e.getMessage();
        if (e.span().end() > e.source().length() + 1 || e.line() > e.source().split("\n", -1).length)
            return "a position outside its source: " + e.span() + " in " + e.source().length() + " characters";
        return null;
    }

    private static Map<String, DMatrixRMaj> data() {
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, DMatrixRMaj> d = new LinkedHashMap<>();
        d.put("A", random(rng, 2, 3));
        d.put("b", new DMatrixRMaj(new double[][] {{1}, {2}}));
        d.put("c", random(rng, 3, 1));
        d.put("K", new DMatrixRMaj(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 1}}));
        d.put("C", new DMatrixRMaj(new double[][] {{2, 1}, {1, 2}}));
        d.put("y", new DMatrixRMaj(new double[][] {{1}, {-1}, {1}}));
        d.put("lam", new DMatrixRMaj(1, 1, true, 0.5));
        return d;
    }

    private static DMatrixRMaj random(SplittableRandom rng, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
        return m;
    }
}
