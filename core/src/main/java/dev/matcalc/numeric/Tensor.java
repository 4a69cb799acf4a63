package dev.matcalc.numeric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of doubles, row-major (the last index varies fastest), as NumPy's
 * C order. Derivative numbers are tensors of shape shape(f) + shape(x); see {@code package-info}.
 */
public record Tensor(int[] shape, double[] data) {
    public Tensor {
        shape = shape.clone();
        long n = 1;
        for (int s : shape) {
            if (s < 0) throw new IllegalArgumentException("negative axis length in " + Arrays.toString(shape));
            n *= s;
        }
        if (n != data.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " entries, got " + data.length);
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(shape, new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The row-major offset of an index. */
    public int offset(int... index) {
        if (index.length != shape.length)
            throw new IllegalArgumentException("index of rank " + index.length + " into a tensor of rank " + shape.length);
        int offset = 0;
        for (int k = 0; k < shape.length; k++) {
            if (index[k] < 0 || index[k] >= shape[k]) throw new IndexOutOfBoundsException(Arrays.toString(index));
            offset = offset * shape[k] + index[k];
        }
        return offset;
    }

    public double get(int... index) {
        return data[offset(index)];
    }

    /** Nested {@link List}s of {@link Double}s for JSON; a 0-d tensor is a bare {@link Double}. */
    public Object toNested() {
        return nest(0, 0);
    }

    private Object nest(int axis, int offset) {
        if (axis == shape.length) return data[offset];
        int stride = 1;
        for (int k = axis + 1; k < shape.length; k++) stride *= shape[k];
        List<Object> list = new ArrayList<>(shape[axis]);
        for (int i = 0; i < shape[axis]; i++) list.add(nest(axis + 1, offset + i * stride));
        return list;
    }

    /** max |a - b| over entries; shapes must agree. NaN if either has a NaN. */
    public double maxAbsDiff(Tensor other) {
        requireSameShape(other);
        double max = 0;
        for (int i = 0; i < data.length; i++) {
            double d = Math.abs(data[i] - other.data[i]);
            if (Double.isNaN(d)) return Double.NaN;
            max = Math.max(max, d);
        }
        return max;
    }

    public double maxAbs() {
        double max = 0;
        for (double v : data) max = Math.max(max, Math.abs(v));
        return max;
    }

    /**
     * The norm-wise relative error against a reference: max|a - b| / max(1, max|b|). The floor 1
     * keeps entries that are (nearly) zero from turning round-off into a huge relative error.
     */
    public double relativeError(Tensor reference) {
        return maxAbsDiff(reference) / Math.max(1, reference.maxAbs());
    }

    /** Entry-wise |a - b| ≤ atol + rtol |b|, as NumPy's {@code allclose}; false on any NaN. */
    public boolean allClose(Tensor reference, double rtol, double atol) {
        requireSameShape(reference);
        for (int i = 0; i < data.length; i++)
            if (!(Math.abs(data[i] - reference.data[i]) <= atol + rtol * Math.abs(reference.data[i]))) return false;
        return true;
    }

    private void requireSameShape(Tensor other) {
        if (!Arrays.equals(shape, other.shape))
            throw new IllegalArgumentException("tensor shapes differ: " + Arrays.toString(shape) + " and " + Arrays.toString(other.shape));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape) + " " + toNested();
    }
}
