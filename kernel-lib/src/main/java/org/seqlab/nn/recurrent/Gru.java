package org.seqlab.nn.recurrent;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Gated recurrent unit, gate order (r, z, n) and reset applied after the recurrent product,
 * as PyTorch, with one bias per gate (the lectures' count 3(n_in*n + n^2 + n)):
 * <pre>
 * r = sigma(x W_r + h U_r + b_r),  z = sigma(x W_z + h U_z + b_z)
 * n = tanh(x W_n + b_n + r*(h U_n)),  h' = (1-z)*n + z*h
 * </pre>
 * PyTorch has a second bias b_hn inside the reset product, {@code r*(h U_n + b_hn)}, which one
 * bias per gate cannot express: torch weights copy over exactly when b_hn = 0 (then
 * b = b_ih + b_hh for r and z, and b = b_in for n).
 * Parameters {@code w_ih} [in, 3H], {@code w_hh} [H, 3H], {@code b} [3H].
 */
public final class Gru extends RecurrentLayer {
    public Gru(int inputSize, int hiddenSize, long seed) {
        this(inputSize, hiddenSize, seed, DataType.FLOAT);
    }

    public Gru(int inputSize, int hiddenSize, long seed, DataType dtype) {
        super(Cell.GRU, inputSize, hiddenSize, seed, dtype, false, new String[] {"w_ih", "w_hh", "b"}, -1);
    }
}
