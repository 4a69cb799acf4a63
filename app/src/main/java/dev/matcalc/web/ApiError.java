package dev.matcalc.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.matcalc.syntax.SourceError;

/**
 * A request the API refuses, with its HTTP status. Its body has the CLI's JSON error shape
 * ({@code {"error": {"message", "line", "column", "formatted"}}}) plus {@code length}, the width
 * of the offending span, when the error has one (the page underlines that many characters).
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final Body body;

    /** The error object; {@code line}/{@code column} are 1-based, 0 when there is no position. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Body(String message, int line, int column, String formatted, Integer length) { }

    ApiError(int status, String message) {
        super(message);
        this.status = status;
        this.body = new Body(message, 0, 0, message, null);
    }

    private ApiError(int status, Body body) {
        super(body.message());
        this.status = status;
        this.body = body;
    }

    /** A user error in the expression or the options: 422 with its position. */
    static ApiError of(SourceError e) {
        Integer length = e.span() == null ? null : Math.max(1, e.span().end() - e.span().start());
        return new ApiError(422, new Body(e.getMessage(), e.line(), e.column(), e.format(), length));
    }

    int status() {
        return status;
    }

    Body body() {
        return body;
    }
}
