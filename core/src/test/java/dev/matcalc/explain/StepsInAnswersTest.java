package dev.matcalc.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.api.Answer;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code request.steps()} fills each part's steps; the JSON carries them as an array of records. */
class StepsInAnswersTest {
    private static final Set<String> KINDS = Set.of("intermediate", "local", "chain", "substitute", "simplify", "result");

    @Test
    void stepsAreFilledOnlyWhenAsked() {
        Answer without = Service.derive(new Request("relu(w'*x + b)", List.of("w", "b"), Map.of("b", "scalar"), 1,
                Layout.NUMERATOR, null, false, null));
        assertThat(without.derivatives()).allMatch(p -> p.steps() == null);
        Answer with = Service.derive(new Request("relu(w'*x + b)", List.of("w", "b"), Map.of("b", "scalar"), 1,
                Layout.DENOMINATOR, null, true, null));
        assertThat(with.derivatives()).allSatisfy(p -> {
            assertThat(p.steps()).isNotEmpty().allMatch(s -> s instanceof DerivationStep);
            DerivationStep last = (DerivationStep) p.steps().getLast();
            assertThat(last.kind()).isEqualTo(DerivationStep.RESULT);
            assertThat(last.expression()).isEqualTo(p.text());
        });
    }

    @Test
    void jsonStepsHaveKindRuleExpressionLatexShape() throws Exception {
        Answer a = Service.derive(new Request("sum((X*w + b - y).^2)/N", List.of("w"),
                Map.of("N", "scalar", "b", "scalar"), 1, Layout.NUMERATOR, null, true, null));
        JsonNode steps = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(a)).at("/derivatives/0/steps");
        assertThat(steps.isArray()).isTrue();
        assertThat(steps.size()).isGreaterThan(8);
        for (JsonNode s : steps) {
            assertThat(KINDS).contains(s.get("kind").asText());
            assertThat(s.has("rule")).isTrue();
        }
        assertThat(steps.findValuesAsText("rule")).contains("vector sum reduction (∂sum(u)/∂u = 1')",
                "matrix product (∂(W u)/∂u = W)", "diagonalProduct");
        JsonNode local = steps.get(5);
        assertThat(local.get("kind").asText()).isEqualTo("local");
        assertThat(local.get("expression").asText()).isEqualTo("X");
        assertThat(local.get("latex").asText()).isEqualTo("X");
        assertThat(local.get("shape").asText()).isEqualTo("n×m");
    }

    @Test
    void higherOrdersCarryNoSteps() {
        Answer a = Service.derive(new Request("x'*A*x", List.of("x"), Map.of(), 2, Layout.NUMERATOR, null, true, null));
        assertThat(a.derivatives().getFirst().steps()).isNull();
    }
}
