package dev.matcalc.spark;

import dev.matcalc.data.TableLayout;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.rows.RowBlock;
import dev.matcalc.problem.rows.RowBlockBuilder;
import dev.matcalc.syntax.SourceError;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A CSV table read by the executors: a file with a header row, or a directory of parts (each
 * starting with the header; names starting with . or _ skipped, as Hadoop does), split as Hadoop
 * splits text files. Each split's lines become blocks of rows; a bad entry is an error naming the
 * file, its line and column (the line counted from the file's start only when an error needs it).
 */
final class CsvBlocks {
    private CsvBlocks() { }

    static SparkRowTable read(SparkSession spark, TableSource source) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String first = firstFile(source.path(), conf);
        TableLayout layout = new TableLayout(header(first, conf), source.bindings(), DataErrors.shown(first));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopFile(source.path(), TextInputFormat.class, LongWritable.class, Text.class, conf);
        int blockRows = source.blockRows();
        JavaRDD<RowBlock> blocks = lines.mapPartitionsWithInputSplit(
                (split, it) -> blocks(layout, ((FileSplit) split).getPath().toString(), it, blockRows).iterator(), true);
        Map<String, Integer> widths = layout.widths();
        Map<String, Boolean> vectors = new java.util.LinkedHashMap<>();
        widths.keySet().forEach(n -> vectors.put(n, layout.vector(n)));
        return SparkRowTable.dense(spark, blocks, widths, vectors);
    }

    private static List<RowBlock> blocks(TableLayout layout, String file, Iterator<Tuple2<LongWritable, Text>> lines, int blockRows) {
        RowBlockBuilder builder = new RowBlockBuilder(layout.widths(), blockRows);
        double[] row = new double[layout.rowLength()];
        String shown = DataErrors.shown(file);
        while (lines.hasNext()) {
            Tuple2<LongWritable, Text> t = lines.next();
            long offset = t._1().get();
            String line = t._2().toString();
            if (offset == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank() || line.startsWith("#")) continue;
            if (layout.isHeader(line)) continue;
            if (offset == 0)
                throw new SourceError(shown + ":1: expected the header row (" + "the first file's) but found another line; "
                        + "every part of a table starts with the same header");
            try {
                layout.parse(line, shown, -1, row);
            } catch (SourceError e) {
                long number = lineNumber(file, offset);        // the message again, with the line's number
                layout.parse(line, shown, number, row);
                throw e;
            }
            builder.add(row);
        }
        return builder.finish();
    }

    /** The 1-based line of the byte {@code offset} of {@code file}: counted only for an error's message. */
    static long lineNumber(String file, long offset) {
        Path p = new Path(file);
        try (FSDataInputStream in = p.getFileSystem(new Configuration()).open(p)) {
            long line = 1, read = 0;
            byte[] buffer = new byte[1 << 16];
            while (read < offset) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, offset - read));
                if (n < 0) break;
                for (int i = 0; i < n; i++) if (buffer[i] == '\n') line++;
                read += n;
            }
            return line;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The table's first file: the path, or a directory's first visible file by name. */
    private static String firstFile(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) throw new SourceError("--table " + path + ": no such file or directory");
            FileStatus status = fs.getFileStatus(p);
            if (!status.isDirectory()) return status.getPath().toString();
            List<String> files = new ArrayList<>();
            for (FileStatus f : fs.listStatus(p)) {
                String name = f.getPath().getName();
                if (f.isFile() && !name.startsWith(".") && !name.startsWith("_")) files.add(f.getPath().toString());
            }
            if (files.isEmpty()) throw new SourceError("--table " + path + ": the directory holds no files");
            String[] sorted = files.toArray(String[]::new);
            Arrays.sort(sorted);
            return sorted[0];
        } catch (IOException e) {
            throw new SourceError("--table " + path + ": " + e.getMessage());
        }
    }

    private static String header(String file, Configuration conf) {
        Path p = new Path(file);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getFileSystem(conf).open(p), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("\uFEFF")) line = line.substring(1);
                if (!line.isBlank()) return line;
            }
        } catch (IOException e) {
            throw new SourceError("cannot read " + DataErrors.shown(file) + ": " + e.getMessage());
        }
        throw new SourceError(DataErrors.shown(file) + ": the file is empty; a table starts with a header row naming its columns");
    }
}
