package dev.matcalc.numeric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.*;

class TensorTest {
    @Test
    void rowMajorIndexingAndNesting() {
        Tensor t = new Tensor(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        assertThat(t.get(1, 0)).isEqualTo(4);
        assertThat(t.offset(1, 2)).isEqualTo(5);
        assertThat(t.toNested()).isEqualTo(List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0)));
        assertThat(new Tensor(new int[0], new double[] {7}).toNested()).isEqualTo(7.0);
        assertThat(new Tensor(new int[] {2, 1, 2}, new double[] {1, 2, 3, 4}).toNested())
                .isEqualTo(List.of(List.of(List.of(1.0, 2.0)), List.of(List.of(3.0, 4.0))));
        assertThatThrownBy(() -> t.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Tensor(new int[] {2, 2}, new double[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void differences() {
        Tensor a = new Tensor(new int[] {3}, new double[] {1, 100, 0});
        Tensor b = new Tensor(new int[] {3}, new double[] {1.5, 100, 0});
        assertThat(a.maxAbsDiff(b)).isEqualTo(0.5);
        assertThat(a.relativeError(b)).isCloseTo(0.005, within(1e-15));
        assertThat(a.allClose(b, 1e-3, 0.6)).isTrue();
        assertThat(a.allClose(b, 1e-3, 0.1)).isFalse();
        Tensor nan = new Tensor(new int[] {3}, new double[] {Double.NaN, 100, 0});
        assertThat(nan.maxAbsDiff(b)).isNaN();
        assertThat(nan.allClose(b, 1, 1)).isFalse();
        assertThatThrownBy(() -> a.maxAbsDiff(Tensor.zeros(1, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThat(a).isEqualTo(new Tensor(new int[] {3}, new double[] {1, 100, 0})).isNotEqualTo(b);
    }
}
