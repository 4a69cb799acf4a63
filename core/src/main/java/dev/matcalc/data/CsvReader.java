package dev.matcalc.data;

import dev.matcalc.numeric.Values;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Numbers in a CSV file: a matrix row per line, entries separated by commas (or, in a file whose
 * first line has no comma, by spaces or tabs, as {@code numpy.savetxt} writes by default). A first
 * line with no number in it is a header of names and is skipped; blank lines and lines starting
 * with {@code #} are skipped too. One column or one row is a vector, a single number a scalar,
 * anything else a matrix (a matrix with one row or one column needs a {@code .npy} or JSON file).
 *
 * <p>Every entry must be a finite decimal number; an error names the file, the line and the
 * column ({@code X.csv:3:5: 'abc' is not a number}), and rows of different widths name both.
 */
final class CsvReader {
    private CsvReader() { }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** A field of a line: its text and its 1-based column. */
    private record Field(String text, int column) { }

    /** Reads {@code in}, naming it {@code file} in messages. */
    static DataValue read(Reader in, String file) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        Table table = new Table(file);
        String line;
        for (int number = 1; (line = lines.readLine()) != null; number++) {
            if (number == 1 && line.startsWith("\uFEFF")) line = " " + line.substring(1);   // keeps columns
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) continue;
            table.line(line, number);
        }
        return table.value();
    }

    static DataValue parse(String text, String file) {
        try {
            return read(new StringReader(text), file);
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to read", e);
        }
    }

    /** The rows read so far, with what the next row must match. */
    private static final class Table {
        private final String file;
        private Boolean commas;            // the separator, decided by the first line
        private int width = -1, widthLine, rows;
        private boolean header;
        private double[] data = new double[16];

        Table(String file) {
            this.file = file;
        }

        void line(String line, int number) {
            if (commas == null) commas = line.indexOf(',') >= 0;
            List<Field> fields = commas ? splitAtCommas(line) : splitAtSpaces(line);
            if (width < 0 && fields.stream().noneMatch(f -> isNumberLike(f.text()))) {
                header = true;                    // names, not numbers
                width = fields.size();
                widthLine = number;
                return;
            }
            if (width < 0) {
                width = fields.size();
                widthLine = number;
            } else if (fields.size() != width) {
                throw new SourceError(file + ":" + number + ": this row has " + fields.size() + " entries, but "
                        + (header ? "the header on line " + widthLine + " names " + width + " columns"
                        : "the row on line " + widthLine + " has " + width));
            }
            long entries = (long) (rows + 1) * width;
            if (entries > Values.MAX_FILE_ENTRIES)
                throw new SourceError(file + ": more than " + Values.MAX_FILE_ENTRIES + " entries, the limit for one value");
            if (entries > data.length) data = Arrays.copyOf(data, (int) Math.min(Values.MAX_FILE_ENTRIES, Math.max(entries, 2L * data.length)));
            for (int j = 0; j < width; j++) data[rows * width + j] = number(fields.get(j), number);
            rows++;
        }

        private double number(Field f, int line) {
            String where = file + ":" + line + ":" + f.column() + ": ";
            if (f.text().isEmpty()) throw new SourceError(where + "an empty entry, expected a number");
            if (NON_FINITE.matcher(f.text()).matches())
                throw new SourceError(where + f.text() + " is not a finite number");
            if (!NUMBER.matcher(f.text()).matches()) throw new SourceError(where + "'" + f.text() + "' is not a number");
            double v = Double.parseDouble(f.text());
            if (!Double.isFinite(v)) throw new SourceError(where + f.text() + " is not a finite number (too large)");
            return v;
        }

        DataValue value() {
            if (rows == 0) throw new SourceError(file + ": no numbers in the file" + (header ? " (only a header)" : ""));
            DMatrixRMaj m = new DMatrixRMaj(rows, width);
            System.arraycopy(data, 0, m.data, 0, rows * width);
            if (rows == 1 && width == 1) return new DataValue(ValueShape.Kind.SCALAR, m);
            if (rows == 1 || width == 1) {
                m.reshape(rows * width, 1, true);   // a row and a column hold their entries in the same order
                return new DataValue(ValueShape.Kind.VECTOR, m);
            }
            return new DataValue(ValueShape.Kind.MATRIX, m);
        }
    }

    private static boolean isNumberLike(String text) {
        return NUMBER.matcher(text).matches() || NON_FINITE.matcher(text).matches();
    }

    private static List<Field> splitAtCommas(String line) {
        List<Field> fields = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? line.length() : comma;
            int from = start, to = end;
            while (from < to && Character.isWhitespace(line.charAt(from))) from++;
            while (to > from && Character.isWhitespace(line.charAt(to - 1))) to--;
            fields.add(new Field(line.substring(from, to), from + 1));
            if (comma < 0) return fields;
            start = comma + 1;
        }
    }

    private static List<Field> splitAtSpaces(String line) {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
            if (i > start) fields.add(new Field(line.substring(start, i), start + 1));
        }
        return fields;
    }
}
