package org.seqlab.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/** Mean squared error, optionally over valid frames only (regression targets per frame). */
public final class MeanSquaredError {
    private MeanSquaredError() {}

    /**
     * Mean of {@code (prediction - target)^2} over valid elements; {@code mask} is null, of the
     * prediction's shape, or of its shape without the last axis.
     */
    public static Tensor loss(Tensor prediction, INDArray target, INDArray mask) {
        Dense.requireSameShape("mean squared error (prediction vs target)", prediction.value(), target);
        long[] shape = prediction.shape();
        boolean perFrame = mask != null && !Arrays.equals(mask.shape(), shape);
        int width = perFrame ? Dense.toInt(shape[shape.length - 1]) : 1;
        Buf m = Masks.frameWeights("mean squared error", mask, perFrame ? Masks.withoutLast(shape) : shape);
        INDArray x = Dense.of(prediction.value());
        Buf xb = Buf.of(x);
        Buf yb = Buf.of(Dense.of(target.dataType() == x.dataType() ? target : MemoryScope.track(target.castTo(x.dataType()))));
        int n = Dense.toInt(x.length());
        double total = Masks.total("mean squared error", m, n / width) * width;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double d = xb.get(i) - yb.get(i);
            loss += Masks.weight(m, i / width) * d * d;
        }
        INDArray out = Nd4j.scalar(prediction.dtype(), loss / total);
        return Tensor.result(out, g -> {
            double scale = 2 * g.getDouble(0) / total;
            INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Buf gb = Buf.of(gx);
            for (int i = 0; i < n; i++) {
                gb.set(i, Masks.weight(m, i / width) * scale * (xb.get(i) - yb.get(i)));
            }
            prediction.addGradOwned(gx);
        }, prediction);
    }

    public static Tensor loss(Tensor prediction, INDArray target) {
        return loss(prediction, target, null);
    }
}
