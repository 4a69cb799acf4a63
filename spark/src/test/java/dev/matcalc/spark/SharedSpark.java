package dev.matcalc.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession for every test class (starting one costs seconds): local mode with two threads
 * and two attempts per task ({@code local[2,2]}), so that a task that fails once is retried; on
 * loopback, without a web UI.
 */
final class SharedSpark {
    static final String MASTER = "local[2,2]";
    private static SparkSession session;

    private SharedSpark() { }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().appName("matcalc-tests").master(MASTER)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
