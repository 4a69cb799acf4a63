package dev.matcalc.data;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * A table to read ({@code --table PATH}) and the names bound to its columns.
 *
 * @param path      a CSV file with a header row, a directory of such files (parts), a Parquet file
 *                  or a directory of Parquet parts, a LIBSVM file ({@code .libsvm}, {@code .svm}) or a
 *                  directory of LIBSVM parts
 * @param blockRows rows per block where the table is held in blocks
 * @param features  for a LIBSVM table, its number of features when more than its largest index
 *                  ({@code --features N}); 0 takes the largest index
 */
public record TableSource(String path, List<ColumnBinding> bindings, int blockRows, int features) implements Serializable {
    public TableSource {
        bindings = List.copyOf(bindings);
        if (features < 0) throw new IllegalArgumentException("a table has at least 0 features, not " + features);
    }

    public TableSource(String path, List<ColumnBinding> bindings, int blockRows) {
        this(path, bindings, blockRows, 0);
    }

    public enum Format { CSV, PARQUET, LIBSVM }

    /**
     * Parquet when the path (or, for a directory, a part in it) ends in .parquet; LIBSVM when it
     * ends in .libsvm or .svm; CSV otherwise.
     */
    public Format format() {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        Format byName = byName(path);
        if (byName != Format.CSV) return byName;
        if (java.nio.file.Files.isDirectory(p)) {
            try (var files = java.nio.file.Files.list(p)) {
                return files.map(f -> byName(f.getFileName().toString())).filter(f -> f != Format.CSV).findFirst().orElse(Format.CSV);
            } catch (java.io.IOException e) {
                return Format.CSV;
            }
        }
        return Format.CSV;
    }

    private static Format byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) return Format.PARQUET;
        if (n.endsWith(".libsvm") || n.endsWith(".svm")) return Format.LIBSVM;
        return Format.CSV;
    }
}
