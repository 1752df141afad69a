package org.seqlab.autograd.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

/**
 * Inverted dropout: zeroes each element with probability p and scales survivors by 1/(1-p), so
 * evaluation needs no rescaling. The mask comes from the seeded {@link Rng}, making runs repeatable.
 */
public final class Dropout {
    private Dropout() {}

    public static Tensor apply(Tensor x, double p, Rng rng, boolean training) {
        if (p < 0 || p >= 1) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        int n = (int) x.value().length();
        INDArray mask = Dense.empty(x.dtype(), x.shape());
        Buf mb = Buf.of(mask);
        double keep = 1 / (1 - p);
        for (int i = 0; i < n; i++) {
            mb.set(i, rng.uniform() < p ? 0 : keep);
        }
        INDArray out = Nd4j.createUninitialized(x.dtype(), x.shape());
        Buf ob = Buf.of(out);
        Buf xb = Buf.of(Dense.of(x.value()));
        for (int i = 0; i < n; i++) {
            ob.set(i, xb.get(i) * mb.get(i));
        }
        return Tensor.result(out, g -> x.addGradOwned(g.mul(mask)), x);
    }
}
