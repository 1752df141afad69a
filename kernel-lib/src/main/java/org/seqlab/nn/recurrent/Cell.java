package org.seqlab.nn.recurrent;

/**
 * The recurrent cells the fused sequence operation knows, with their gate counts. Gate order
 * follows PyTorch: LSTM (i, f, g, o), GRU (r, z, n), so weights copy across unchanged.
 */
public enum Cell {
    LSTM(4, 5, true),
    GRU(3, 4, false),
    RNN_TANH(1, 0, false),
    RNN_RELU(1, 0, false);

    final int gates;
    /** Activations cached per step for the backward pass, in units of H. */
    final int cacheWidth;
    final boolean hasCellState;

    Cell(int gates, int cacheWidth, boolean hasCellState) {
        this.gates = gates;
        this.cacheWidth = cacheWidth;
        this.hasCellState = hasCellState;
    }

    public int gates() {
        return gates;
    }

    public boolean hasCellState() {
        return hasCellState;
    }

    void forward(int batch, int b0, int b1, int h, int k, int[] len, Object x, Object z, Object hAll, Object cAll, Object cache) {
        if (x instanceof float[] xf) {
            float[] zf = (float[]) z;
            float[] hf = (float[]) hAll;
            switch (this) {
                case LSTM -> FloatKernels.lstmForward(batch, b0, b1, h, k, len, xf, zf, hf, (float[]) cAll, (float[]) cache);
                case GRU -> FloatKernels.gruForward(batch, b0, b1, h, k, len, xf, zf, hf, (float[]) cache);
                case RNN_TANH -> FloatKernels.rnnForward(batch, b0, b1, h, k, len, xf, zf, hf, false);
                case RNN_RELU -> FloatKernels.rnnForward(batch, b0, b1, h, k, len, xf, zf, hf, true);
            }
        } else {
            double[] xd = (double[]) x;
            double[] zd = (double[]) z;
            double[] hd = (double[]) hAll;
            switch (this) {
                case LSTM -> DoubleKernels.lstmForward(batch, b0, b1, h, k, len, xd, zd, hd, (double[]) cAll, (double[]) cache);
                case GRU -> DoubleKernels.gruForward(batch, b0, b1, h, k, len, xd, zd, hd, (double[]) cache);
                case RNN_TANH -> DoubleKernels.rnnForward(batch, b0, b1, h, k, len, xd, zd, hd, false);
                case RNN_RELU -> DoubleKernels.rnnForward(batch, b0, b1, h, k, len, xd, zd, hd, true);
            }
        }
    }

    /**
     * Pre-activation gradients of step k: input side into {@code dx}, recurrent side into
     * {@code dzr} (the same array except for the GRU), plus the GRU's direct path into
     * {@code dhDirect}; the LSTM's cell gradient {@code dc} is updated in place.
     */
    void backward(int batch, int b0, int b1, int h, int k, int[] len, Object dh, Object dc, Object hAll, Object cAll, Object cache,
            Object dx, Object dzr, Object dhDirect) {
        if (dh instanceof float[] dhf) {
            switch (this) {
                case LSTM -> FloatKernels.lstmBackward(batch, b0, b1, h, k, len, dhf, (float[]) dc, (float[]) cAll, (float[]) cache, (float[]) dx);
                case GRU -> FloatKernels.gruBackward(batch, b0, b1, h, k, len, dhf, (float[]) hAll, (float[]) cache, (float[]) dx,
                        (float[]) dzr, (float[]) dhDirect);
                case RNN_TANH -> FloatKernels.rnnBackward(batch, b0, b1, h, k, len, dhf, (float[]) hAll, (float[]) dx, false);
                case RNN_RELU -> FloatKernels.rnnBackward(batch, b0, b1, h, k, len, dhf, (float[]) hAll, (float[]) dx, true);
            }
        } else {
            double[] dhd = (double[]) dh;
            switch (this) {
                case LSTM -> DoubleKernels.lstmBackward(batch, b0, b1, h, k, len, dhd, (double[]) dc, (double[]) cAll, (double[]) cache, (double[]) dx);
                case GRU -> DoubleKernels.gruBackward(batch, b0, b1, h, k, len, dhd, (double[]) hAll, (double[]) cache, (double[]) dx,
                        (double[]) dzr, (double[]) dhDirect);
                case RNN_TANH -> DoubleKernels.rnnBackward(batch, b0, b1, h, k, len, dhd, (double[]) hAll, (double[]) dx, false);
                case RNN_RELU -> DoubleKernels.rnnBackward(batch, b0, b1, h, k, len, dhd, (double[]) hAll, (double[]) dx, true);
            }
        }
    }
}
