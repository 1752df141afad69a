package org.seqlab.nn;

import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

/** Dropout active in training mode only; masks come from its own seeded {@link Rng}. */
public final class Dropout extends Layer {
    private final double p;
    private final Rng rng;

    public Dropout(double p, Rng rng) {
        this.p = p;
        this.rng = rng.split();
    }

    @Override
    public Tensor forward(Tensor x) {
        return org.seqlab.autograd.ops.Dropout.apply(x, p, rng, isTraining());
    }
}
