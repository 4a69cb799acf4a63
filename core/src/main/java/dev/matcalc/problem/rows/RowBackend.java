package dev.matcalc.problem.rows;

import dev.matcalc.data.DataValue;
import dev.matcalc.data.TableSource;

import java.io.PrintWriter;
import java.util.Map;

/**
 * A service that holds tables on a cluster (the Spark module provides one, found through
 * {@link java.util.ServiceLoader}): the command line and the library depend on this interface
 * alone, never on the cluster's libraries.
 */
public interface RowBackend {
    /** The name users know it by: {@code spark}. */
    String name();

    /**
     * Reads the table onto the cluster at {@code master} ({@code local[*]}, {@code local[2]},
     * {@code spark://host:7077}, ...) in blocks; user errors are {@link dev.matcalc.syntax.SourceError}s
     * naming the file, row and column.
     *
     * @param notes where to say what it does (a line or two), or null
     */
    RowTable open(TableSource source, String master, PrintWriter notes);

    /** Reads the table into this JVM's memory (formats only the cluster's libraries read, as Parquet). */
    Map<String, DataValue> read(TableSource source, PrintWriter notes);

    /** The first backend on the class path, or null when there is none. */
    static RowBackend find() {
        for (RowBackend b : java.util.ServiceLoader.load(RowBackend.class)) return b;
        return null;
    }
}
