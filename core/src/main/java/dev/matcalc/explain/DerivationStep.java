package dev.matcalc.explain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a derivation, ready for JSON. {@code kind} is one of intermediate, local, chain,
 * substitute, simplify, result; {@code lhs} what the line defines ({@code u2}, {@code ∂u2/∂u1},
 * {@code ∂f/∂x}), {@code rule} the named rule (a simplifier rule's name for simplify steps) and
 * {@code law} the identity it applies; {@code expression} is matcalc text, {@code pretty}
 * Unicode, {@code latex} LaTeX; {@code shape} the value's shape (or the chain's shape product).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DerivationStep(String kind, String lhs, String lhsLatex, String rule, String law,
                             String expression, String pretty, String latex, String shape) {
    public static final String INTERMEDIATE = "intermediate", LOCAL = "local", CHAIN = "chain",
            SUBSTITUTE = "substitute", SIMPLIFY = "simplify", RESULT = "result";
}
