package dev.matcalc.data;

import dev.matcalc.syntax.SourceError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV table's header and the column bindings resolved against it: which columns each name
 * takes. It parses a data line into one flat row of values (each binding's columns in turn), with
 * errors naming the file, the line and the column: {@code data.csv:17:9: 'abc' is not a number (column x3)}.
 * Serializable: the machines that read parts of a table parse with it.
 */
public final class TableLayout implements Serializable {
    private final List<String> header;
    private final String headerLine;
    private final Map<String, int[]> columns = new LinkedHashMap<>();   // name → {first, last} (0-based, inclusive)
    private final Map<String, Boolean> vectors = new LinkedHashMap<>();
    private final int[] picked;                                          // the header columns a row's values come from
    private final boolean[] needed;

    /** Resolves {@code bindings} against the header line of {@code file}. */
    public TableLayout(String headerLine, List<ColumnBinding> bindings, String file) {
        this.headerLine = headerLine.strip();
        this.header = names(headerLine);
        if (header.stream().allMatch(h -> CsvNumbers.isNumberLike(h)))
            throw new SourceError(file + ":1: the table has no header row; its first line must name the columns");
        if (bindings.isEmpty())
            throw new SourceError("--table " + file + ": no column is bound; bind names to columns with --data "
                    + "(y=" + header.get(header.size() - 1) + ", X=" + header.get(0) + ":" + header.get(Math.max(0, header.size() - 2)) + ")");
        List<Integer> pick = new ArrayList<>();
        for (ColumnBinding b : bindings) {
            int first = index(b.first(), b, file), last = b.range() ? index(b.last(), b, file) : first;
            if (last < first)
                throw new SourceError("--data " + b + ": " + b.last() + " comes before " + b.first() + " in the header of " + file);
            columns.put(b.name(), new int[] {first, last});
            vectors.put(b.name(), !b.range());
            for (int j = first; j <= last; j++) pick.add(j);
        }
        this.picked = pick.stream().mapToInt(Integer::intValue).toArray();
        this.needed = new boolean[header.size()];
        for (int j : picked) needed[j] = true;
    }

    private int index(String column, ColumnBinding b, String file) {
        int i = header.indexOf(column);
        if (i < 0)
            throw new SourceError("--data " + b + ": no column '" + column + "' in " + file + "; its columns are "
                    + String.join(", ", header.size() > 12 ? header.subList(0, 12) : header) + (header.size() > 12 ? ", ..." : ""));
        return i;
    }

    private static List<String> names(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            String s = f.strip();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
            out.add(s);
        }
        return out;
    }

    /** Whether {@code line} is this table's header (each part file of a table starts with it). */
    public boolean isHeader(String line) {
        return line.strip().equals(headerLine);
    }

    /** The columns of each binding, by name: {@code 1} for a vector, k for a matrix. */
    public Map<String, Integer> widths() {
        Map<String, Integer> out = new LinkedHashMap<>();
        columns.forEach((name, c) -> out.put(name, c[1] - c[0] + 1));
        return out;
    }

    /** Whether a binding is one column (a vector). */
    public boolean vector(String name) {
        return vectors.get(name);
    }

    /** The length of a parsed row: the bound columns, Σ widths. */
    public int rowLength() {
        return picked.length;
    }

    /**
     * Parses a data line into {@code out} (length {@link #rowLength()}).
     *
     * @param line the line's number in its file, 1-based, for messages (0 where unknown: then offset is given)
     */
    public void parse(String line, String file, long lineNumber, double[] out) {
        int column = 0, start = 0, got = 0;
        double[] all = new double[header.size()];
        while (true) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? line.length() : comma;
            if (column < header.size() && needed[column]) all[column] = CsvNumbers.parse(line, start, end, file, lineNumber, header.get(column));
            column++;
            if (comma < 0) break;
            start = comma + 1;
        }
        if (column != header.size())
            throw new SourceError(file + ":" + lineNumber + ": this row has " + column + " entries, but the header names "
                    + header.size() + " columns");
        for (int j : picked) out[got++] = all[j];
    }
}
