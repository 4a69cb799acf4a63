package dev.matcalc.hardening;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded mutational fuzzer for source text: truncations, deletions, insertions of tokens that
 * stress the lexer and parser (huge and overflowing numbers, lone surrogates, control and
 * bidirectional characters, unbalanced brackets), duplications, splices of two inputs and plain
 * random bytes.
 */
final class Mutator {
    static final List<String> TOKENS = List.of("(", ")", "[", "]", "'", ".^", "^", "*", "/", "./", ".*", "+", "-",
            ";", ",", "=", ".", "1e999", "-1e999", "1e-999", "9".repeat(400), "0.", ".5", "1e", "1e+", "0x1F", "NaN",
            "Infinity", "eye", "vector(", "matrix(", "diag(", "inv(", "det(", "logdet(", "softmax(", "mean(", "size(", "logsumexp(", "max(", "min(", "ge0(", "ismax(", ", 1)", ", 2)", ", 0)", ", x)", "x", "A", "W", "S",
            "é", "∑", "α", "′", "×", "\u0000", "\uD800", "\uDFFF", "😀", "\u202E", "\uFEFF", "\t", "\n", "\r", " ", "#",
            "X = ", "t0 = x; ", "sum(sum(", "((((((((", "))))))))", "[[[[", "x'''''''", "-----x", "2^^2", "..", "e");

    private final SplittableRandom rng;

    Mutator(SplittableRandom rng) {
        this.rng = rng;
    }

    /** One to three mutations of {@code s}, or of a splice of {@code s} and {@code other}. */
    String mutate(String s, String other) {
        String out = s;
        int rounds = 1 + rng.nextInt(3);
        for (int r = 0; r < rounds; r++) out = once(out, other);
        return out;
    }

    private String once(String s, String other) {
        int n = s.length();
        int at = rng.nextInt(n + 1);
        return switch (rng.nextInt(9)) {
            case 0 -> s.substring(0, at);                                          // truncation
            case 1 -> s.substring(0, at) + s.substring(Math.min(n, at + 1 + rng.nextInt(8)));   // deletion
            case 2, 3 -> s.substring(0, at) + TOKENS.get(rng.nextInt(TOKENS.size())) + s.substring(at);
            case 4 -> n == 0 ? s : s.substring(0, Math.min(at, n - 1)) + randomChar() + s.substring(Math.min(at, n - 1) + 1);
            case 5 -> {                                                           // duplicate a slice in place
                int end = Math.min(n, at + rng.nextInt(16));
                yield s.substring(0, end) + s.substring(at, end) + s.substring(end);
            }
            case 6 -> s.substring(0, at) + other.substring(Math.min(other.length(), rng.nextInt(other.length() + 1)));
            case 7 -> s.substring(at) + s.substring(0, at);                        // rotation
            default -> randomBytes();
        };
    }

    private String randomChar() {
        return switch (rng.nextInt(4)) {
            case 0 -> String.valueOf((char) (32 + rng.nextInt(95)));             // printable ASCII
            case 1 -> String.valueOf((char) rng.nextInt(32));                   // control
            case 2 -> new String(Character.toChars(rng.nextInt(Character.MAX_CODE_POINT + 1)).clone());
            default -> String.valueOf((char) rng.nextInt(0x10000));             // any UTF-16 unit, lone surrogates too
        };
    }

    private String randomBytes() {
        byte[] b = new byte[rng.nextInt(64)];
        rng.nextBytes(b);
        return rng.nextBoolean() ? new String(b, StandardCharsets.UTF_8) : new String(b, StandardCharsets.ISO_8859_1);
    }
}
