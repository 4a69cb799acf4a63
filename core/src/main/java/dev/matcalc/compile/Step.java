package dev.matcalc.compile;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * One instruction of a {@link Plan}: computes {@link #out} (rows×cols) from the outputs of its
 * inputs. Buffers are allocated once, when the plan is finished; an input's buffer is read at run
 * time (an input step's buffer is the caller's matrix, replaced at every call).
 */
final class Step {
    /** The computation; reads {@code self.inputs.get(i).out}, writes {@code self.out}. */
    interface Kernel {
        void run(Step self);
    }

    /** An element-wise computation on entries [from, to) of {@link #out} only (for {@link RowFusion}). */
    interface RangeKernel {
        void run(Step self, int from, int to);
    }

    /**
     * A product step's operands, alpha·op(left)·op(right), the coefficient read from the step's own
     * scalar inputs (for {@link RowFusion}, which computes the product a block of rows at a time).
     */
    record Product(Step left, boolean leftTrans, Step right, boolean rightTrans, java.util.function.ToDoubleFunction<Step> alpha) { }

    final String what;
    final int rows, cols;
    final List<Step> inputs;
    final Kernel kernel;
    /** The same computation on a range of entries, for element-wise steps; null for the others. */
    final RangeKernel range;
    /** What a plain product step multiplies; null for other steps. */
    Product product;
    /** Element-wise: may write over the buffer of input {@code inPlaceInput} when nobody else reads it. */
    final int inPlaceInput;
    /** Whether {@link #out} is a buffer of this plan's (not a caller's matrix or another step's data). */
    boolean owned = true;
    /** Depends on a differential direction: rerun for every direction. */
    boolean dependent;
    /** An input whose values are {@link dev.matcalc.numeric.SparseMatrix sparse}: only sparse products read it. */
    boolean sparse;
    /** A product that reads a sparse input (the only steps that may). */
    boolean readsSparse;
    /** For a sparse input, the fraction of its entries stored (from the value it was compiled with). */
    double density = 1;
    int consumers;
    boolean root;
    DMatrixRMaj out;

    Step(String what, int rows, int cols, List<Step> inputs, int inPlaceInput, Kernel kernel) {
        this.what = what;
        this.rows = rows;
        this.cols = cols;
        this.inputs = inputs;
        this.inPlaceInput = inPlaceInput;
        this.kernel = kernel;
        this.range = null;
        for (Step s : inputs) dependent |= s.dependent;
    }

    /** An element-wise step: {@code range} over every entry is its kernel. */
    Step(String what, int rows, int cols, List<Step> inputs, int inPlaceInput, RangeKernel range) {
        this.what = what;
        this.rows = rows;
        this.cols = cols;
        this.inputs = inputs;
        this.inPlaceInput = inPlaceInput;
        this.kernel = self -> range.run(self, 0, self.rows * self.cols);
        this.range = range;
        for (Step s : inputs) dependent |= s.dependent;
    }

    Step in(int i) {
        return inputs.get(i);
    }

    /** The value of a 1×1 input. */
    double scalar(int i) {
        return inputs.get(i).out.data[0];
    }

    boolean isScalar() {
        return rows == 1 && cols == 1;
    }

    @Override
    public String toString() {
        return what + " " + rows + "×" + cols + (dependent ? " (per direction)" : "");
    }
}
