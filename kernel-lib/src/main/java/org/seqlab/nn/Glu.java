package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Gating;

/**
 * Gated linear unit {@code (x W + b) ⊙ σ(x V + c)} over the last axis. Parameters {@code w},
 * {@code v} [in, out] (Glorot uniform) and {@code b}, {@code c} [out] (zeros).
 */
public final class Glu extends Layer {
    private final Parameter w;
    private final Parameter b;
    private final Parameter v;
    private final Parameter c;

    public Glu(int in, int out, Rng rng, DataType type) {
        this.w = parameter("w", Init::glorotUniform, rng, type, in, out);
        this.b = parameter("b", Initializer.zeros(), rng, type, out);
        this.v = parameter("v", Init::glorotUniform, rng, type, in, out);
        this.c = parameter("c", Initializer.zeros(), rng, type, out);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Gating.glu(describe(), x, w, b, v, c);
    }
}
