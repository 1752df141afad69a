package org.seqlab.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/** Mean squared error, optionally over valid frames only (regression targets per frame). */
public final class MeanSquaredError {
    private static final MaskedMean.Term TERM = new MaskedMean.Term() {
        @Override
        public double value(double x, double y) {
            return (x - y) * (x - y);
        }

        @Override
        public double derivative(double x, double y) {
            return 2 * (x - y);
        }
    };

    private MeanSquaredError() {}

    /**
     * Mean of {@code (prediction - target)^2} over valid elements; {@code mask} is null, of the
     * prediction's shape, or of its shape without the last axis.
     */
    public static Tensor loss(Tensor prediction, INDArray target, INDArray mask) {
        return MaskedMean.of("mean squared error", "prediction vs target", prediction, target, mask, TERM);
    }

    public static Tensor loss(Tensor prediction, INDArray target) {
        return loss(prediction, target, null);
    }
}
