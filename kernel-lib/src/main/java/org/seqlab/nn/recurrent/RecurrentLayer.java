package org.seqlab.nn.recurrent;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.nn.Init;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Module;
import org.seqlab.nn.Parameter;

/**
 * A recurrent layer over whole padded sequences [batch, time, in] with a mask [batch, time]
 * (1 = valid, a prefix per row; null = all valid). The whole sequence is one fused graph
 * node ({@link RecurrentOp}), so training cost is a few large matrix products plus one small
 * one per step.
 */
public abstract class RecurrentLayer extends Module implements SequenceEncoder {
    private final Cell cell;
    private final int inputSize;
    private final int hiddenSize;
    private final boolean transposed;
    private final DataType dtype;
    private final Parameter inputWeights;
    private final Parameter recurrentWeights;
    private final Parameter bias;
    private boolean recordStateGradients;

    protected RecurrentLayer(Cell cell, int inputSize, int hiddenSize, long seed, DataType dtype, boolean transposed,
            String[] names, int onesBiasGate) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(cell + ": sizes must be positive, got input " + inputSize + ", hidden " + hiddenSize);
        }
        this.cell = cell;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.transposed = transposed;
        this.dtype = dtype;
        Rng rng = new Rng(seed);
        int gh = cell.gates * hiddenSize;
        INDArray w = Init.glorotUniform(rng, dtype, inputSize, gh);
        INDArray u = Init.orthogonal(rng, dtype, 1.0, hiddenSize, gh);
        INDArray b = Init.constant(dtype, 0.0, gh);
        if (onesBiasGate >= 0) {
            Init.forgetGateBias(b, cell.gates, onesBiasGate, hiddenSize, 1.0);
        }
        this.inputWeights = parameter(names[0], transposed ? w.transpose().dup('c') : w);
        this.recurrentWeights = parameter(names[1], transposed ? u.transpose().dup('c') : u);
        this.bias = parameter(names[2], b);
    }

    @Override
    public Tensor encode(Tensor x, Tensor mask) {
        return forward(x, mask).sequence();
    }

    @Override
    public int outputSize() {
        return hiddenSize;
    }

    /** All steps of {@code x} [batch, time, in] from a zero state. */
    public SequenceResult forward(Tensor x, Tensor mask) {
        return forward(x, mask, null, null, false);
    }

    /**
     * The full form: initial hidden (and for the LSTM, cell) state [batch, H] or null for
     * zeros; {@code reverse} runs each row's valid prefix backwards in time (outputs stay at
     * their time positions), as the backward half of a bidirectional layer does.
     */
    public SequenceResult forward(Tensor x, Tensor mask, Tensor h0, Tensor c0, boolean reverse) {
        checkInput(x, h0, c0);
        int[] len = Masks.lengths(mask, (int) x.size(0), (int) x.size(1), describe());
        return RecurrentOp.run(cell, x, inputWeights, recurrentWeights, bias, transposed, len, h0, c0, reverse,
                recordStateGradients);
    }

    private void checkInput(Tensor x, Tensor h0, Tensor c0) {
        if (x.rank() != 3 || x.size(2) != inputSize) {
            throw new IllegalArgumentException(describe() + ": input shape " + Arrays.toString(x.shape())
                    + " does not match the expected [batch, time, " + inputSize + "]");
        }
        if (x.dtype() != dtype) {
            throw new IllegalArgumentException(describe() + ": input is " + x.dtype() + " but the weights are " + dtype);
        }
        long[] state = {x.size(0), hiddenSize};
        if (h0 != null && !Arrays.equals(h0.shape(), state)) {
            throw new IllegalArgumentException(describe() + ": initial hidden state shape " + Arrays.toString(h0.shape())
                    + " does not match the expected " + Arrays.toString(state));
        }
        if (c0 != null && !cell.hasCellState) {
            throw new IllegalArgumentException(describe() + ": has no cell state, but an initial cell state was given");
        }
        if (c0 != null && !Arrays.equals(c0.shape(), state)) {
            throw new IllegalArgumentException(describe() + ": initial cell state shape " + Arrays.toString(c0.shape())
                    + " does not match the expected " + Arrays.toString(state));
        }
    }

    /** Keep dE/dh_t of every step for {@link SequenceResult#stateGradients()} (BPTT plots). */
    public RecurrentLayer recordStateGradients(boolean on) {
        this.recordStateGradients = on;
        return this;
    }

    public Cell cell() {
        return cell;
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public DataType dtype() {
        return dtype;
    }

    /** Input weights: [in, gates*H], or [gates*H, in] in the column-vector (Elman) layout. */
    public Parameter inputWeights() {
        return inputWeights;
    }

    /** Recurrent weights: [H, gates*H], or [gates*H, H] in the column-vector (Elman) layout. */
    public Parameter recurrentWeights() {
        return recurrentWeights;
    }

    /** One bias per gate, [gates*H]. */
    public Parameter bias() {
        return bias;
    }

    /** Whether the weights are stored as in {@code W x} (column vectors) rather than {@code x W}. */
    public boolean columnVectorLayout() {
        return transposed;
    }

    /** Names the layer in error messages, e.g. {@code LSTM(in=40, hidden=128)}. */
    public String describe() {
        return getClass().getSimpleName() + "(in=" + inputSize + ", hidden=" + hiddenSize + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
