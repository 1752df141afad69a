package org.seqlab.nn.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.MatMul;
import org.seqlab.nn.Init;
import org.seqlab.nn.Parameter;

/**
 * Bahdanau's additive scoring, {@code score(q, k_t) = v . tanh(W_q q + W_k k_t + b)}: a small
 * feed-forward net compares query and key, so their sizes may differ. Parameters
 * {@code w_query} [querySize, attentionSize], {@code w_key} [encoderSize, attentionSize],
 * {@code b} [attentionSize], {@code v} [attentionSize].
 */
public class AdditiveAttention extends Attention {
    private final int querySize;
    private final int encoderSize;
    private final Parameter wQuery;
    private final Parameter wKey;
    private final Parameter bias;
    private final Parameter v;

    public AdditiveAttention(int querySize, int encoderSize, int attentionSize, long seed, DataType dtype) {
        this.querySize = querySize;
        this.encoderSize = encoderSize;
        Rng rng = new Rng(seed);
        this.wQuery = parameter("w_query", Init.glorotUniform(rng, dtype, querySize, attentionSize));
        this.wKey = parameter("w_key", Init.glorotUniform(rng, dtype, encoderSize, attentionSize));
        this.bias = parameter("b", Init.constant(dtype, 0.0, attentionSize));
        this.v = parameter("v", rng.uniform(dtype, -1.0 / Math.sqrt(attentionSize), 1.0 / Math.sqrt(attentionSize), attentionSize));
    }

    @Override
    protected Tensor project(Tensor encoder) {
        return MatMul.linear(describe() + " key projection", encoder, wKey, null);
    }

    @Override
    protected Tensor scores(Tensor query, Keys keys, Tensor previousWeights) {
        Tensor q = MatMul.linear(describe() + " query projection", query, wQuery, bias);
        return AttentionOps.additiveScores(keys.projected(), keys.projectedElements(), q, location(previousWeights, keys), v);
    }

    /** The location term added inside the tanh; none here. */
    AttentionOps.Location location(Tensor previousWeights, Keys keys) {
        return null;
    }

    @Override
    public int querySize() {
        return querySize;
    }

    @Override
    public int encoderSize() {
        return encoderSize;
    }
}
