package org.seqlab.nn.attention;

import org.seqlab.autograd.Tensor;

/**
 * Luong's dot-product scoring, {@code score(q, k_t) = q . k_t}, optionally divided by
 * sqrt(d) (the Transformer's scaling, which keeps the softmax from saturating as d grows).
 * No parameters; the query and encoder sizes must be equal.
 */
public final class DotProductAttention extends Attention {
    private final int size;
    private final boolean scaled;

    public DotProductAttention(int size, boolean scaled) {
        this.size = size;
        this.scaled = scaled;
    }

    @Override
    protected Tensor project(Tensor encoder) {
        return null;
    }

    @Override
    protected Tensor scores(Tensor query, Keys keys, Tensor previousWeights) {
        return AttentionOps.dotScores(query, keys.values(), keys.valueElements(), scaled ? 1.0 / Math.sqrt(size) : 1.0);
    }

    @Override
    public int querySize() {
        return size;
    }

    @Override
    public int encoderSize() {
        return size;
    }
}
