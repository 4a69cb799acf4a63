package dev.matcalc.spark;

import dev.matcalc.api.Optimization;
import dev.matcalc.data.ColumnBinding;
import dev.matcalc.data.TableSource;
import dev.matcalc.problem.rows.BlockEvaluator;
import dev.matcalc.problem.rows.BlockProgram;
import dev.matcalc.problem.rows.BlockRequest;
import dev.matcalc.problem.rows.RowAggregator;
import dev.matcalc.problem.rows.RowBlock;
import dev.matcalc.problem.rows.RowTable;
import dev.matcalc.shapes.ValueShape;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the fixed cost of one pass goes (not a test): ways to run the same one-stage job over a
 * cached table, side by side in one JVM, interleaved, many times; then sessions with other Spark
 * settings against the current ones, each reading the table anew.
 * <pre>
 *   java ... dev.matcalc.spark.PassCostBench PARQUET [--master local[2]] [--reps 200]
 *        [--conf-reps 150] [--variant 'k=v,k=v']...
 * </pre>
 * Per candidate: best, median and mean ms of a pass; in local mode also where the median pass's time
 * goes, from timestamps taken inside the tasks (same JVM): driver call to the first task's start,
 * the tasks, the last task's end to the driver's return.
 */
public final class PassCostBench {
    private PassCostBench() { }

    /** Task start/end nanoTimes by task attempt, recorded by the tasks themselves (local mode: the driver's JVM). */
    static final ConcurrentHashMap<Long, long[]> STAMPS = new ConcurrentHashMap<>();

