package dev.matcalc.data;

import dev.matcalc.syntax.SourceError;

import java.util.regex.Pattern;

/** A CSV entry as a finite number, with an error naming the file, line, column (1-based character) and column name. */
final class CsvNumbers {
    private CsvNumbers() { }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    static boolean isNumberLike(String text) {
        return NUMBER.matcher(text).matches() || NON_FINITE.matcher(text).matches();
    }

    static double parse(String line, int start, int end, String file, long lineNumber, String columnName) {
        int from = start, to = end;
        while (from < to && Character.isWhitespace(line.charAt(from))) from++;
        while (to > from && Character.isWhitespace(line.charAt(to - 1))) to--;
        String text = line.substring(from, to);
        String where = file + ":" + lineNumber + ":" + (from + 1) + ": ";
        String which = " (column " + columnName + ")";
        if (text.isEmpty()) throw new SourceError(where + "an empty entry, expected a number" + which);
        if (NON_FINITE.matcher(text).matches()) throw new SourceError(where + text + " is not a finite number" + which);
        if (!NUMBER.matcher(text).matches()) throw new SourceError(where + "'" + text + "' is not a number" + which);
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) throw new SourceError(where + text + " is not a finite number (too large)" + which);
        return v;
    }
}
