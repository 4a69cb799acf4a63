package dev.matcalc.spark;

import dev.matcalc.problem.rows.RowBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A pass's job ({@link SparkRowTable#sumOfPartitions}) on a real Spark (local[2,2], shared). */
class SparkPassTest {
    /** Partition p's block answers VALUES[p] (its rows say p); one partition's task sleeps first, so it ends last. */
    private static final class Answers extends SparkRowTable.PartitionSum {
        static final double[] VALUES = {1e17, 1, -1e17, 1};
        private final int slow;

        Answers(int slow) {
            this.slow = slow;
        }

        @Override
        double[] answer(RowBlock block) {
            if (block.rows() == slow) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new double[] {VALUES[block.rows()], block.rows()};
        }
    }

    private static JavaRDD<RowBlock> fourPartitions() {
        List<RowBlock> blocks = new ArrayList<>();
        for (int p = 0; p < 4; p++) blocks.add(new RowBlock(p, Map.of()));
        JavaRDD<RowBlock> rdd = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()).parallelize(blocks, 4);
        assertThat(rdd.getNumPartitions()).isEqualTo(4);
        return rdd;
    }

    @Test
    void addsThePartitionsSumsInPartitionOrderWhicheverTaskEndsLast() {
        // in partition order ((1e17 + 1) - 1e17) + 1 = 1 (the first 1 is lost to rounding); in any order
        // of the tasks ending with partition 0 last, 0 (both 1s are lost against -1e17)
        JavaRDD<RowBlock> rdd = fourPartitions();
        double inOrder = 0;
        for (double v : Answers.VALUES) inOrder += v;
        assertThat(inOrder).isEqualTo(1.0);
        for (int slow = 0; slow < 4; slow++)
            assertThat(SparkRowTable.sumOfPartitions(rdd, new Answers(slow))).as("partition %d last", slow).containsExactly(inOrder, 0 + 1 + 2 + 3);
    }

    @Test
    void anRddWithoutBlocksSumsToTheEmptyArray() {
        JavaRDD<RowBlock> none = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()).parallelize(List.<RowBlock>of(), 3);
        assertThat(SparkRowTable.sumOfPartitions(none, new Answers(-1))).isEmpty();
    }
}
