package dev.matcalc.cli;

import dev.matcalc.syntax.SourceError;
import dev.matcalc.syntax.Text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem's errors in the terms of the command line that gave it: an error inside a constraint
 * names the {@code --subject-to} it came from (its text and caret are printed below the message),
 * and the library's "the data for a" / "the start value of x" become the {@code --data} and
 * {@code --start} bindings that gave those values.
 */
final class OptionErrors {
    private static final Pattern VALUE = Pattern.compile("the (data for|start value of) (\\p{L}[\\p{L}\\p{N}_]*|_[\\p{L}\\p{N}_]*)");

    private OptionErrors() { }

    /**
     * @param constraints the {@code --subject-to} texts, in order (empty for a model file's, whose errors name the file)
     * @param data        the {@code --data} bindings as written
     * @param start       the {@code --start} bindings as written
     */
    static SourceError named(SourceError e, List<String> constraints, List<String> data, List<String> start) {
        String message = values(e.getMessage(), bindings(data), bindings(start));
        int i = constraint(e, constraints);
        if (i >= 0) message = "--subject-to #" + (i + 1) + " \"" + Text.abbreviate(constraints.get(i)) + "\": " + message;
        return message.equals(e.getMessage()) ? e : new SourceError(message, e.source(), e.span());
    }

    /** Which constraint the error stands in: the one whose text is the error's source (the same text first). */
    private static int constraint(SourceError e, List<String> constraints) {
        if (e.source() == null) return -1;
        for (int i = 0; i < constraints.size(); i++) if (constraints.get(i) == e.source()) return i;
        return constraints.indexOf(e.source());
    }

    private static String values(String message, Map<String, String> data, Map<String, String> start) {
        Matcher m = VALUE.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2), spec = (m.group(1).equals("data for") ? data : start).get(name);
            String option = m.group(1).equals("data for") ? "--data " : "--start ";
            m.appendReplacement(out, Matcher.quoteReplacement(spec == null ? m.group() : option + Text.abbreviate(spec)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** name → the binding that gave it ({@code a=[1,2]}; a bare FILE.json gives the names in it, told as the file). */
    private static Map<String, String> bindings(List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String spec : specs) {
            int equals = spec.indexOf('=');
            if (equals > 0) out.putIfAbsent(spec.substring(0, equals).strip(), spec);
        }
        return out;
    }
}
