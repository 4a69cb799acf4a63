package dev.matcalc.repl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.MatCalc;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import dev.matcalc.codegen.Target;
import dev.matcalc.expr.Var;
import dev.matcalc.shapes.Declaration;
import dev.matcalc.syntax.SourceError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The REPL's command interpreter: one line in, its answer out. It keeps the session's settings
 * (declared shapes, format, layout, order, steps, point) and the variables seen so far, which
 * completion offers. Errors are printed as the CLI prints them, never as stack traces.
 */
public final class Repl {
    static final List<String> COMMANDS = List.of("let", "diff", "wrt", "steps", "format", "layout", "order", "at",
            "settings", "reset", "history", "clear", "help", "quit", "exit");
    /** What {@code format} takes: the CLI's output formats, then its code targets. */
    static final List<String> FORMATS = List.of("text", "pretty", "latex", "json", "numpy", "pytorch", "jax", "java");
    private static final Pattern LET = Pattern.compile("let\\s+([A-Za-z_][A-Za-z_0-9]*)\\s*:\\s*(.+)");
    private static final Pattern WRT = Pattern.compile("\\s+wrt\\s+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final Map<String, String> lets = new LinkedHashMap<>();
    private final TreeSet<String> seenVariables = new TreeSet<>();
    private String format = "pretty";
    private Layout layout = Layout.NUMERATOR;
    private int order = 1;
    private boolean steps;
    private Map<String, Object> at;
    private int failedLines, internalErrors;
    private final List<String> sessionLines = new ArrayList<>();
    private Supplier<List<String>> history = () -> sessionLines;
    private Runnable clearScreen = () -> { };

    /** What a session came to: the lines that failed, and how many of them were internal errors (bugs). */
    public record Outcome(int failedLines, int internalErrors) { }

    public Repl(PrintWriter out) {
        this.out = out;
    }

    /** Reads lines until end of input or {@code quit}, without a terminal (stdin not a tty, tests). */
    public static Outcome run(BufferedReader in, PrintWriter out) throws IOException {
        Repl repl = new Repl(out);
        for (String line; (line = in.readLine()) != null; ) {
            boolean goOn = repl.execute(line);
            out.flush();
            if (!goOn) break;
        }
        out.flush();
        return repl.outcome();
    }

    /**
     * Where {@code history} reads from (a terminal's history, kept across runs) and what {@code clear}
     * does (clears a terminal's screen); without a terminal, the lines of this session and nothing.
     */
    void onTerminal(Supplier<List<String>> history, Runnable clearScreen) {
        this.history = history;
        this.clearScreen = clearScreen;
    }

    /** The lines that failed so far. */
    public Outcome outcome() {
        return new Outcome(failedLines, internalErrors);
    }

    /** Runs one line; false when the session should end. */
    public boolean execute(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) return true;
        sessionLines.add(s);
        try {
            return dispatch(s);
        } catch (SourceError e) {
            out.println("error: " + e.format());
        } catch (StackOverflowError e) {
            out.println("error: the expression is too deeply nested to process");
        } catch (OutOfMemoryError e) {
            out.println("error: the expression is too large to process in the available memory");
        } catch (RuntimeException e) {
            internalErrors++;
            out.println("internal error: " + e + " (please report it with the line that caused it)");
        }
        failedLines++;
        return true;
    }

    private boolean dispatch(String s) {
        String word = s.split("\\s+", 2)[0];
        String rest = s.substring(word.length()).strip();
        switch (word) {
            case "quit", "exit" -> { return false; }
            case "help" -> help();
            case "let" -> let(s, rest);
            case "diff" -> diff(rest);
            case "steps" -> {
                steps = onOff(rest);
                out.println("steps " + (steps ? "on: derivations are shown step by step" : "off"));
            }
            case "format" -> {
                format = choice("format", rest, FORMATS);
                out.println("format " + format + (Target.isTarget(format) ? ": answers are code computing f and its derivatives" : ""));
            }
            case "layout" -> {
                layout = Layout.parse(rest.isEmpty() ? "?" : rest);
                out.println("layout " + layout.label());
            }
            case "order" -> {
                order = order(rest);
                out.println("order " + order + (order == 1 ? "" : order == 2 ? ": Hessians and second derivatives" : ""));
            }
            case "at" -> at(rest);
            case "settings" -> settings();
            case "reset" -> reset();
            case "history" -> history(rest);
            case "clear" -> clearScreen.run();
            default -> diff(s);                     // a bare expression, possibly with "wrt x"
        }
        return true;
    }

    private void let(String s, String rest) {
        if (rest.isEmpty()) {
            settings();
            return;
        }
        Matcher m = LET.matcher(s);
        if (!m.matches()) throw new SourceError("expected let NAME: SHAPE, e.g. let A: symmetric(n)");
        String name = m.group(1), shape = m.group(2).strip();
        if (shape.equals("none")) lets.remove(name);
        else {
            try {
                Declaration.parse(shape);           // reject a malformed shape now, not at the next diff
            } catch (SourceError e) {
                throw e.inOption("let " + name);
            }
            lets.put(name, shape);
        }
        seenVariables.add(name);
        out.println(name + ": " + (shape.equals("none") ? "inferred" : shape));
    }

