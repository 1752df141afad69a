package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Long short-term memory, gate order (i, f, g, o) as PyTorch, one bias per gate (the
 * lectures' count 4(n_in*n + n^2 + n); PyTorch's b_ih + b_hh fold into it):
 * <pre>
 * [i f g o] = [sigma sigma tanh sigma](x W + h U + b)
 * c' = f*c + i*g,   h' = o*tanh(c')
 * </pre>
 * Parameters {@code w_ih} [in, 4H], {@code w_hh} [H, 4H], {@code b} [4H]; forget-gate bias 1.
 */
public final class Lstm extends RecurrentLayer {
    public Lstm(int inputSize, int hiddenSize, long seed) {
        this(inputSize, hiddenSize, seed, DataType.FLOAT);
    }

    public Lstm(int inputSize, int hiddenSize, long seed, DataType dtype) {
        super(Cell.LSTM, inputSize, hiddenSize, seed, dtype, false, new String[] {"w_ih", "w_hh", "b"}, 1);
    }
}
