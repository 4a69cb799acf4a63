package dev.matcalc.repl;

import dev.matcalc.calculus.Layout;
import dev.matcalc.syntax.FunctionNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tab completion by context: what may come at the cursor, given the line before it. After
 * {@code layout} the three layouts, after {@code format} the formats, after {@code order} 1 to 4,
 * after {@code steps} on and off, after {@code let A:} the types; the first word a command, a
 * function or a variable; inside an expression a function or a variable (after {@code wrt}, a
 * variable). Only candidates that start with the word being typed are offered.
 */
final class ReplCompletion {
    private ReplCompletion() { }

    private static final Pattern LET_TYPE = Pattern.compile("let\\s+[A-Za-z_][A-Za-z_0-9]*\\s*:\\s*");
    private static final Pattern WORD_BEFORE_CURSOR = Pattern.compile("[A-Za-z_0-9]*$");

    static List<String> candidates(String beforeCursor, Collection<String> variables) {
        String word = partialWord(beforeCursor);
        String before = beforeCursor.substring(0, beforeCursor.length() - word.length());
        String lead = before.strip();
        String first = lead.split("\\s+", 2)[0];
        boolean secondWord = !lead.isEmpty() && !lead.contains(" ") && before.endsWith(" ");
        Set<String> all = new LinkedHashSet<>();
        if (lead.isEmpty()) {
            all.addAll(Repl.COMMANDS.stream().filter(c -> !c.equals("wrt")).toList());
            all.addAll(functions());
            all.addAll(variables);
        } else if (secondWord && first.equals("layout")) {
            for (Layout l : Layout.values()) all.add(l.label());
        } else if (secondWord && first.equals("format")) {
            all.addAll(Repl.FORMATS);
        } else if (secondWord && first.equals("order")) {
            all.addAll(List.of("1", "2", "3", "4"));
        } else if (secondWord && first.equals("steps")) {
            all.addAll(List.of("on", "off"));
        } else if (secondWord && first.equals("at")) {
            all.add("off");
        } else if (secondWord && first.equals("let")) {
            all.addAll(variables);
        } else if (LET_TYPE.matcher(before).matches()) {
            all.addAll(List.of("scalar", "vector(", "matrix(", "symmetric(", "none"));
        } else if (secondWord && List.of("settings", "reset", "help", "quit", "exit", "clear", "history").contains(first)) {
            return List.of();                       // these take no argument to complete
        } else if (lead.endsWith(" wrt") || lead.equals("wrt")) {
            all.addAll(variables);
        } else {
            all.addAll(functions());
            all.addAll(variables);
            if (before.endsWith(" ") && !lead.endsWith("wrt")) all.add("wrt");
        }
        List<String> out = new ArrayList<>();
        for (String c : all) if (c.startsWith(word)) out.add(c);
        return out;
    }

    /** The identifier being typed at the cursor (maybe empty). */
    static String partialWord(String beforeCursor) {
        var m = WORD_BEFORE_CURSOR.matcher(beforeCursor);
        return m.find() ? m.group() : "";
    }

    private static List<String> functions() {
        return FunctionNames.ALL;
    }
}