    /** {@code EXPR [wrt x [wrt y]]}: without wrt, the expression's single variable. */
    private void diff(String rest) {
        if (rest.isEmpty()) throw new SourceError("expected diff EXPR wrt VAR, e.g. diff x'*A*x wrt x");
        String[] parts = WRT.split(rest);
        String expr = parts[0];
        List<String> wrt = new ArrayList<>(Arrays.asList(parts).subList(1, parts.length).stream().map(String::strip).toList());
        if (rest.endsWith(" wrt") || rest.equals("wrt")) throw new SourceError("'wrt' needs a variable name after it");
        List<Var> variables = parse(expr);
        if (wrt.isEmpty()) {
            if (variables.size() != 1)
                throw new SourceError(variables.isEmpty() ? "the expression has no variables to differentiate by"
                        : "the expression has variables " + String.join(", ", variables.stream().map(Var::name).toList())
                        + ": say which, e.g. diff " + expr + " wrt " + variables.get(0).name());
            wrt.add(variables.get(0).name());
        }
        Request request = new Request(expr, wrt, lets, order, layout, Request.ALL_FORMATS, steps, at);
        if (Target.isTarget(format)) {
            // in a session, the function alone: the self-test is for a file run on its own
            out.print(Service.code(request, Target.parse(format), dev.matcalc.codegen.CodeOptions.DEFAULT.withoutCheck()));
            return;
        }
        ReplPrinter.print(Service.derive(request), format, steps, out);
    }

    private List<Var> parse(String expr) {
        Map<String, Declaration> declared = new LinkedHashMap<>();
        lets.forEach((name, shape) -> declared.put(name, Declaration.parse(shape)));
        List<Var> vars = MatCalc.parse(expr, declared, Map.of()).variables();
        vars.forEach(v -> seenVariables.add(v.name()));
        return vars;
    }

    private boolean onOff(String rest) {
        return choice("steps", rest, List.of("on", "off")).equals("on");
    }

    private static String choice(String what, String value, List<String> allowed) {
        if (!allowed.contains(value)) throw new SourceError(what + " takes one of " + String.join(", ", allowed)
                + (value.isEmpty() ? "" : ", got '" + value + "'"));
        return value;
    }

    private static int order(String rest) {
        try {
            int k = Integer.parseInt(rest);
            if (k >= 1 && k <= 4) return k;
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new SourceError("order takes a whole number from 1 to 4" + (rest.isEmpty() ? "" : ", got '" + rest + "'"));
    }

    @SuppressWarnings("unchecked")
    private void at(String rest) {
        if (rest.equals("off") || rest.equals("none")) {
            at = null;
            out.println("no point: derivatives are symbolic only");
            return;
        }
        try {
            Object parsed = JSON.readValue(rest, Object.class);
            if (!(parsed instanceof Map)) throw new SourceError("at takes a JSON object, e.g. at {\"x\": [1, 2]}");
            at = (Map<String, Object>) parsed;
            out.println("evaluating at " + JSON.writeValueAsString(at));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SourceError("at: invalid JSON, " + dev.matcalc.numeric.JsonMessages.describe(e));
        }
    }

    /** The lines entered, numbered; {@code history N} the last N. */
    private void history(String rest) {
        List<String> lines = history.get();
        int from = 0;
        if (!rest.isEmpty()) {
            try {
                from = Math.max(0, lines.size() - Integer.parseInt(rest));
            } catch (NumberFormatException e) {
                throw new SourceError("history takes a number of lines to show, got '" + rest + "'");
            }
        }
        for (int i = from; i < lines.size(); i++) out.printf("%5d  %s%n", i + 1, lines.get(i));
    }

    private void settings() {
        out.println("format " + format + ", layout " + layout.label() + ", order " + order + ", steps " + (steps ? "on" : "off")
                + (at == null ? "" : ", at " + at));
        lets.forEach((name, shape) -> out.println("let " + name + ": " + shape));
    }

    private void reset() {
        lets.clear();
        format = "pretty";
        layout = Layout.NUMERATOR;
        order = 1;
        steps = false;
        at = null;
        out.println("settings reset");
    }

    private void help() {
        out.println("""
                Type an expression to differentiate it by its only variable, or:
                  diff EXPR wrt x [wrt y]     differentiate by x (and y: partials, or a mixed derivative with order 2)
                  EXPR wrt x                  the same without 'diff'
                  let A: symmetric(n)         declare a shape: scalar, vector(n), matrix(m,n), symmetric(n); 'none' undoes
                  format text|pretty|latex|json, or numpy|pytorch|jax|java for code
                  layout numerator|denominator|mixed
                  order K                     derivative order, 1 to 4
                  steps on|off                show the simplification steps
                  at {"x": [1,2]}             also evaluate at a point ('at off' to stop)
                  history [N]                 the lines entered (the last N)
                  clear                       clear the screen
                  settings, reset, help, quit (or Ctrl-D)
                Example: let A: symmetric(n), then diff x'*A*x wrt x""");
    }

    /** What completion offers for the line before the cursor: see {@link ReplCompletion}. */
    public List<String> complete(String beforeCursor) {
        return ReplCompletion.candidates(beforeCursor, seenVariables);
    }
}
