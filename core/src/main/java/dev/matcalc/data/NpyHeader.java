package dev.matcalc.data;

import dev.matcalc.syntax.SourceError;

import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} file: a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}, read by a small scanner
 * (NumPy writes exactly these three keys; the format is documented in {@code numpy.lib.format}).
 *
 * @param descr        the dtype as NumPy writes it: byte order, kind and size ({@code <f8}, {@code |b1}),
 *                     or a description of what is not a plain dtype (a structured one)
 * @param fortranOrder whether the data is stored column by column
 * @param shape        the lengths of the axes; empty for a 0-d array
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    static NpyHeader parse(String text, String file) {
        return new Scanner(text, file).header();
    }

    private static final class Scanner {
        private final String text, file;
        private int pos;

        Scanner(String text, String file) {
            this.text = text;
            this.file = file;
        }

        NpyHeader header() {
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            expect('{');
            while (!skipTo('}')) {
                String key = string();
                expect(':');
                switch (key) {
                    case "descr" -> descr = skipTo('[') ? "structured [" + skipList() : string();
                    case "fortran_order" -> fortran = bool();
                    case "shape" -> shape = tuple();
                    default -> throw error("unknown key '" + key + "'");
                }
                if (!skipTo('}')) expect(',');
            }
            if (descr == null || fortran == null || shape == null)
                throw malformed("it needs 'descr', 'fortran_order' and 'shape'");
            return new NpyHeader(descr, fortran, shape);
        }

        /** Skips spaces; true (and consumes it) when {@code c} comes next. */
        private boolean skipTo(char c) {
            skipSpaces();
            if (peek() != c) return false;
            pos++;
            return true;
        }

        private String string() {
            skipSpaces();
            char quote = peek();
            if (quote != '\'' && quote != '"') throw error("expected a quoted string");
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) throw error("unterminated string");
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }

        private boolean bool() {
            skipSpaces();
            if (text.startsWith("True", pos)) { pos += 4; return true; }
            if (text.startsWith("False", pos)) { pos += 5; return false; }
            throw error("expected True or False");
        }

        private long[] tuple() {
            expect('(');
            List<Long> axes = new ArrayList<>();
            while (!skipTo(')')) {
                int start = pos;
                while (Character.isDigit(peek())) pos++;
                if (pos == start || pos - start > 18) throw error("expected an axis length");
                axes.add(Long.parseLong(text.substring(start, pos)));
                if (!skipTo(')')) expect(',');
                else break;
            }
            return axes.stream().mapToLong(Long::longValue).toArray();
        }

        /** The rest of a list whose '[' is read, up to its matching ']'. */
        private String skipList() {
            int start = pos, depth = 1;
            while (depth > 0) {
                char c = peek();
                if (c == '\0') throw error("unterminated list");
                if (c == '[') depth++;
                if (c == ']') depth--;
                pos++;
            }
            return text.substring(start, pos);
        }

        private void expect(char c) {
            if (!skipTo(c)) throw error("expected '" + c + "'");
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private SourceError error(String what) {
            return malformed(what + " at character " + (pos + 1));
        }

        private SourceError malformed(String what) {
            return new SourceError(file + ": malformed .npy header (" + what + "): "
                    + (text.length() > 200 ? text.substring(0, 200) + "…" : text.strip()));
        }
    }
}
