package dev.matcalc.spark;

import dev.matcalc.syntax.SourceError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's error raised on an executor (a bad entry in the table) comes back to the driver inside
 * Spark's job failure, as a cause or only as text; this finds it again, so the command line says
 * {@code data.csv:17:9: 'abc' is not a number}, not a stack trace.
 */
final class DataErrors {
    private DataErrors() { }

    private static final Pattern IN_TEXT = Pattern.compile(Pattern.quote(SourceError.class.getName()) + ": ([^\\n]*)");

    /** The SourceError inside {@code e}, or null. */
    static SourceError find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceError s) return new SourceError(s.getMessage());
            Matcher m = IN_TEXT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) return new SourceError(m.group(1).strip());
        }
        return null;
    }

    /** Runs a Spark action, turning a user's error found inside its failure back into a SourceError. */
    static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {            // SparkException is checked, yet Scala throws it from any action
            SourceError user = find(e);
            if (user != null) throw user;
            throw DataErrors.<RuntimeException>rethrow(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    /** A path as users wrote it: {@code file:/tmp/t.csv} is {@code /tmp/t.csv}. */
    static String shown(String path) {
        if (path.startsWith("file:///")) return path.substring("file://".length());
        if (path.startsWith("file:/")) return path.substring("file:".length());
        return path;
    }
}
