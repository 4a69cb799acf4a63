package dev.matcalc.spark;

import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.rows.RowBlock;
import dev.matcalc.problem.rows.RowBlockBuilder;
import dev.matcalc.syntax.SourceError;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Parquet table (a file or a directory of parts) read by the executors. {@code y=label} binds a
 * numeric column as a vector, {@code X=x1:x20} numeric columns (in the schema's order) as a
 * matrix, {@code X=features} a column of arrays or ML vectors as a matrix. A null, NaN or infinite
 * entry, or an array of another length than the first row's, is an error naming the file, the row
 * (counted from 1 in its file) and the column.
 */
final class ParquetBlocks {
    private ParquetBlocks() { }

    /** How one binding reads its columns of a row. */
    private record Reader(String name, int[] columns, boolean array, boolean vector, int width) implements Serializable { }

    static SparkRowTable read(SparkSession spark, TableSource source) {
        Dataset<Row> df;
        // In local mode a path without a scheme is a local file: a missing one is said plainly (Spark
        // would name it in an analysis error, after logging a stack trace of its own)
        if (spark.sparkContext().isLocal() && !source.path().contains(":") && !java.nio.file.Files.exists(java.nio.file.Path.of(source.path())))
            throw new SourceError("--table " + source.path() + ": no such file or directory");
        try {
            df = spark.read().parquet(source.path());
        } catch (Exception e) {          // AnalysisException (a missing path) is checked, yet Scala throws it
            throw new SourceError("--table " + source.path() + ": cannot read it as Parquet: " + firstLine(e.getMessage()));
        }
        StructType schema = df.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        List<Column> selected = new ArrayList<>();
        List<String> selectedNames = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        for (ColumnBinding b : source.bindings()) {
            int first = index(names, b.first(), b, source.path()), last = b.range() ? index(names, b.last(), b, source.path()) : first;
            if (last < first)
                throw new SourceError("--data " + b + ": " + b.last() + " comes before " + b.first() + " in " + source.path());
            int[] columns = new int[last - first + 1];
            boolean array = false;
            for (int j = first; j <= last; j++) {
                StructField f = schema.fields()[j];
                DataType t = f.dataType();
                boolean numeric = t instanceof NumericType;
                boolean list = t instanceof ArrayType a && a.elementType() instanceof NumericType;
                boolean vec = t instanceof UserDefinedType<?> || t instanceof StructType;
                if (b.range() && !numeric || !numeric && !list && !vec)
                    throw new SourceError("--data " + b + ": column " + f.name() + " of " + source.path() + " holds "
                            + t.simpleString() + (b.range() ? "; a range binds numeric columns" : "; expected numbers, arrays of numbers or ML vectors"));
                array = !numeric;
                columns[j - first] = selected.size();
                selected.add(functions.col("`" + f.name() + "`"));
                selectedNames.add(f.name());
            }
            readers.add(new Reader(b.name(), columns, array, array && !(schema.fields()[first].dataType() instanceof ArrayType), 0));
        }
        selected.add(functions.col("_metadata.file_path"));
        selected.add(functions.col("_metadata.row_index"));
        Dataset<Row> rows = df.select(selected.toArray(Column[]::new));
        Row firstRow = DataErrors.run(() -> rows.isEmpty() ? null : rows.first());
        if (firstRow == null) throw new SourceError("--table " + source.path() + ": no rows");
        Map<String, Integer> widths = new LinkedHashMap<>();
        Map<String, Boolean> vectors = new LinkedHashMap<>();
        List<Reader> sized = new ArrayList<>();
        for (Reader r : readers) {
            int width = r.array ? values(firstRow, r.columns[0], r.vector, "", 0, selectedNames.get(r.columns[0])).length : r.columns.length;
            if (width == 0) throw new SourceError("--data " + r.name + ": the first row's " + selectedNames.get(r.columns[0]) + " is empty");
            sized.add(new Reader(r.name, r.columns, r.array, r.vector, width));
            widths.put(r.name, width);
            vectors.put(r.name, !r.array && r.columns.length == 1);
        }
        int blockRows = source.blockRows();
        List<String> columnNames = List.copyOf(selectedNames);
        int fileAt = selected.size() - 2;
        JavaRDD<RowBlock> blocks = rows.javaRDD().mapPartitions(it -> blocks(it, sized, widths, columnNames, fileAt, blockRows).iterator());
        return SparkRowTable.dense(spark, blocks, widths, vectors);
    }

    private static List<RowBlock> blocks(Iterator<Row> rows, List<Reader> readers, Map<String, Integer> widths, List<String> columnNames,
                                         int fileAt, int blockRows) {
        RowBlockBuilder builder = new RowBlockBuilder(widths, blockRows);
        int length = widths.values().stream().mapToInt(Integer::intValue).sum();
        double[] out = new double[length];
        while (rows.hasNext()) {
            Row r = rows.next();
            String file = DataErrors.shown(r.getString(fileAt));
            long row = r.getLong(fileAt + 1) + 1;
            int at = 0;
            for (Reader reader : readers) {
                if (!reader.array) {
                    for (int c : reader.columns) out[at++] = number(r, c, file, row, columnNames.get(c));
                    continue;
                }
                double[] v = values(r, reader.columns[0], reader.vector, file, row, columnNames.get(reader.columns[0]));
                if (v.length != reader.width)
                    throw new SourceError(file + ": row " + row + ": column " + columnNames.get(reader.columns[0]) + " has "
                            + v.length + " entries, but the first row's has " + reader.width);
                for (int i = 0; i < v.length; i++) out[at++] = finite(v[i], file, row, columnNames.get(reader.columns[0]) + "[" + (i + 1) + "]");
            }
            builder.add(out);
        }
        return builder.finish();
    }

    private static double number(Row r, int c, String file, long row, String column) {
        if (r.isNullAt(c)) throw new SourceError(file + ": row " + row + ": column " + column + " is null, expected a number");
        return finite(((Number) r.get(c)).doubleValue(), file, row, column);
    }

    private static double finite(double v, String file, long row, String column) {
        if (!Double.isFinite(v)) throw new SourceError(file + ": row " + row + ": column " + column + " is " + v + ", not a finite number");
        return v;
    }

    /** An array column's or ML vector's entries (a vector stored as its struct: type, size, indices, values). */
    private static double[] values(Row r, int c, boolean vector, String file, long row, String column) {
        if (r.isNullAt(c)) throw new SourceError(file + ": row " + row + ": column " + column + " is null, expected numbers");
        Object v = r.get(c);
        if (v instanceof scala.collection.Seq<?> seq) {
            double[] out = new double[seq.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = seq.apply(i);
                if (e == null) throw new SourceError(file + ": row " + row + ": column " + column + "[" + (i + 1) + "] is null");
                out[i] = ((Number) e).doubleValue();
            }
            return out;
        }
        if (v instanceof Row s) {               // VectorUDT's storage: type 0 sparse (size, indices, values), 1 dense (values)
            double[] values = doubles(s.getSeq(3));
            if (s.getByte(0) == 1) return values;
            double[] out = new double[s.getInt(1)];
            scala.collection.Seq<?> indices = s.getSeq(2);
            for (int i = 0; i < values.length; i++) out[((Number) indices.apply(i)).intValue()] = values[i];
            return out;
        }
        try {                                    // org.apache.spark.ml.linalg.Vector, without a compile-time dependency on MLlib
            return (double[]) v.getClass().getMethod("toArray").invoke(v);
        } catch (ReflectiveOperationException e) {
            throw new SourceError(file + ": row " + row + ": column " + column + " holds " + v.getClass().getSimpleName()
                    + ", expected numbers");
        }
    }

    private static double[] doubles(scala.collection.Seq<?> seq) {
        double[] out = new double[seq.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) seq.apply(i)).doubleValue();
        return out;
    }

    private static int index(List<String> names, String column, ColumnBinding b, String path) {
        int i = names.indexOf(column);
        if (i < 0)
            throw new SourceError("--data " + b + ": no column '" + column + "' in " + path + "; its columns are "
                    + String.join(", ", names.size() > 12 ? names.subList(0, 12) : names) + (names.size() > 12 ? ", ..." : ""));
        return i;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
