package org.seqlab.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/**
 * Binary cross-entropy on logits (multi-label frame classification, sound event detection),
 * in the stable form {@code max(x, 0) - x y + log(1 + exp(-|x|))}.
 */
public final class BinaryCrossEntropy {
    private static final MaskedMean.Term TERM = new MaskedMean.Term() {
        @Override
        public double value(double x, double y) {
            return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
        }

        @Override
        public double derivative(double x, double y) {
            return 1 / (1 + Math.exp(-x)) - y;
        }
    };

    private BinaryCrossEntropy() {}

    /**
     * Mean over valid elements. {@code mask} is null, of the logits' shape, or of the logits'
     * shape without the last (class) axis, i.e. one weight per frame.
     */
    public static Tensor withLogits(Tensor logits, INDArray targets, INDArray mask) {
        return MaskedMean.of("binary cross-entropy", "logits vs targets", logits, targets, mask, TERM);
    }

    public static Tensor withLogits(Tensor logits, INDArray targets) {
        return withLogits(logits, targets, null);
    }
}
