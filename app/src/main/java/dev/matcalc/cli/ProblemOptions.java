package dev.matcalc.cli;

import dev.matcalc.calculus.Layout;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options that say what to differentiate, shared by {@code diff} and {@code check}. */
final class ProblemOptions {
    @Parameters(index = "0", paramLabel = "EXPR",
            description = "The expression, e.g. \"x'*A*x + sum(exp(W*x + b))\". Definitions may come first: \"Y = X'*X; tr(Y)\". "
                    + "@FILE reads it from a file, - from standard input.")
    String expr;

    /** The expression: as given, or read from {@code @FILE} or standard input ({@code -}). */
    String expr() {
        return ExpressionArgument.read(expr);
    }

    /** The order, checked: a derivative has order 1 or more. */
    int order() {
        if (order < 1) throw new SourceError("--order must be at least 1, got " + order);
        return order;
    }

    @Option(names = "--wrt", paramLabel = "VAR",
            description = "Variable to differentiate by; repeat for partials (order 1) or a mixed derivative (--order 2).")
    List<String> wrt = new ArrayList<>();

    @Option(names = "--let", paramLabel = "NAME:SHAPE",
            description = "Declare a shape: scalar, vector(n), matrix(m,n), symmetric(n); dimensions symbolic (n) or fixed (3).")
    List<String> lets = new ArrayList<>();

    @Option(names = "--order", paramLabel = "K", defaultValue = "1", description = "Order of the derivative (default ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "numerator",
            description = "numerator (default: Jacobians m×n, gradients rows), denominator (its transpose) or mixed (gradients in the variable's shape).")
    String layout;

    Layout layout() {
        return Layout.parse(layout);
    }

    /** {@code --let} values as name → shape, with a clear error for a malformed one. */
    Map<String, String> letMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String let : lets) {
            int colon = let.indexOf(':');
            if (colon <= 0) throw new SourceError("--let " + let + ": expected NAME:SHAPE, e.g. A:matrix(n,n)");
            try {
                Declaration.parseLet(let);          // an error here is told as one in --let, with its text
            } catch (SourceError e) {
                throw e.inOption("--let");
            }
            out.put(let.substring(0, colon).trim(), let.substring(colon + 1).trim());
        }
        return out;
    }
}
