package dev.matcalc.spark;

import dev.matcalc.data.LibsvmFormat;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.rows.RowBlock;
import dev.matcalc.problem.rows.SparseBlockBuilder;
import dev.matcalc.syntax.SourceError;
import org.apache.hadoop.conf.Configuration;
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

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * A LIBSVM table read by the executors ({@link LibsvmFormat}: {@code LABEL INDEX:VALUE ...}, the
 * format of Spark's {@code libsvm} source): a file or a directory of parts, split as Hadoop splits
 * text files. Each split's lines become blocks whose features are sparse (compressed rows); the
 * blocks are cached, and a first job counts the rows and finds the largest index, the features'
 * width (or checks it against {@code --features}). A bad entry is an error naming the file, its
 * line and column, as in a local read.
 */
final class LibsvmBlocks {
    private LibsvmBlocks() { }

    static SparkRowTable read(SparkSession spark, TableSource source) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        exists(source.path(), conf);
        LibsvmFormat format = new LibsvmFormat(source.bindings(), source.features(), source.path());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
                jsc.newAPIHadoopFile(source.path(), TextInputFormat.class, LongWritable.class, Text.class, conf);
        int blockRows = source.blockRows();
        JavaRDD<RowBlock> blocks = lines.mapPartitionsWithInputSplit(
                (split, it) -> blocks(format, ((FileSplit) split).getPath().toString(), it, blockRows).iterator(), true);
        return SparkRowTable.sparse(spark, blocks, format);
    }

    private static List<RowBlock> blocks(LibsvmFormat format, String file, Iterator<Tuple2<LongWritable, Text>> lines, int blockRows) {
        SparseBlockBuilder builder = new SparseBlockBuilder(format, blockRows);
        LibsvmFormat.Row row = new LibsvmFormat.Row();
        String shown = DataErrors.shown(file);
        while (lines.hasNext()) {
            Tuple2<LongWritable, Text> t = lines.next();
            long offset = t._1().get();
            String line = t._2().toString();
            if (offset == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            boolean parsed;
            try {
                parsed = format.parse(line, shown, -1, row);
            } catch (SourceError e) {
                format.parse(line, shown, CsvBlocks.lineNumber(file, offset), row);   // the message again, with the line's number
                throw e;
            }
            if (parsed) builder.add(row);
        }
        return builder.finish();
    }

    private static void exists(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            if (!p.getFileSystem(conf).exists(p)) throw new SourceError("--table " + path + ": no such file or directory");
        } catch (IOException e) {
            throw new SourceError("--table " + path + ": " + e.getMessage());
        }
    }

}
