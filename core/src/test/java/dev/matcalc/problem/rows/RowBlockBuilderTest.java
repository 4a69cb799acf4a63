package dev.matcalc.problem.rows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows into blocks: every row once, in order, in blocks of the size asked for, the last one partial. */
class RowBlockBuilderTest {
    private static List<RowBlock> build(int rows, int blockRows) {
        Map<String, Integer> widths = new LinkedHashMap<>();
        widths.put("X", 3);
        widths.put("y", 1);
        RowBlockBuilder b = new RowBlockBuilder(widths, blockRows);
        for (int i = 0; i < rows; i++) b.add(new double[] {i, 10.0 * i, 100.0 * i, -i});
        return b.finish();
    }

    @Test
    void blocksLargerThanTheFirstAllocationGrowAndKeepEveryRow() {
        List<RowBlock> blocks = build(25_000, 10_000);        // past the first 4,096 rows allocated, twice
        assertThat(blocks).extracting(RowBlock::rows).containsExactly(10_000, 10_000, 5_000);
        int i = 0;
        for (RowBlock block : blocks) {
            DMatrixRMaj x = block.values().get("X"), y = block.values().get("y");
            assertThat(x.numRows).isEqualTo(block.rows());
            for (int r = 0; r < block.rows(); r++, i++) {
                assertThat(x.get(r, 0)).isEqualTo(i);
                assertThat(x.get(r, 2)).isEqualTo(100.0 * i);
                assertThat(y.get(r, 0)).isEqualTo(-i);
            }
        }
        assertThat(i).isEqualTo(25_000);
    }

    @Test
    void aHugeBlockSizeOnAFewRowsIsOneSmallBlock() {
        List<RowBlock> blocks = build(3, 1 << 30);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).rows()).isEqualTo(3);
        assertThat(blocks.get(0).values().get("X").data.length).isLessThanOrEqualTo(4096 * 3);  // not 2³⁰ rows allocated
        assertThat(blocks.get(0).values().get("X").get(2, 1)).isEqualTo(20.0);
    }
}
