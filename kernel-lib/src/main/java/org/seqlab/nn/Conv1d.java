package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution;

/**
 * 1-d convolution over [N, C, L] (channels first, as in PyTorch; a [B, T, F] sequence is
 * transposed to [B, F, T] first). Parameters: {@code w} [out, in, k] (He uniform), {@code b} [out].
 */
public class Conv1d extends Layer {
    private final Parameter w;
    private final Parameter b;
    private final int stride;
    private final int padding;
    private final int dilation;

    public Conv1d(int in, int out, int k, int stride, int padding, int dilation, boolean bias, Rng rng, DataType type) {
        this.w = parameter("w", Init::heUniform, rng, type, out, in, k);
        this.b = bias ? parameter("b", Initializer.zeros(), rng, type, out) : null;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
    }

    /** Stride 1, "same" padding for odd k, with bias, float32. */
    public Conv1d(int in, int out, int k, Rng rng) {
        this(in, out, k, 1, k / 2, 1, true, rng, DataType.FLOAT);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv1d(describe(), x, w, b, stride, padding, dilation);
    }

    @Override
    protected String kind() {
        return "Conv1d(" + w.size(1) + " -> " + w.size(0) + ", k=" + w.size(2) + ")";
    }
}
