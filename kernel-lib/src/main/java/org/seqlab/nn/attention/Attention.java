package org.seqlab.nn.attention;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;
import org.seqlab.nn.Module;

/**
 * Attention of one decoder query over an encoded sequence: scores per encoder step, a
 * softmax over the valid steps only (padding gets weight exactly 0), and the weighted sum of
 * the encoder outputs as context. The weights are returned for plotting alignments.
 *
 * <p>{@link #prepare} runs once per input sequence (it projects the keys), {@link #attend}
 * once per decoder step.
 */
public abstract class Attention extends Module {
    /** Context [batch, encoderSize] and weights [batch, encoder steps]. */
    public record Result(Tensor context, Tensor weights) {}

    /**
     * The encoder side of attention, computed once per sequence: the encoder outputs
     * [B, T, De] as values, their projection (for additive scoring; else null) and the mask.
     * Their elements are also read into Java arrays once, on first use: a decoder attends at
     * every output step, and copying [B, T, De] at each step cost more than the scores.
     */
    public static final class Keys {
        private final Tensor values;
        private final Tensor projected;
        private final INDArray mask;
        private double[] valueElements;
        private double[] projectedElements;

        public Keys(Tensor values, Tensor projected, INDArray mask) {
            this.values = values;
            this.projected = projected;
            this.mask = mask;
        }

        public Tensor values() {
            return values;
        }

        public Tensor projected() {
            return projected;
        }

        public INDArray mask() {
            return mask;
        }

        public long batch() {
            return values.size(0);
        }

        public long steps() {
            return values.size(1);
        }

        double[] valueElements() {
            if (valueElements == null) {
                valueElements = AttentionOps.elements(values.value());
            }
            return valueElements;
        }

        double[] projectedElements() {
            if (projectedElements == null) {
                projectedElements = AttentionOps.elements(projected.value());
            }
            return projectedElements;
        }
    }

    /** Checks shapes and precomputes what does not depend on the decoder step. */
    public final Keys prepare(Tensor encoder, Tensor mask) {
        if (encoder.rank() != 3 || encoder.size(2) != encoderSize()) {
            throw new IllegalArgumentException(describe() + ": encoder output shape " + Arrays.toString(encoder.shape())
                    + " does not match the expected [batch, steps, " + encoderSize() + "]");
        }
        INDArray m = mask == null ? null : mask.value();
        if (m != null && (m.rank() != 2 || m.size(0) != encoder.size(0) || m.size(1) != encoder.size(1))) {
            throw new IllegalArgumentException(describe() + ": mask shape " + Arrays.toString(m.shape())
                    + " does not match the encoder's [batch, steps] = [" + encoder.size(0) + ", " + encoder.size(1) + "]");
        }
        return new Keys(encoder, project(encoder), m);
    }

    /**
     * One query [batch, querySize] against prepared keys. {@code previousWeights} [batch, steps]
     * (the last step's weights) is used by location-aware scoring and ignored by the others;
     * null means uniform over the valid steps at the first step.
     */
    public final Result attend(Tensor query, Keys keys, Tensor previousWeights) {
        if (query.rank() != 2 || query.size(0) != keys.batch() || query.size(1) != querySize()) {
            throw new IllegalArgumentException(describe() + ": query shape " + Arrays.toString(query.shape())
                    + " does not match the expected [" + keys.batch() + ", " + querySize() + "]");
        }
        Tensor scores = scores(query, keys, previousWeights);
        Tensor weights = AttentionOps.maskedSoftmax(scores, keys.mask());
        return new Result(AttentionOps.weightedSum(weights, keys.values(), keys.valueElements()), weights);
    }

    protected abstract Tensor project(Tensor encoder);

    protected abstract Tensor scores(Tensor query, Keys keys, Tensor previousWeights);

    public abstract int querySize();

    public abstract int encoderSize();

    public String describe() {
        return getClass().getSimpleName() + "(query=" + querySize() + ", encoder=" + encoderSize() + ")"
                + (path().isEmpty() ? "" : " '" + path() + "'");
    }

    @Override
    public String toString() {
        return describe();
    }
}
