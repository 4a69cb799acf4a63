package dev.matcalc.shapes;

import dev.matcalc.syntax.SourceError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random token soup: typing must end in a result or a SourceError, never another exception. */
class TyperFuzzTest {

    private static final String[] PIECES = {
            "x", "y", "A", "B", "a", "2", "1", ".5", "+", "-", "*", "/", ".*", "./", "^", ".^", "'", "(", ")",
            "[", "]", ",", ";", "\n", " ", "=", "exp(", "tr(", "det(", "diag(", "softmax(", "sum(", "inv(",
            "vector(1)", "matrix(1)", "eye", "vector(", "Y = ", "-1", "3",
    };

    @Test
    void randomInputsFailOnlyWithSourceErrors() {
        Random random = new Random(42);
        List<String> unexpected = new ArrayList<>();
        int typed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder source = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) source.append(PIECES[random.nextInt(PIECES.length)]);
            try {
                Typer.type(source.toString(), Map.of("B", Declaration.parse("matrix(3,n)")),
                        Map.of("x", ValueShape.vector(3)));
                typed++;
            } catch (SourceError e) {
                assertThat(e.span()).isNotNull();
                assertThat(e.format()).isNotBlank();
                if (e.getMessage().startsWith("internal error")) unexpected.add(source + " -> " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                unexpected.add(source + " -> " + e);
            }
        }
        assertThat(unexpected).isEmpty();
        assertThat(typed).isGreaterThan(100);
    }
}
