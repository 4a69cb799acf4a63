package dev.matcalc.data;

import dev.matcalc.syntax.SourceError;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A LIBSVM table ({@code --table FILE.libsvm}), the format of Spark's {@code libsvm} source and of
 * most public classification data sets: one row per line, {@code LABEL INDEX:VALUE INDEX:VALUE ...},
 * indices 1-based and increasing along a line, the features not written zero. Two columns bind:
 * {@code --data y=label} (a vector of the labels, as written) and {@code --data X=features} (a sparse
 * matrix with as many columns as the largest index, or {@link TableSource#features()} when given).
 * Blank lines and lines starting with {@code #} are skipped, and so is a {@code # comment} after
 * the features (SVMlight's). Serializable: the machines that read parts of a table parse with it,
 * with the same messages ({@code file:line:column: ...}).
 */
public final class LibsvmFormat implements Serializable {
    public static final String LABEL = "label", FEATURES = "features";

    private final String labelName, featuresName;
    private final List<String> bound = new java.util.ArrayList<>();
    private final int features;

    /** Checks the bindings: only {@code label} and {@code features} are a LIBSVM table's columns. */
    public LibsvmFormat(List<ColumnBinding> bindings, int features, String table) {
        String label = null, feats = null;
        if (bindings.isEmpty())
            throw new SourceError("--table " + table + ": no column is bound; a LIBSVM table binds --data X=features --data y=label");
        for (ColumnBinding b : bindings) {
            if (b.range() || !b.first().equals(LABEL) && !b.first().equals(FEATURES))
                throw new SourceError("--data " + b + ": a LIBSVM table (" + table + ") has two columns, label and features; "
                        + "bind them with --data X=features --data y=label");
            if (bound.contains(b.name())) throw new SourceError(b.name() + " is bound twice: by --data " + b + " and by another --data");
            if (b.first().equals(LABEL)) {
                if (label != null) throw new SourceError("--data " + b + ": label is bound twice (also to " + label + ")");
                label = b.name();
            } else {
                if (feats != null) throw new SourceError("--data " + b + ": features is bound twice (also to " + feats + ")");
                feats = b.name();
            }
            bound.add(b.name());
        }
        this.labelName = label;
        this.featuresName = feats;
        this.features = features;
    }

    /** The bound names, in the order they were bound. */
    public List<String> boundNames() {
        return List.copyOf(bound);
    }

    /** The name bound to the labels, or null. */
    public String labelName() {
        return labelName;
    }

    /** The name bound to the features, or null. */
    public String featuresName() {
        return featuresName;
    }

    /** The number of features given ({@code --features}), or 0 for the largest index. */
    public int features() {
        return features;
    }

    /** One parsed line: its label and its features (0-based indices, increasing). */
    public static final class Row {
        public double label;
        public int size;
        public int[] index = new int[16];
        public double[] value = new double[16];

        void add(int i, double v) {
            if (size == index.length) {
                index = Arrays.copyOf(index, 2 * size);
                value = Arrays.copyOf(value, 2 * size);
            }
            index[size] = i;
            value[size++] = v;
        }
    }

    /**
     * Parses a line into {@code row}; false for a line that holds no row (blank, a comment).
     *
     * @param lineNumber the line's number in its file, 1-based, for messages
     */
    public boolean parse(String line, String file, long lineNumber, Row row) {
        int end = line.indexOf('#');
        if (end < 0) end = line.length();
        int at = skip(line, 0, end);
        if (at == end) return false;
        row.size = 0;
        int tokenEnd = token(line, at, end);
        row.label = number(line, at, tokenEnd, file, lineNumber, "the label");
        int previous = 0;
        for (at = skip(line, tokenEnd, end); at < end; at = skip(line, tokenEnd, end)) {
            tokenEnd = token(line, at, end);
            int colon = line.indexOf(':', at);
            if (colon < 0 || colon >= tokenEnd)
                throw new SourceError(where(file, lineNumber, at) + "expected INDEX:VALUE, found '" + line.substring(at, tokenEnd) + "'");
            int index = index(line, at, colon, file, lineNumber);
            if (index < 1)
                throw new SourceError(where(file, lineNumber, at) + "index " + index + ": LIBSVM's indices start at 1");
            if (index <= previous)
                throw new SourceError(where(file, lineNumber, at) + "index " + index + " after index " + previous
                        + ": the indices of a line must increase");
            if (features > 0 && index > features)
                throw new SourceError(where(file, lineNumber, at) + "index " + index + " is beyond --features " + features);
            previous = index;
            row.add(index - 1, number(line, colon + 1, tokenEnd, file, lineNumber, "feature " + index));
        }
        return true;
    }

    private static String where(String file, long line, int at) {
        return file + ":" + line + ":" + (at + 1) + ": ";
    }

    private static int skip(String line, int at, int end) {
        while (at < end && Character.isWhitespace(line.charAt(at))) at++;
        return at;
    }

    private static int token(String line, int at, int end) {
        while (at < end && !Character.isWhitespace(line.charAt(at))) at++;
        return at;
    }

    /** The index as written (0 or negative ones too, for the message that follows). */
    private static int index(String line, int from, int to, String file, long lineNumber) {
        String text = line.substring(from, to);
        if (!text.matches("-?[0-9]+"))
            throw new SourceError(where(file, lineNumber, from) + "'" + text + "' is not an index (a whole number from 1)");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SourceError(where(file, lineNumber, from) + "index " + text + " is too large");
        }
    }

    /** A finite number, with the file, line and column where it is not one. */
    private static double number(String line, int from, int to, String file, long lineNumber, String what) {
        String text = line.substring(from, to);
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        }
        if (plain) {
            try {
                double v = Double.parseDouble(text);        // the characters allow no NaN or Infinity, but 1e999 overflows
                if (Double.isFinite(v)) return v;
                throw new SourceError(where(file, lineNumber, from) + text + " is not a finite number (too large; " + what + ")");
            } catch (NumberFormatException e) {
                // falls through to the message
            }
        }
        if (text.matches("(?i)[+-]?(nan|inf|infinity)"))
            throw new SourceError(where(file, lineNumber, from) + text + " is not a finite number (" + what + ")");
        throw new SourceError(where(file, lineNumber, from) + (text.isEmpty() ? "an empty value" : "'" + text + "' is not a number")
                + " (" + what + ")");
    }
}
