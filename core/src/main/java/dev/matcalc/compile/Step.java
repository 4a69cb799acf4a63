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

    final String what;
    final int rows, cols;
    final List<Step> inputs;
    final Kernel kernel;
    /** Element-wise: may write over the buffer of input {@code inPlaceInput} when nobody else reads it. */
    final int inPlaceInput;
    /** Whether {@link #out} is a buffer of this plan's (not a caller's matrix or another step's data). */
    boolean owned = true;
    /** Depends on a differential direction: rerun for every direction. */
    boolean dependent;
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
