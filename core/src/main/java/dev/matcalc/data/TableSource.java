package dev.matcalc.data;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A table to read ({@code --table PATH}) and the names bound to its columns.
 *
 * @param path      a CSV file with a header row, a directory of such files (parts), a Parquet file
 *                  or a directory of Parquet parts
 * @param blockRows rows per block where the table is held in blocks
 */
public record TableSource(String path, List<ColumnBinding> bindings, int blockRows) implements Serializable {
    public TableSource {
        bindings = List.copyOf(bindings);
    }

    public enum Format { CSV, PARQUET }

    /** Parquet when the path (or, for a directory, a part in it) ends in .parquet; CSV otherwise. */
    public Format format() {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) return Format.PARQUET;
        if (java.nio.file.Files.isDirectory(p)) {
            try (var files = java.nio.file.Files.list(p)) {
                if (files.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")))
                    return Format.PARQUET;
            } catch (java.io.IOException e) {
                return Format.CSV;
            }
        }
        return Format.CSV;
    }
}
