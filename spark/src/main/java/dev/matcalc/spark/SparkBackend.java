package dev.matcalc.spark;

import dev.matcalc.data.DataValue;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.rows.RowBackend;
import dev.matcalc.problem.rows.RowBlock;
import dev.matcalc.problem.rows.RowTable;
import dev.matcalc.shapes.ValueShape;
import org.apache.spark.sql.SparkSession;
import org.ejml.data.DMatrixRMaj;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Spark backend of {@code minimize --spark} (found through {@link java.util.ServiceLoader}). */
public final class SparkBackend implements RowBackend {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RowTable open(TableSource source, String master, PrintWriter notes) {
        String m = Sessions.master(master);
        SparkSession spark = Sessions.get(m);
        return open(spark, source, notes);
    }

    /** Opens {@code source} in a session the caller already has (tests, benchmarks, applications). */
    public static SparkRowTable open(SparkSession spark, TableSource source, PrintWriter notes) {
        SparkRowTable table = switch (source.format()) {
            case PARQUET -> ParquetBlocks.read(spark, source);
            case LIBSVM -> LibsvmBlocks.read(spark, source);
            case CSV -> CsvBlocks.read(spark, source);
        };
        if (notes != null) {
            notes.println("matcalc: " + table.describe());
            notes.flush();
        }
        return table;
    }

    @Override
    public Map<String, DataValue> read(TableSource source, PrintWriter notes) {
        if (source.format() == TableSource.Format.LIBSVM)       // its features stay sparse: dev.matcalc.problem.rows.LibsvmRows reads it
            throw new dev.matcalc.syntax.SourceError("--table " + source.path() + ": a LIBSVM table is read into sparse blocks, not dense values");
        if (notes != null) {
            notes.println("matcalc: reading " + source.path() + " through Spark in local mode (Parquet needs Spark's reader)");
            notes.flush();
        }
        SparkSession spark = Sessions.get(Sessions.master(null));
        try (SparkRowTable table = source.format() == TableSource.Format.PARQUET ? ParquetBlocks.read(spark, source) : CsvBlocks.read(spark, source)) {
            List<RowBlock> blocks = table.blocks().collect();
            Map<String, DataValue> out = new LinkedHashMap<>();
            table.shapes().forEach((name, shape) -> {
                DMatrixRMaj m = new DMatrixRMaj(shape.rows(), shape.cols());
                int at = 0;
                for (RowBlock b : blocks) {
                    DMatrixRMaj part = b.values().get(name);
                    System.arraycopy(part.data, 0, m.data, at, part.getNumElements());
                    at += part.getNumElements();
                }
                out.put(name, new DataValue(shape.kind() == ValueShape.Kind.VECTOR ? ValueShape.Kind.VECTOR : ValueShape.Kind.MATRIX, m));
            });
            return out;
        }
    }
}
