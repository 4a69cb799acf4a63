package dev.matcalc.expr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HelperNamesTest {
    private static final List<String> PREFERRED = List.of("t", "s", "h");

    @Test
    void keepsTheFirstLetterWhenNoUserNameCouldBeReadAsOneOfItsHelpers() {
        assertThat(HelperNames.prefix(List.of("x", "A", "theta", "tau"), PREFERRED)).isEqualTo("t");
    }

    @Test
    void movesOnWhenAUserVariableIsTheLetterOrTheLetterWithDigits() {
        assertThat(HelperNames.prefix(List.of("x", "t"), PREFERRED)).isEqualTo("s");
        assertThat(HelperNames.prefix(List.of("t1", "x"), PREFERRED)).isEqualTo("s");
        assertThat(HelperNames.prefix(List.of("t", "s2", "x"), PREFERRED)).isEqualTo("h");
        assertThat(HelperNames.prefix(List.of("t", "s", "h"), PREFERRED)).isEqualTo("t_");
    }
}
