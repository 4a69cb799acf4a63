package dev.matcalc.data;

import dev.matcalc.numeric.Values;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;
import org.ejml.data.DMatrixRMaj;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A CSV table ({@code --table}) read into this JVM: a file with a header row, or a directory of
 * such files (the parts a cluster writes, read in name order, each starting with the same header;
 * names starting with . or _ are skipped, as Hadoop does). Each {@link ColumnBinding} becomes a
 * vector or a matrix of all the rows.
 */
public final class CsvTable {
    private CsvTable() { }

    /** The files of a table: the file itself, or a directory's visible files in name order. */
    public static List<Path> parts(String table) {
        Path p = Path.of(table);
        if (!Files.exists(p)) throw new SourceError("--table " + table + ": no such file or directory");
        if (!Files.isDirectory(p)) return List.of(p);
        try (Stream<Path> s = Files.list(p)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".") && !f.getFileName().toString().startsWith("_"))
                    .sorted().toList();
            if (files.isEmpty()) throw new SourceError("--table " + table + ": the directory holds no files");
            return files;
        } catch (IOException e) {
            throw new SourceError("--table " + table + ": cannot list the directory: " + e.getMessage());
        }
    }

    /** The header line of the table's first file. */
    public static String headerLine(String table) {
        Path first = parts(table).get(0);
        try (BufferedReader in = Files.newBufferedReader(first, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("\uFEFF")) line = line.substring(1);
                if (!line.isBlank()) return line;
            }
        } catch (IOException e) {
            throw new SourceError("cannot read " + first + ": " + e.getMessage());
        }
        throw new SourceError(first + ": the file is empty; a table starts with a header row naming its columns");
    }

    /** Reads every row of the table's bound columns. */
    public static Map<String, DataValue> read(TableSource source) {
        TableLayout layout = new TableLayout(headerLine(source.path()), source.bindings(), parts(source.path()).get(0).toString());
        int width = layout.rowLength();
        double[] data = new double[Math.max(16, width * 16)];
        double[] row = new double[width];
        long rows = 0;
        for (Path file : parts(source.path())) {
            String name = file.toString();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                boolean headed = false;
                for (long number = 1; (line = in.readLine()) != null; number++) {
                    if (number == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                    if (line.isBlank() || line.startsWith("#")) continue;
                    if (!headed) {
                        if (!layout.isHeader(line))
                            throw new SourceError(name + ":" + number + ": the header differs from the first file's ("
                                    + headerLine(source.path()).strip() + ")");
                        headed = true;
                        continue;
                    }
                    layout.parse(line, name, number, row);
                    long entries = (rows + 1) * width;
                    if (entries > Values.MAX_ENTRIES)
                        throw new SourceError("--table " + source.path() + ": more than " + Values.MAX_ENTRIES
                                + " entries, the limit for one machine's memory; use --spark");
                    if (entries > data.length) data = Arrays.copyOf(data, (int) Math.min(Values.MAX_ENTRIES, Math.max(entries, 2L * data.length)));
                    System.arraycopy(row, 0, data, (int) (rows * width), width);
                    rows++;
                }
            } catch (NoSuchFileException e) {
                throw new SourceError("cannot read " + name + ": no such file");
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new SourceError("cannot read " + name + ": it is not UTF-8 text");
            } catch (IOException e) {
                throw new SourceError("cannot read " + name + ": " + e.getMessage());
            }
        }
        if (rows == 0) throw new SourceError("--table " + source.path() + ": no rows (only a header)");
        return split(layout, data, (int) rows);
    }

    /** The flat rows split into each binding's matrix. */
    private static Map<String, DataValue> split(TableLayout layout, double[] data, int rows) {
        Map<String, DataValue> out = new LinkedHashMap<>();
        int width = layout.rowLength(), offset = 0;
        for (Map.Entry<String, Integer> e : layout.widths().entrySet()) {
            int k = e.getValue();
            DMatrixRMaj m = new DMatrixRMaj(rows, k);
            for (int i = 0; i < rows; i++) System.arraycopy(data, i * width + offset, m.data, i * k, k);
            offset += k;
            out.put(e.getKey(), new DataValue(layout.vector(e.getKey()) ? ValueShape.Kind.VECTOR : ValueShape.Kind.MATRIX, m));
        }
        return out;
    }
}
