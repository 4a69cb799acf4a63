package dev.matcalc.repl;

import dev.matcalc.cli.Main;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code matcalc repl}: interactive on a terminal, line by line from a pipe. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"An interactive session: type expressions, 'help' for commands.",
                "History is kept in $XDG_STATE_HOME/matcalc/history, else ~/.matcalc_history.",
                "Without a terminal it reads lines from standard input and exits 2 when any line failed."})
public final class ReplCommand implements Callable<Integer> {
    @Option(names = "--history", paramLabel = "FILE", description = "History file (default: see above).")
    Path history;

    @Override
    public Integer call() throws Exception {
        if (!interactive()) {
            PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
            Repl.Outcome outcome = Repl.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
            // a script reads the exit status, not the output: a failed line must show there (a person sees it)
            return outcome.internalErrors() > 0 ? Main.INTERNAL_ERROR : outcome.failedLines() > 0 ? Main.BAD_INPUT : Main.OK;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            TerminalRepl.run(terminal, history == null ? TerminalRepl.defaultHistoryFile() : history);
        }
        return Main.OK;
    }

    /**
     * Whether stdin and stdout are a terminal. Before JDK 22 {@code System.console()} is null
     * otherwise; from JDK 22 it is not, and {@code Console.isTerminal()} (absent from the release-21
     * API we compile against, hence the reflection) says.
     */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
