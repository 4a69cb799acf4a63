package dev.matcalc.api;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The outcome of a numeric check: one line per derivative, the verdict, and the worst relative
 * error among the points actually compared (0 when none could be). {@code passed} only when every
 * derivative was compared, with meaningful numbers, at every point asked for, within the tolerance.
 */
public record CheckReport(boolean passed, Verdict verdict, double worstError, double tolerance, int points, List<String> lines) {

    /** In order of severity: a report takes the most severe of its derivatives'. */
    public enum Verdict {
        /** Every point compared within the tolerance. */
        OK("ok"),
        /** None failed, but some point could not be compared (values out of the range of doubles, or
         *  a reference not accurate enough for the tolerance): nothing is claimed there. */
        UNCHECKED("unchecked"),
        /** Some point disagrees by more than the tolerance and the reference's own error together. */
        FAILED("failed");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }
}