    /** Called before each block: the task's first call notes its start, and its end when Spark completes it. */
    static void stamp() {
        TaskContext ctx = TaskContext.get();
        STAMPS.computeIfAbsent(ctx.taskAttemptId(), id -> {
            long[] s = {System.nanoTime(), 0};
            ctx.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) c -> s[1] = System.nanoTime());
            return s;
        });
    }

    record Candidate(String name, Supplier<double[]> pass) { }

    public static void main(String[] args) throws Exception {
        String path = args[0], master = "local[2]";
        String only = null;
        int reps = 200, confReps = 150, rounds = 3;
        List<String> variants = new ArrayList<>();
        List<String> toggles = new ArrayList<>();
        for (int a = 1; a < args.length; a++) {
            switch (args[a]) {
                case "--master" -> master = args[++a];
                case "--reps" -> reps = Integer.parseInt(args[++a]);
                case "--conf-reps" -> confReps = Integer.parseInt(args[++a]);
                case "--rounds" -> rounds = Integer.parseInt(args[++a]);
                case "--variant" -> variants.add(args[++a]);
                case "--only" -> only = args[++a];
                case "--toggle" -> toggles.add(args[++a]);
                default -> throw new IllegalArgumentException(args[a]);
            }
        }
        if (reps > 0) mechanisms(path, master, reps, only, toggles);
        if (!variants.isEmpty()) settings(path, master, confReps, variants, rounds);
    }

    // ---- the ways to run a pass, one session -------------------------------------------------------------

    static void mechanisms(String path, String master, int reps, String only, List<String> toggles) {
        SparkSession spark = Sessions.get(master);
        long t0 = System.nanoTime();
        try (SparkRowTable table = open(spark, path)) {
            System.out.printf(Locale.ROOT, "%s: %s (opened in %.1f s)%n", master, table.describe(), (System.nanoTime() - t0) / 1e9);
            Captured captured = capture(table);
            JavaRDD<RowBlock> blocks = table.blocks();
            taskSizes(blocks, captured);
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<BlockProgram> shipped = jsc.broadcast(captured.program);
            BlockRequest request = captured.request;
            int width = captured.width;
            try (RowAggregator current = table.aggregator(captured.program)) {
                List<Candidate> cs = new ArrayList<>();
                cs.add(new Candidate("empty treeAggregate (before)", () ->
                        blocks.treeAggregate(new double[0], (acc, b) -> stamp(acc), SparkRowTable::add, 1)));
                cs.add(new Candidate("empty sumOfPartitions (current)", () -> SparkRowTable.sumOfPartitions(blocks, new EmptyPass())));
                cs.add(new Candidate("empty aggregate", () ->
                        blocks.aggregate(new double[0], (acc, b) -> stamp(acc), SparkRowTable::add)));
                cs.add(new Candidate("empty mapPartitions.collect", () -> {
                    List<double[]> parts = blocks.mapPartitions(it -> {
                        double[] acc = new double[0];
                        while (it.hasNext()) acc = stamp(acc, it.next());
                        return List.of(acc).iterator();
                    }).collect();
                    double[] total = new double[0];
                    for (double[] p : parts) total = SparkRowTable.add(total, p);
                    return total;
                }));
                cs.add(new Candidate("pass treeAggregate (before)", () -> blocks.treeAggregate(new double[0],
                        (acc, b) -> SparkRowTable.add(acc, evaluate(shipped.value(), request, b)), SparkRowTable::add, 1)));
                cs.add(new Candidate("pass current (aggregator.sum)", () -> current.sum(request)));
                double[] expected = current.sum(request);
                for (Candidate c : cs)
                    if (c.name.startsWith("pass") && !Arrays.equals(expected, c.pass.get()))
                        throw new AssertionError(c.name + " gives another answer than the current pass");
                System.out.println("answers: every pass candidate equals the current one bit for bit (" + width + " entries)");
                // a pass with one task failing once (a master that retries: local[K,F]): Spark reruns it, the answer is the same
                if (master.contains(",")) {
                SparkRowTable.beforeBlock = ctx -> {
                    if (ctx.partitionId() == 0 && ctx.attemptNumber() == 0) throw new IllegalStateException("failing once");
                };
                double[] retried;
                try {
                    retried = current.sum(request);
                } finally {
                    SparkRowTable.beforeBlock = null;
                }
                System.out.println("a pass with a task failed once equals it too: " + Arrays.equals(expected, retried));
                }
                if (only != null) cs.removeIf(c -> !c.name.matches(only));
                // settings Spark reads again for each job, set on the live configuration around one pass
                for (String t : toggles) {
                    org.apache.spark.SparkConf live = org.apache.spark.SparkEnv.get().conf();
                    String[] kv = t.split("=", 2);
                    Supplier<double[]> empty = () -> SparkRowTable.sumOfPartitions(blocks, new EmptyPass());
                    Supplier<double[]> pass = () -> current.sum(request);
                    for (Candidate c : List.of(new Candidate("empty pass with " + t, empty), new Candidate("pass with " + t, pass)))
                        cs.add(new Candidate(c.name, () -> {
                            scala.Option<String> before = live.getOption(kv[0]);
                            live.set(kv[0], kv[1]);
                            try {
                                return c.pass.get();
                            } finally {
                                if (before.isDefined()) live.set(kv[0], before.get());
                                else live.remove(kv[0]);
                            }
                        }));
                }
                measure(cs, reps, 20);
            }
            shipped.destroy();
        }
        spark.stop();
    }

    private static double[] stamp(double[] acc) {
        stamp();
        return acc;
    }

    private static double[] stamp(double[] acc, RowBlock b) {
        stamp();
        return acc;
    }

    /** The bytes of what each pass's task binary holds (Spark serializes the RDD and the function with its closure serializer). */
    static void taskSizes(JavaRDD<RowBlock> blocks, Captured captured) {
        org.apache.spark.serializer.SerializerInstance ser = org.apache.spark.SparkEnv.get().closureSerializer().newInstance();
        scala.reflect.ClassTag<Object> any = scala.reflect.ClassTag$.MODULE$.AnyRef();
        java.nio.ByteBuffer bytes = ser.serialize(blocks.rdd(), any);
        long rdd = bytes.remaining();
        if (System.getProperty("dump") != null) {
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("dump")), b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        long request = ser.serialize(captured.request, any).remaining();
        long empty = ser.serialize(new EmptyPass(), any).remaining();
        System.out.printf(Locale.ROOT, "serialized: the RDD %d bytes (%s), the request %d bytes, an empty pass's function %d bytes%n",
                rdd, blocks.rdd().getClass().getSimpleName(), request, empty);
    }

    /** The empty pass: every block read, none evaluated. */
    static final class EmptyPass extends SparkRowTable.PartitionSum {
        @Override
        double[] answer(RowBlock block) {
            stamp();
            return new double[0];
        }
    }

    private static double[] evaluate(BlockProgram program, BlockRequest request, RowBlock block) {
        stamp();
        return dev.matcalc.compile.Plan.onOneThread(() -> BlockEvaluator.evaluate(program, request, block));
    }

    /** Interleaved: each round runs every candidate once, in a rotating order; the first warm-up rounds are dropped. */
    static Map<String, double[]> measure(List<Candidate> cs, int reps, int warmup) {
        Map<String, double[]> ms = new LinkedHashMap<>();
        Map<String, List<long[]>> split = new LinkedHashMap<>();
        for (Candidate c : cs) {
            ms.put(c.name, new double[reps]);
            split.put(c.name, new ArrayList<>());
        }
        SparkRowTable.beforeBlock = ctx -> stamp();
        for (int r = -warmup; r < reps; r++) {
            for (int k = 0; k < cs.size(); k++) {
                Candidate c = cs.get(Math.floorMod(k + r, cs.size()));
                STAMPS.clear();
                long t0 = System.nanoTime();
                c.pass.get();
                long t1 = System.nanoTime();
                if (r < 0) continue;
                ms.get(c.name)[r] = (t1 - t0) / 1e6;
                long first = Long.MAX_VALUE, last = Long.MIN_VALUE, busy = 0;
                for (long[] s : STAMPS.values()) {
                    first = Math.min(first, s[0]);
                    last = Math.max(last, s[1]);
                    busy = Math.max(busy, s[1] - s[0]);
                }
                if (!STAMPS.isEmpty()) split.get(c.name).add(new long[] {first - t0, busy, t1 - last});
            }
        }
        SparkRowTable.beforeBlock = null;
        double base = median(ms.get(cs.get(0).name)), baseBest = Arrays.stream(ms.get(cs.get(0).name)).min().orElseThrow();
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %8s %10s %10s | %s%n", "candidate", "best", "median", "mean", "med/first", "best/first",
                "median ms: call->first task start, longest task, last task end->return");
        for (Candidate c : cs) {
            double[] v = ms.get(c.name);
            double best = Arrays.stream(v).min().orElseThrow(), med = median(v), mean = Arrays.stream(v).average().orElseThrow();
            String where = "";
            List<long[]> sp = split.get(c.name);
            if (!sp.isEmpty())
                where = String.format(Locale.ROOT, "%.2f, %.2f, %.2f", medianOf(sp, 0), medianOf(sp, 1), medianOf(sp, 2));
            System.out.printf(Locale.ROOT, "%-34s %8.2f %8.2f %8.2f %10.2f %10.2f | %s%n", c.name, best, med, mean, med / base, best / baseBest, where);
        }
        return ms;
    }

    private static double medianOf(List<long[]> rows, int col) {
        return median(rows.stream().mapToDouble(r -> r[col] / 1e6).toArray());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    // ---- Spark settings, one session each -------------------------------------------------------------------

    /**
     * A first session to warm the JVM (not counted), then rounds: each round one session per setting
     * (the current ones and each variant), in an order rotated by round. Per setting: the median of its
     * sessions' medians, the best of their bests, and their ratios to the current settings'.
     */
    static void settings(String path, String master, int reps, List<String> variants, int rounds) {
        List<String> confs = new ArrayList<>();
        confs.add("");
        confs.addAll(variants);
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (String conf : confs) results.put(conf, new ArrayList<>());
        for (int round = -1; round < rounds; round++) {
            for (int k = 0; k < confs.size(); k++) {
                String conf = round < 0 ? "" : confs.get(Math.floorMod(k + round, confs.size()));
                SparkSession spark = session(master, conf);
                try (SparkRowTable table = open(spark, path)) {
                    Captured captured = capture(table);
                    try (RowAggregator current = table.aggregator(captured.program)) {
                        JavaRDD<RowBlock> blocks = table.blocks();
                        System.out.println("session: " + (conf.isEmpty() ? "(current settings)" : conf) + (round < 0 ? " (warm-up)" : ""));
                        Map<String, double[]> ms = measure(List.of(
                                new Candidate("empty pass", () -> SparkRowTable.sumOfPartitions(blocks, new EmptyPass())),
                                new Candidate("pass (aggregator.sum)", () -> current.sum(captured.request))), reps, 20);
                        if (round >= 0) results.get(conf).add(new double[] {
                                median(ms.get("empty pass")), Arrays.stream(ms.get("empty pass")).min().orElseThrow(),
                                median(ms.get("pass (aggregator.sum)")), Arrays.stream(ms.get("pass (aggregator.sum)")).min().orElseThrow()});
                    }
                }
                spark.stop();
                SparkSession.clearActiveSession();
                SparkSession.clearDefaultSession();
                if (round < 0) break;
            }
        }
        System.out.println("summary over " + rounds + " sessions each (ms: median of the sessions' medians, best of their bests; ratio to the current settings):");
        double[] base = summary(results.get(""));
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] r = summary(e.getValue());
            System.out.printf(Locale.ROOT, "  %-70s empty median %.2f (%.2fx) best %.2f (%.2fx) | pass median %.2f (%.2fx) best %.2f (%.2fx)%n",
                    e.getKey().isEmpty() ? "(current)" : e.getKey(), r[0], r[0] / base[0], r[1], r[1] / base[1], r[2], r[2] / base[2], r[3], r[3] / base[3]);
        }
    }

    private static double[] summary(List<double[]> sessions) {
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            int col = i;
            double[] v = sessions.stream().mapToDouble(x -> x[col]).toArray();
            r[i] = i % 2 == 0 ? median(v) : Arrays.stream(v).min().orElseThrow();
        }
        return r;
    }

    /** A session as Sessions makes it, with the settings of {@code conf} (k=v,k=v) on top. */
    static SparkSession session(String master, String conf) {
        if (conf.isEmpty()) return Sessions.get(master);
        List<String[]> set = new ArrayList<>();
        for (String kv : conf.split(",")) {
            String[] p = kv.split("=", 2);
            set.add(p);
            System.setProperty(p[0], p[1]);    // SparkConf reads spark.* system properties
        }
        try {
            return Sessions.get(master);
        } finally {
            for (String[] p : set) System.clearProperty(p[0]);
        }
    }

    // ---- a real program and request ------------------------------------------------------------------------

    record Captured(BlockProgram program, BlockRequest request, int width) { }

    static SparkRowTable open(SparkSession spark, String path) {
        return SparkBackend.open(spark, new TableSource(path, List.of(ColumnBinding.parse("X=features"), ColumnBinding.parse("y=label")), 4096), null);
    }

    /** Logistic regression's program and the request of its second pass, as minimize makes them. */
    static Captured capture(SparkRowTable table) {
        BlockProgram[] program = {null};
        BlockRequest[] request = {null};
        int[] width = {0};
        RowTable spy = new RowTable() {
            @Override public int rows() { return table.rows(); }
            @Override public Map<String, ValueShape> shapes() { return table.shapes(); }
            @Override public double seconds() { return table.seconds(); }
            @Override public long passes() { return table.passes(); }
            @Override public String describe() { return table.describe(); }
            @Override public void close() { }
            @Override
            public RowAggregator aggregator(BlockProgram p) {
                RowAggregator a = table.aggregator(p);
                return new RowAggregator() {
                    @Override
                    public double[] sum(BlockRequest r) {
                        double[] s = a.sum(r);
                        if (program[0] == null || program[0] == p) {
                            program[0] = p;
                            request[0] = r;
                            width[0] = s.length;
                        }
                        return s;
                    }
                    @Override public double seconds() { return a.seconds(); }
                    @Override public long passes() { return a.passes(); }
                    @Override public void close() { a.close(); }
                };
            }
        };
        Optimization.minimize("mean(log(1 + exp(-y.*(X*w)))) + 0.5*lam*w'*w").over("w").data("lam", 1e-3).maxIterations(2).solve(spy);
        return new Captured(program[0], request[0], width[0]);
    }
}
