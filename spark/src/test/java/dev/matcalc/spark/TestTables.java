package dev.matcalc.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The tests' data, made once: n rows of features x1..x4, a regression target y and a ±1 label,
 * written as a CSV table in three parts (each with the header) and as Parquet by Spark itself
 * (with the features also as one array column), under target/.
 */
final class TestTables {
    static final int N = 900, K = 4;
    static final DMatrixRMaj X = new DMatrixRMaj(N, K), Y = new DMatrixRMaj(N, 1), LABEL = new DMatrixRMaj(N, 1);
    static final Path DIR = Path.of("spark/target/spark-tests");
    static final Path CSV = DIR.resolve("table-csv"), PARQUET = DIR.resolve("table.parquet");

    static {
        SplittableRandom rng = new SplittableRandom(17);
        double[] truth = {1.5, -2, 0.5, 0};
        for (int i = 0; i < N; i++) {
            double dot = 0;
            for (int j = 0; j < K; j++) {
                X.set(i, j, rng.nextGaussian());
                dot += truth[j] * X.get(i, j);
            }
            Y.set(i, 0, dot + 0.5 * rng.nextGaussian());
            LABEL.set(i, 0, dot + rng.nextGaussian() > 0 ? 1 : -1);
        }
        try {
            deleteTree(DIR);
            Files.createDirectories(CSV);
            for (int part = 0; part < 3; part++) {
                StringBuilder sb = new StringBuilder("x1,x2,x3,x4,y,label\n");
                for (int i = part * N / 3; i < (part + 1) * N / 3; i++) {
                    for (int j = 0; j < K; j++) sb.append(X.get(i, j)).append(',');
                    sb.append(Y.get(i, 0)).append(',').append(LABEL.get(i, 0)).append('\n');
                }
                Files.writeString(CSV.resolve("part-0000" + part + ".csv"), sb.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StructType schema = new StructType().add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType).add("x4", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType).add("features", DataTypes.createArrayType(DataTypes.DoubleType, false));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] f = {X.get(i, 0), X.get(i, 1), X.get(i, 2), X.get(i, 3)};
            List<Double> list = new ArrayList<>();
            for (double v : f) list.add(v);
            rows.add(RowFactory.create(f[0], f[1], f[2], f[3], Y.get(i, 0), LABEL.get(i, 0), list));
        }
        Dataset<Row> df = SharedSpark.get().createDataFrame(rows, schema).repartition(3);
        df.write().parquet(PARQUET.toString());
    }

    private TestTables() { }

    static void touch() { }

    /** Writes a small CSV file under target/ and returns its path. */
    static String csv(String name, String text) {
        try {
            Path p = DIR.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
