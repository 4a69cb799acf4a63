package dev.matcalc.data;

import dev.matcalc.syntax.FunctionNames;
import dev.matcalc.syntax.Lexer;
import dev.matcalc.syntax.SourceError;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A name bound to columns of a table ({@code --table}): {@code y=label} a vector (one column),
 * {@code X=x1:x20} a matrix (the columns from x1 to x20 in the header's order), or, in a Parquet
 * file, {@code X=features} a matrix from one column of arrays or ML vectors.
 *
 * @param last the range's last column, or null for one column
 */
public record ColumnBinding(String name, String first, String last) implements Serializable {
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    public boolean range() {
        return last != null;
    }

    /** {@code X=x1:x20}, as given. */
    @Override
    public String toString() {
        return name + "=" + first + (last == null ? "" : ":" + last);
    }

    /**
     * Whether a {@code --data} source reads as columns (a name or NAME:NAME) rather than a file or
     * an inline value; with a table, those bind columns.
     */
    public static boolean looksLikeColumns(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0) return false;
        String source = spec.substring(equals + 1).strip();
        if (DataSource.Format.of(source) != DataSource.Format.INLINE) return false;
        String[] parts = source.split(":", -1);
        if (parts.length > 2) return false;
        for (String p : parts) if (!COLUMN.matcher(p.strip()).matches() || isLiteral(p.strip())) return false;
        return true;
    }

    /** true, false, null, nan, inf: inline values, not column names. */
    private static boolean isLiteral(String s) {
        return s.matches("(?i)true|false|null|nan|inf|infinity");
    }

    /** Parses {@code NAME=COL} or {@code NAME=FIRST:LAST}. */
    public static ColumnBinding parse(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0) throw new SourceError("--data " + spec + ": expected NAME=COLUMN or NAME=FIRST:LAST");
        String name = spec.substring(0, equals).strip(), source = spec.substring(equals + 1).strip();
        if (!Lexer.isIdentifier(name))
            throw new SourceError("--data " + spec + ": '" + name + "' is not a variable name (a letter or _, then letters, digits or _)");
        if (FunctionNames.isKnown(name))
            throw new SourceError("--data " + spec + ": '" + name + "' is a function's name, not a variable's");
        String[] parts = source.split(":", -1);
        if (parts.length > 2 || parts[0].isBlank() || parts.length == 2 && parts[1].isBlank())
            throw new SourceError("--data " + spec + ": expected a column (y=label) or a range of columns (X=x1:x20)");
        return new ColumnBinding(name, parts[0].strip(), parts.length == 2 ? parts[1].strip() : null);
    }
}
