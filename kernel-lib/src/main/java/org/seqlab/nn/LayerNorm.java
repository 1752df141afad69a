package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Normalization;

/** Layer normalisation over the last axis with learned {@code gamma} (ones) and {@code beta} (zeros). */
public final class LayerNorm extends Layer {
    private final Parameter gamma;
    private final Parameter beta;
    private final double eps;

    public LayerNorm(int features, DataType type) {
        Rng unused = new Rng(0);
        this.gamma = parameter("gamma", Initializer.constant(1), unused, type, features);
        this.beta = parameter("beta", Initializer.zeros(), unused, type, features);
        this.eps = 1e-5;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Normalization.layerNorm(describe(), x, gamma, beta, eps);
    }
}
