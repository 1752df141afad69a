package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution;
import org.seqlab.autograd.ops.Convolution.Geometry;

/**
 * 2-d convolution over [N, C, H, W] (for spectrograms: [N, channels, frequency, time]).
 * Parameters: {@code w} [out, in, kh, kw] (He uniform, for the ReLU that usually follows),
 * {@code b} [out] (zeros).
 */
public class Conv2d extends Layer {
    private final Parameter w;
    private final Parameter b;
    private final Geometry geometry;

    public Conv2d(int in, int out, int kh, int kw, Geometry geometry, boolean bias, Rng rng, DataType type) {
        this.w = parameter("w", Init::heUniform, rng, type, out, in, kh, kw);
        this.b = bias ? parameter("b", Initializer.zeros(), rng, type, out) : null;
        this.geometry = geometry;
    }

    /** Stride 1, "same" padding, with bias, float32. */
    public Conv2d(int in, int out, int kh, int kw, Rng rng) {
        this(in, out, kh, kw, Geometry.same(kh, kw), true, rng, DataType.FLOAT);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(describe(), x, w, b, geometry);
    }

    /** {@code maxPool(relu(forward(x)))} with window = stride, as {@link Convolution#conv2dReluMaxPool}. */
    Tensor forwardReluMaxPool(Tensor x, int poolH, int poolW) {
        return Convolution.conv2dReluMaxPool(describe(), x, w, b, geometry, poolH, poolW);
    }

    /** The output shape for an input of shape {@code in} [N, C, H, W]. */
    long[] outputShape(long[] in) {
        return new long[] {in[0], w.size(0), geometry.outH(in[2], w.size(2)), geometry.outW(in[3], w.size(3))};
    }

    @Override
    protected String kind() {
        return "Conv2d(" + w.size(1) + " -> " + w.size(0) + ", " + w.size(2) + "x" + w.size(3) + ")";
    }
}
