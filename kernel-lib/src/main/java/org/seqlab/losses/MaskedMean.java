package org.seqlab.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/**
 * The masked mean of an elementwise loss term, shared by the losses whose target has the input's
 * shape (binary cross-entropy, mean squared error), so masks, target casts and the mean's
 * denominator are handled once. Padded elements are skipped, not multiplied by zero, so a
 * non-finite value in padding cannot turn the loss into NaN.
 */
final class MaskedMean {
    private MaskedMean() {}

    /** One element's loss and its derivative with respect to the input, given the target. */
    interface Term {
        double value(double input, double target);

        double derivative(double input, double target);
    }

    /**
     * Mean of {@code term} over valid elements. {@code mask} is null, of the input's shape, or of
     * the input's shape without its last axis (one weight per frame, shared by its classes).
     * {@code operands} names input and target in shape errors, e.g. "logits vs targets".
     */
    static Tensor of(String loss, String operands, Tensor input, INDArray target, INDArray mask, Term term) {
        Dense.requireSameShape(loss + " (" + operands + ")", input.value(), target);
        long[] shape = input.shape();
        boolean perFrame = mask != null && !Arrays.equals(mask.shape(), shape);
        int width = perFrame ? Dense.toInt(shape[shape.length - 1]) : 1;
        Buf m = Masks.frameWeights(loss, mask, perFrame ? Masks.withoutLast(shape) : shape);
        INDArray x = Dense.of(input.value());
        Buf xb = Buf.of(x);
        Buf yb = Buf.of(Dense.of(target.dataType() == x.dataType() ? target : MemoryScope.track(target.castTo(x.dataType()))));
        int n = Dense.toInt(x.length());
        double total = Masks.total(loss, m, n / width) * width;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = Masks.weight(m, i / width);
            if (w != 0) {
                sum += w * term.value(xb.get(i), yb.get(i));
            }
        }
        INDArray out = Nd4j.scalar(input.dtype(), sum / total);
        return Tensor.result(out, g -> {
            double scale = g.getDouble(0) / total;
            INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Buf gb = Buf.of(gx);
            for (int i = 0; i < n; i++) {
                double w = Masks.weight(m, i / width) * scale;
                gb.set(i, w == 0 ? 0 : w * term.derivative(xb.get(i), yb.get(i)));
            }
            input.addGradOwned(gx);
        }, input);
    }
}
