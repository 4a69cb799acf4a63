package dev.matcalc.problem.rows;

import dev.matcalc.data.CsvTable;
import dev.matcalc.data.LibsvmFormat;
import dev.matcalc.data.TableSource;
import dev.matcalc.shapes.ValueShape;
import dev.matcalc.syntax.SourceError;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LIBSVM table ({@link LibsvmFormat}) read into this JVM as {@link InMemoryRows}: blocks of rows
 * whose features stay sparse (compressed rows), never an n×d dense matrix. A file, or a directory
 * of parts read in name order (names starting with . or _ skipped, as Hadoop does).
 */
public final class LibsvmRows {
    private LibsvmRows() { }

    public static InMemoryRows read(TableSource source) {
        LibsvmFormat format = new LibsvmFormat(source.bindings(), source.features(), source.path());
        SparseBlockBuilder builder = new SparseBlockBuilder(format, source.blockRows());
        LibsvmFormat.Row row = new LibsvmFormat.Row();
        List<RowBlock> blocks = new ArrayList<>();
        long rows = 0;
        for (Path file : CsvTable.parts(source.path())) {
            String name = file.toString();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                for (long number = 1; (line = in.readLine()) != null; number++) {
                    if (number == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                    if (!format.parse(line, name, number, row)) continue;
                    if (++rows > Integer.MAX_VALUE)
                        throw new SourceError("--table " + source.path() + ": more than " + Integer.MAX_VALUE + " rows; use --spark");
                    builder.add(row);
                }
            } catch (NoSuchFileException e) {
                throw new SourceError("cannot read " + name + ": no such file");
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new SourceError("cannot read " + name + ": it is not UTF-8 text");
            } catch (IOException e) {
                throw new SourceError("cannot read " + name + ": " + e.getMessage());
            }
        }
        blocks.addAll(builder.finish());
        if (rows == 0) throw new SourceError("--table " + source.path() + ": no rows (a LIBSVM line is LABEL INDEX:VALUE ...)");
        return table(blocks, format, (int) rows);
    }

    /** The blocks widened to the table's width (the --features given, or the largest index), as a table. */
    static InMemoryRows table(List<RowBlock> blocks, LibsvmFormat format, int rows) {
        int width = width(blocks, format);
        Map<String, ValueShape> shapes = shapes(format, rows, width);
        List<RowBlock> widened = new ArrayList<>();
        Map<String, Integer> cols = format.featuresName() == null ? Map.of() : Map.of(format.featuresName(), width);
        for (RowBlock b : blocks) widened.add(b.widened(cols));
        return new InMemoryRows(widened, shapes, format.featuresName() == null ? Set.of() : Set.of(format.featuresName()));
    }

    private static int width(List<RowBlock> blocks, LibsvmFormat format) {
        int width = Math.max(1, format.features());
        if (format.featuresName() != null)
            for (RowBlock b : blocks) width = Math.max(width, b.values().get(format.featuresName()).numCols);
        return width;
    }

    /** The bindings' shapes, in the order they were bound: the labels n×1, the features n×width. */
    public static Map<String, ValueShape> shapes(LibsvmFormat format, int rows, int width) {
        Map<String, ValueShape> shapes = new LinkedHashMap<>();
        for (String name : format.boundNames())
            shapes.put(name, name.equals(format.labelName()) ? new ValueShape(ValueShape.Kind.VECTOR, rows, 1)
                    : new ValueShape(ValueShape.Kind.MATRIX, rows, width));
        return shapes;
    }
}
