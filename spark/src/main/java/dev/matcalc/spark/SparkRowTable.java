package dev.matcalc.spark;

import dev.matcalc.data.LibsvmFormat;
import dev.matcalc.problem.rows.BlockEvaluator;
import dev.matcalc.problem.rows.LibsvmRows;
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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A table held by Spark as a cached RDD of {@link RowBlock}s. Each pass is one job: the request
 * (the point, and in a second pass the weights) travels with the tasks, every block answers with
 * {@link BlockEvaluator#evaluate}, each task adds its blocks' answers and the driver the tasks' (a
 * {@code treeAggregate}, adding them up a tree, beyond {@value #DIRECT_PARTITIONS} partitions).
 * A task that fails is rerun by Spark from the cached (or recomputed) blocks, with the same answer.
 */
public final class SparkRowTable implements RowTable {
    /** Called before each block is evaluated, on the executor (tests use it to fail a task once); null in use. */
    static volatile Consumer<TaskContext> beforeBlock;

    private final SparkSession spark;
    private final JavaRDD<RowBlock> cached;     // what is persisted
    private final JavaRDD<RowBlock> blocks;     // what the passes read: the cached blocks, or views of them
    private final Map<String, ValueShape> shapes;
    private final Set<String> sparse;
    private final int rows;
    private final long blockCount;
    private final String master;
    private long nanos, passes;

    /** Caches {@code blocks} and counts them (the first job: it reads the table, and finds its errors). */
    static SparkRowTable dense(SparkSession spark, JavaRDD<RowBlock> blocks, Map<String, Integer> widths, Map<String, Boolean> vectors) {
        JavaRDD<RowBlock> cached = cache(spark, blocks);
        long[] counted = DataErrors.run(() -> cached.map(b -> new long[] {b.rows(), 1})
                .fold(new long[] {0, 0}, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}));
        int rows = rows(counted);
        return new SparkRowTable(spark, cached, cached, rows, counted[1], shapes(widths, vectors, rows), Set.of());
    }

    private SparkRowTable(SparkSession spark, JavaRDD<RowBlock> cached, JavaRDD<RowBlock> blocks, int rows, long blockCount,
                          Map<String, ValueShape> shapes, Set<String> sparse) {
        this.spark = spark;
        this.master = spark.sparkContext().master();
        this.cached = cached;
        this.blocks = blocks;
        this.rows = rows;
        this.blockCount = blockCount;
        this.shapes = shapes;
        this.sparse = Set.copyOf(sparse);
    }

    /**
     * A LIBSVM table's blocks, cached: one job counts the rows and finds the features' width (the
     * largest index, or the --features given); the passes read each cached block widened to it (a
     * view sharing its arrays, made per pass at no cost).
     */
    static SparkRowTable sparse(SparkSession spark, JavaRDD<RowBlock> parsed, LibsvmFormat format) {
        JavaRDD<RowBlock> cached = cache(spark, parsed);
        String features = format.featuresName();
        long[] counted = DataErrors.run(() -> cached.map(b -> new long[] {b.rows(), 1, features == null ? 0 : b.values().get(features).numCols})
                .fold(new long[] {0, 0, 0}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1], Math.max(a[2], b[2])}));
        int rows = rows(counted);
        int width = (int) Math.max(Math.max(1, format.features()), counted[2]);
        Map<String, Integer> widths = features == null ? Map.of() : Map.of(features, width);
        JavaRDD<RowBlock> widened = features == null ? cached : cached.map(b -> b.widened(widths));
        return new SparkRowTable(spark, cached, widened, rows, counted[1], LibsvmRows.shapes(format, rows, width),
                features == null ? Set.of() : Set.of(features));
    }

    /**
     * The blocks persisted for the passes. In local mode (one JVM: no executor can be lost, so the
     * lineage protects nothing a task retry needs) they are cut to one partition per core and their
     * lineage to the cached blocks (Spark's local checkpoint), since each pass is a job whose fixed
     * cost grows with its tasks and with the lineage each task deserializes (the Parquet scan's
     * plan): 6 partitions of 2,000,000 × 50 rows on local[2] paid 3-7 ms per task for it, an empty
     * job on them 40-80 ms against 16-20 ms cut (bench/RESULTS-spark.md). On a cluster the table keeps
     * Spark's partitions and lineage, so that the blocks of a lost executor are read again.
     */
    static JavaRDD<RowBlock> cache(SparkSession spark, JavaRDD<RowBlock> blocks) {
        if (!spark.sparkContext().isLocal()) return blocks.persist(StorageLevel.MEMORY_ONLY());
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        JavaRDD<RowBlock> fewer = blocks.getNumPartitions() > cores ? blocks.coalesce(cores) : blocks;
        JavaRDD<RowBlock> cached = fewer.persist(StorageLevel.MEMORY_ONLY());
        cached.rdd().localCheckpoint();   // done by the first job (the count that follows)
        return cached;
    }

    private static int rows(long[] counted) {
        if (counted[0] == 0) throw new dev.matcalc.syntax.SourceError("the table has no rows");
        if (counted[0] > Integer.MAX_VALUE)
            throw new dev.matcalc.syntax.SourceError("the table has " + counted[0] + " rows; at most " + Integer.MAX_VALUE + " are supported");
        return (int) counted[0];
    }

    private static Map<String, ValueShape> shapes(Map<String, Integer> widths, Map<String, Boolean> vectors, int rows) {
        Map<String, ValueShape> shapes = new LinkedHashMap<>();
        widths.forEach((name, k) -> shapes.put(name, new ValueShape(vectors.get(name) ? ValueShape.Kind.VECTOR : ValueShape.Kind.MATRIX, rows, k)));
        return shapes;
    }

    @Override
    public Set<String> sparse() {
        return sparse;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public Map<String, ValueShape> shapes() {
        return shapes;
    }

    /** The blocks, for callers that collect them (reading Parquet into memory). */
    JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    /**
     * The tree's depth: one level (each partition's sum straight to the driver, one stage per pass)
     * up to {@value #DIRECT_PARTITIONS} partitions; deeper beyond, so that the driver never receives
     * more than a few dozen sums. A second level is a second stage with a shuffle: a fixed cost per
     * pass that dominated passes over a few million rows in local mode (bench/RESULTS-spark.md).
     */
    static int depth(int partitions) {
        if (partitions <= DIRECT_PARTITIONS) return 1;
        return Math.max(2, (int) Math.ceil(Math.log(partitions) / Math.log(DIRECT_PARTITIONS)));
    }

    static final int DIRECT_PARTITIONS = 32;

    @Override
    public RowAggregator aggregator(BlockProgram program) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<BlockProgram> shipped = jsc.broadcast(program);
        int depth = depth(blocks.getNumPartitions());
        return new RowAggregator() {
            private long nanosHere, passesHere;

            @Override
            public double[] sum(BlockRequest request) {
                long started = System.nanoTime();
                // The request (the point, and the weights of a second pass) travels in the task's
                // closure, which Spark already broadcasts once per stage: a broadcast of its own cost
                // another block to write, fetch and destroy per pass. The program, the same for every
                // pass, is broadcast once and kept by each executor.
                try {
                    double[] total = DataErrors.run(() -> depth == 1
                            ? sumOfPartitions(blocks, new Evaluate(shipped, request))
                            : blocks.treeAggregate(new double[0], (acc, block) -> add(acc, evaluate(shipped.value(), request, block)),
                                    SparkRowTable::add, depth));
                    if (total.length == 0) throw new IllegalStateException("the table has no blocks");
                    return total;
                } finally {
                    long took = System.nanoTime() - started;
                    nanosHere += took;
                    passesHere++;
                    nanos += took;
                    passes++;
                }
            }

            @Override
            public double seconds() {
                return nanosHere / 1e9;
            }

            @Override
            public long passes() {
                return passesHere;
            }

            @Override
            public void close() {
                String id = program.id();
                try {
                    blocks.foreachPartition(it -> BlockEvaluator.forget(id));
                } catch (RuntimeException ignored) {
                    // the plans are only memory; a failure to drop them changes no answer
                }
                shipped.destroy();
            }
        };
    }

    /**
     * One job over all partitions, each task answering with the sum of its blocks' answers; these are
     * added on the driver in partition order (the same answer whichever task ends first; a task run
     * again answers once). {@code SparkContext.runJob} with a function of our own, not {@code
     * treeAggregate}: that wraps the functions in Scala closures, which Spark's closure cleaner reads
     * from their class files with ASM on every job. An empty pass over 2,000,000 × 50 cached rows on
     * local[2] took 13.6 ms (median of 300; best 9.1) as a treeAggregate, 7.3 ms (best 3.0) this way;
     * a logistic regression pass 62.1 → 54.7 ms (PassCostBench, one JVM, interleaved; bench/RESULTS-spark.md).
     */
    static double[] sumOfPartitions(JavaRDD<RowBlock> blocks, PartitionSum f) {
        double[][] parts = new double[blocks.getNumPartitions()][];
        blocks.context().runJob(blocks.rdd(), f, (scala.Function2<Object, double[], scala.runtime.BoxedUnit>) (index, part) -> {
            parts[(Integer) index] = part;
            return scala.runtime.BoxedUnit.UNIT;
        }, scala.reflect.ClassTag$.MODULE$.apply(double[].class));
        double[] total = new double[0];
        for (double[] part : parts) total = add(total, part);
        return total;
    }

    /** A task of a pass: its partition's blocks' answers added up (empty when it has no blocks). */
    abstract static class PartitionSum extends scala.runtime.AbstractFunction2<TaskContext, scala.collection.Iterator<RowBlock>, double[]>
            implements java.io.Serializable {
        abstract double[] answer(RowBlock block);

        @Override
        public final double[] apply(TaskContext context, scala.collection.Iterator<RowBlock> blocks) {
            double[] acc = new double[0];
            while (blocks.hasNext()) acc = add(acc, answer(blocks.next()));
            return acc;
        }
    }

    /** The pass's request answered by each block. */
    private static final class Evaluate extends PartitionSum {
        private final Broadcast<BlockProgram> program;
        private final BlockRequest request;

        Evaluate(Broadcast<BlockProgram> program, BlockRequest request) {
            this.program = program;
            this.request = request;
        }

        @Override
        double[] answer(RowBlock block) {
            return evaluate(program.value(), request, block);
        }
    }

    private static double[] evaluate(BlockProgram program, BlockRequest request, RowBlock block) {
        Consumer<TaskContext> hook = beforeBlock;
        if (hook != null) hook.accept(TaskContext.get());
        // Spark runs a task per core: a block's plan stays on its task's thread
        return dev.matcalc.compile.Plan.onOneThread(() -> BlockEvaluator.evaluate(program, request, block));
    }

    /** a + b entry by entry, into a (an empty array is the zero). */
    static double[] add(double[] a, double[] b) {
        if (a.length == 0) return b.length == 0 ? a : b.clone();
        if (b.length == 0) return a;
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }

    @Override
    public double seconds() {
        return nanos / 1e9;
    }

    @Override
    public long passes() {
        return passes;
    }

    @Override
    public String describe() {
        return "Spark " + spark.version() + " " + master + ": " + count(rows, "row") + " in " + count(blockCount, "block") + ", "
                + count(blocks.getNumPartitions(), "partition");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public void close() {
        // RDD.unpersist warns that a locally checkpointed RDD cannot be recomputed once its blocks are
        // gone: true and intended here (the table is done with), so in local mode the blocks are
        // dropped as unpersist drops them, without the warning on the user's terminal.
        if (cached.rdd().isLocallyCheckpointed()) spark.sparkContext().unpersistRDD(cached.id(), false);
        else cached.unpersist(false);
    }
}
