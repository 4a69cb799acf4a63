package dev.matcalc.cli;

import dev.matcalc.api.Answer;
import dev.matcalc.syntax.SourceError;
import picocli.CommandLine;

import java.util.Map;

/** Turns whatever escapes a command into a clear message and an exit code, never a stack trace (Errors that unwind past picocli: {@link Main#run}). */
final class Errors {

    private Errors() { }

    static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean json = cmd.getCommand() instanceof Formatted f && "json".equals(f.format());
        Throwable cause = ex;
        if (cause instanceof SourceError e) return report(cmd, json, e.getMessage(), e.line(), e.column(), e.format());
        if (cause instanceof StackOverflowError || cause.getCause() instanceof StackOverflowError)
            return report(cmd, json, "the expression is too deeply nested to process", 0, 0, null);
        String message = "internal error: " + cause + " (please report it with the command that caused it)";
        if (System.getenv("MATCALC_DEBUG") != null) cause.printStackTrace(cmd.getErr());
        report(cmd, json, message, 0, 0, null);
        return Main.INTERNAL_ERROR;
    }

    private static int report(CommandLine cmd, boolean json, String message, int line, int column, String formatted) {
        if (json) {
            try {
                cmd.getOut().println(Json.plain().writeValueAsString(Map.of("error",
                        new Answer.Error(message, line, column, formatted == null ? message : formatted))));
            } catch (Exception e) {
                cmd.getErr().println("matcalc: " + message);
            }
        } else {
            cmd.getErr().println("matcalc: " + (formatted == null ? message : formatted));
        }
        cmd.getOut().flush();
        return Main.BAD_INPUT;
    }

    /** Commands whose errors follow their output format. */
    interface Formatted {
        String format();
    }
}
