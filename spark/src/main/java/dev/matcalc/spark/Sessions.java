package dev.matcalc.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession a solve runs in. Under {@code spark-submit} the submitted configuration decides
 * (master, executors); otherwise the master given ({@code local[*]} by default), and a local master
 * keeps Spark's traffic on loopback, without a web UI.
 */
final class Sessions {
    private Sessions() { }

    /** The master to use: the one given, else spark-submit's, else local[*]. */
    static String master(String given) {
        if (given != null && !given.isBlank()) return given.strip();
        String submitted = System.getProperty("spark.master");
        return submitted != null ? submitted : "local[*]";
    }

    static SparkSession get(String master) {
        for (scala.Option<SparkSession> o : java.util.List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession())) {
            SparkSession s = o.isDefined() ? o.get() : null;
            if (s != null && !s.sparkContext().isStopped() && s.sparkContext().master().equals(master)) return s;
        }
        SparkSession.Builder b = SparkSession.builder().appName("matcalc").master(master);
        // An executor runs a task per core, each calling BLAS on its blocks: OpenBLAS's own threads would
        // contend with the other tasks (a pass 2.5× slower in bench/spark.sh). The submitter's setting wins.
        if (System.getProperty("spark.executorEnv.OPENBLAS_NUM_THREADS") == null)
            b.config("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                    .config("spark.ui.showConsoleProgress", "false");
        }
        SparkSession s;
        try {
            s = b.getOrCreate();
        } catch (Exception e) {     // SparkException is checked, yet Scala throws it: a master Spark cannot parse or reach
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            throw new dev.matcalc.syntax.SourceError("--spark " + master + ": Spark cannot start with this master: " + why
                    + " (masters: local, local[K], local[*], spark://HOST:PORT, yarn, k8s://...)");
        }
        s.sparkContext().setLogLevel(System.getProperty("matcalc.spark.log", "WARN"));
        return s;
    }
}
