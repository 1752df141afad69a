package org.seqlab.nn.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Init;
import org.seqlab.nn.Parameter;

/**
 * Chorowski et al.'s location-aware scoring for speech:
 * {@code score = v . tanh(W_q q + W_k k_t + U f_t + b)} with {@code f = conv1d(alpha_prev)},
 * filters over the previous step's weights. Knowing where it attended last lets the model
 * move monotonically along the utterance instead of jumping between similar frames.
 * Extra parameters: {@code conv} [filters, 1, kernel] (odd kernel, same padding) and
 * {@code w_location} [filters, attentionSize].
 */
public final class LocationAwareAttention extends AdditiveAttention {
    private final Parameter conv;
    private final Parameter wLocation;

    public LocationAwareAttention(int querySize, int encoderSize, int attentionSize, int filters, int kernel, long seed,
            DataType dtype) {
        super(querySize, encoderSize, attentionSize, seed, dtype);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("LocationAwareAttention: kernel must be odd for same padding, got " + kernel);
        }
        Rng rng = new Rng(seed + 1);
        this.conv = parameter("conv", Init.glorotUniform(rng, dtype, filters, 1, kernel));
        this.wLocation = parameter("w_location", Init.glorotUniform(rng, dtype, filters, attentionSize));
    }

    @Override
    AttentionOps.Location location(Tensor previousWeights, Keys keys) {
        return new AttentionOps.Location(previousWeights != null ? previousWeights : Tensor.constant(uniform(keys)), conv, wLocation);
    }

    /** Uniform weights over the valid steps: the "previous" weights before the first step. */
    private static INDArray uniform(Keys keys) {
        DataType type = keys.values().dtype();
        INDArray m = keys.mask() != null ? keys.mask().castTo(type)
                : org.nd4j.linalg.factory.Nd4j.ones(type, keys.batch(), keys.steps());
        INDArray sums = m.sum(true, 1);
        sums.addi(sums.eq(0).castTo(type));
        return m.divColumnVector(sums);
    }
}
