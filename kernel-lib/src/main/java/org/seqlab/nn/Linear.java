package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.MatMul;

/**
 * A dense layer {@code y = x W + b} over the last axis of [..., in] (so a [B, T, F] sequence is
 * one gemm). Parameters: {@code w} [in, out] (Glorot uniform), {@code b} [out] (zeros).
 */
public class Linear extends Layer {
    private final Parameter w;
    private final Parameter b;

    public Linear(long in, long out, Rng rng) {
        this(in, out, true, rng, DataType.FLOAT);
    }

    public Linear(long in, long out, boolean bias, Rng rng, DataType type) {
        this.w = parameter("w", Init::glorotUniform, rng, type, in, out);
        this.b = bias ? parameter("b", Initializer.zeros(), rng, type, out) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return MatMul.linear(describe(), x, w, b);
    }

    @Override
    protected String kind() {
        return "Linear(" + w.size(0) + " -> " + w.size(1) + ")";
    }

    public Parameter weight() {
        return w;
    }

    /** The bias, or null for a layer built without one. */
    public Parameter bias() {
        return b;
    }
}
