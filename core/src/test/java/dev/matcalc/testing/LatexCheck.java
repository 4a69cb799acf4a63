package dev.matcalc.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Whether LaTeX output is well formed, as far as a renderer can get it wrong: braces balance
 * (escaped {@code \{ \}} aside), every {@code \left} has its {@code \right} inside the same group,
 * and {@code \begin{env}}/{@code \end{env}} nest and match.
 */
public final class LatexCheck {
    private LatexCheck() { }

    /** The first problem found, or empty when {@code latex} is well formed. */
    public static Optional<String> problem(String latex) {
        Deque<String> open = new ArrayDeque<>();      // "{", "\left", or "env:NAME"
        int i = 0, n = latex.length();
        while (i < n) {
            char c = latex.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                if (j < n && !Character.isLetter(latex.charAt(j))) {   // \{ \} \, \\ \| ...
                    i = j + 1;
                    continue;
                }
                while (j < n && Character.isLetter(latex.charAt(j))) j++;
                String command = latex.substring(i + 1, j);
                switch (command) {
                    case "left", "right" -> {
                        int after = delimiterEnd(latex, j);
                        if (after < 0) return Optional.of("\\" + command + " without a delimiter at " + i);
                        if (command.equals("left")) open.push("\\left");
                        else if (!"\\left".equals(open.poll())) return Optional.of("\\right without its \\left at " + i);
                        i = after;
                        continue;
                    }
                    case "begin", "end" -> {
                        int close = latex.indexOf('}', j);
                        if (j >= n || latex.charAt(j) != '{' || close < 0)
                            return Optional.of("\\" + command + " without {name} at " + i);
                        String env = "env:" + latex.substring(j + 1, close);
                        if (command.equals("begin")) open.push(env);
                        else if (!env.equals(open.poll())) return Optional.of("\\end{" + env.substring(4) + "} does not close the open group at " + i);
                        i = close + 1;
                        continue;
                    }
                    default -> {
                        i = j;
                        continue;
                    }
                }
            }
            if (c == '{') open.push("{");
            else if (c == '}' && !"{".equals(open.poll())) return Optional.of("unbalanced } at " + i);
            i++;
        }
        return open.isEmpty() ? Optional.empty() : Optional.of("unclosed " + open.peek());
    }

    /** The index after the delimiter following \left or \right, or -1 when there is none. */
    private static int delimiterEnd(String s, int j) {
        while (j < s.length() && s.charAt(j) == ' ') j++;
        if (j >= s.length()) return -1;
        if (s.charAt(j) != '\\') return "{}".indexOf(s.charAt(j)) >= 0 ? -1 : j + 1;
        int k = j + 1;
        if (k < s.length() && !Character.isLetter(s.charAt(k))) return k + 1;
        while (k < s.length() && Character.isLetter(s.charAt(k))) k++;
        return k;
    }
}
