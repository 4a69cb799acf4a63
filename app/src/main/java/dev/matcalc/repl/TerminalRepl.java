package dev.matcalc.repl;

import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The REPL on a terminal: JLine line editing, a history file kept across runs, tab completion. */
public final class TerminalRepl {
    private TerminalRepl() { }

    /** Runs until Ctrl-D or {@code quit}; the history is saved to {@code historyFile} as lines are entered. */
    public static void run(Terminal terminal, Path historyFile) throws IOException {
        PrintWriter out = terminal.writer();
        Repl repl = new Repl(out);
        if (historyFile.getParent() != null) Files.createDirectories(historyFile.getParent());
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("matcalc")
                .parser(new ExpressionParser())
                .completer((r, line, candidates) -> {
                    String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
                    for (String w : repl.complete(before))
                        // "vector(" and the like are completed as typed: no space after them
                        candidates.add(new Candidate(w, w, null, null, null, null, !w.endsWith("(")));
                })
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .option(LineReader.Option.HISTORY_INCREMENTAL, true)   // each line saved as entered
                .build();
        repl.onTerminal(() -> {
            List<String> lines = new java.util.ArrayList<>();
            reader.getHistory().forEach(entry -> lines.add(entry.line()));
            return lines;
        }, () -> {
            terminal.puts(org.jline.utils.InfoCmp.Capability.clear_screen);
            terminal.flush();
        });
        out.println("matcalc repl: type an expression, 'help' for commands, Ctrl-D to quit.");
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine("matcalc> ");
                } catch (UserInterruptException e) {
                    continue;                       // Ctrl-C drops the line being edited
                } catch (EndOfFileException e) {
                    break;
                }
                boolean goOn = repl.execute(line);
                out.flush();
                if (!goOn) break;
            }
        } finally {
            reader.getHistory().save();
        }
    }

    /**
     * Where the history lives: {@code $XDG_STATE_HOME/matcalc/history} when that variable is set,
     * else {@code ~/.matcalc_history}.
     */
    public static Path defaultHistoryFile() {
        String state = System.getenv("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) return Path.of(state, "matcalc", "history");
        return Path.of(System.getProperty("user.home"), ".matcalc_history");
    }

    /**
     * Splits nothing and quotes nothing (JLine's default parser would take the transpose {@code '}
     * for an open quote and wait for its close); the word completed is the identifier before the cursor.
     */
    static final class ExpressionParser implements Parser {
        @Override
        public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
            int start = cursor;
            while (start > 0 && (Character.isLetterOrDigit(line.charAt(start - 1)) || line.charAt(start - 1) == '_')) start--;
            String word = line.substring(start, cursor);
            return new Line(line, cursor, word, cursor - start);
        }
    }

    /** Identifiers need no quoting: candidates go in as they are. */
    private record Line(String line, int cursor, String word, int wordCursor) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }
    }
}
