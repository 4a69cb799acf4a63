package dev.matcalc.web;

import java.time.Duration;

/**
 * What one request may cost the server.
 *
 * @param maxBodyBytes   largest request body accepted (413 beyond)
 * @param maxExprChars   longest expression accepted (422 beyond)
 * @param timeout        time one derivation or check may take (503 beyond; the worker is interrupted)
 * @param maxConcurrent  derivations running at once, runaway ones included (503 at once beyond)
 */
public record Limits(int maxBodyBytes, int maxExprChars, Duration timeout, int maxConcurrent) {
    public static final Limits DEFAULT = new Limits(64 * 1024, 10_000, Duration.ofSeconds(5), 4);

    public Limits {
        if (maxBodyBytes < 1 || maxExprChars < 1 || maxConcurrent < 1 || timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("limits must be positive");
    }

    public Limits withTimeout(Duration t) {
        return new Limits(maxBodyBytes, maxExprChars, t, maxConcurrent);
    }

    public Limits withMaxConcurrent(int n) {
        return new Limits(maxBodyBytes, maxExprChars, timeout, n);
    }
}
