package dev.matcalc.cli;

import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.CsvTable;
import dev.matcalc.data.DataSource;
import dev.matcalc.data.DataValue;
import dev.matcalc.data.LibsvmFormat;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.rows.LibsvmRows;
import dev.matcalc.problem.rows.RowBackend;
import dev.matcalc.problem.rows.RowTable;
import dev.matcalc.syntax.SourceError;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --table} and {@code --spark} for minimize and maximize: which {@code --data} bindings name
 * the table's columns, reading a CSV table here (a LIBSVM table into sparse blocks), and finding the cluster backend (the Spark module,
 * through {@link RowBackend#find()}) when the rows are to stay on a cluster or the format needs it.
 */
final class Tables {
    private Tables() { }

    /** The most rows a block may hold: blocks are meant to stay in cache; a million rows is far past that already. */
    static final int MAX_BLOCK_ROWS = 1 << 20;

    /** The table with its column bindings, and the other --data values. */
    record Bound(TableSource source, Map<String, DataValue> others) { }

    static Bound bind(String table, List<String> data, int blockRows, Integer features) {
        if (blockRows < 1) throw new SourceError("--block-rows must be at least 1, not " + blockRows);
        if (blockRows > MAX_BLOCK_ROWS)
            throw new SourceError("--block-rows must be at most " + MAX_BLOCK_ROWS + " (a block is held as one array per binding), not " + blockRows);
        if (features != null && features < 1) throw new SourceError("--features must be at least 1, not " + features);
        List<ColumnBinding> columns = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String spec : data) {
            if (ColumnBinding.looksLikeColumns(spec)) columns.add(ColumnBinding.parse(spec));
            else others.add(spec);
        }
        if (columns.isEmpty())
            throw new SourceError("--table " + table + ": no --data binds its columns; write --data y=COL for a vector, "
                    + "--data X=FIRST:LAST for a matrix of the columns from FIRST to LAST"
                    + " (a LIBSVM table: --data X=features --data y=label)");
        Map<String, DataValue> values = DataSource.parseAll(others, null);
        for (ColumnBinding c : columns)
            if (values.containsKey(c.name())) throw new SourceError(c.name() + " is bound twice: by --data " + c + " and by another --data");
        TableSource source = new TableSource(table, columns, blockRows, features == null ? 0 : features);
        if (features != null && source.format() != TableSource.Format.LIBSVM)
            throw new SourceError("--features " + features + " gives the width of a LIBSVM table (.libsvm, .svm); " + table
                    + " is a " + source.format().name().charAt(0) + source.format().name().substring(1).toLowerCase(java.util.Locale.ROOT)
                    + " table, whose columns are named");
        if (source.format() == TableSource.Format.LIBSVM) new LibsvmFormat(columns, source.features(), table);   // checks the names
        return new Bound(source, values);
    }

    /** A LIBSVM table read here into blocks whose features stay sparse (never a dense n×d matrix). */
    static RowTable readSparse(TableSource source) {
        return LibsvmRows.read(source);
    }

    /** The table's columns read into memory here: CSV directly, Parquet through the backend's local mode. */
    static Map<String, DataValue> readLocally(TableSource source, PrintWriter err) {
        if (source.format() == TableSource.Format.CSV) return CsvTable.read(source);
        return backend("reading a Parquet table").read(source, err);
    }

    /** The table opened on the cluster at {@code master} ("" for the default). */
    static RowTable open(TableSource source, String master, PrintWriter err) {
        if (!master.isEmpty() && !master.matches("local(\\[.*])?|(spark|k8s|mesos)://.+|yarn"))
            throw new SourceError("--spark " + master + ": not a Spark master (local[*], local[2], spark://HOST:7077, yarn, k8s://...); "
                    + "put the objective before --spark");
        return backend("--spark").open(source, master.isEmpty() ? null : master, err);
    }

    private static RowBackend backend(String what) {
        RowBackend b = RowBackend.find();
        if (b == null)
            throw new SourceError(what + " needs the Spark module (matcalc-spark) on the class path, which this matcalc was started "
                    + "without; ./matcalc builds and adds it when the command line has --spark, and spark-submit runs the "
                    + "matcalc-spark jar");
        return b;
    }
}
