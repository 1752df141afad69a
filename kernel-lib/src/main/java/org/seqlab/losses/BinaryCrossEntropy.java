package org.seqlab.losses;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/**
 * Binary cross-entropy on logits (multi-label frame classification, sound event detection),
 * in the stable form {@code max(x, 0) - x y + log(1 + exp(-|x|))}.
 */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {}

    /**
     * Mean over valid elements. {@code mask} is null, of the logits' shape, or of the logits'
     * shape without the last (class) axis, i.e. one weight per frame.
     */
    public static Tensor withLogits(Tensor logits, INDArray targets, INDArray mask) {
        Dense.requireSameShape("binary cross-entropy (logits vs targets)", logits.value(), targets);
        long[] shape = logits.shape();
        boolean perFrame = mask != null && !Arrays.equals(mask.shape(), shape);
        int classes = perFrame ? Dense.toInt(shape[shape.length - 1]) : 1;
        Buf m = Masks.frameWeights("binary cross-entropy", mask, perFrame ? Masks.withoutLast(shape) : shape);
        INDArray x = Dense.of(logits.value());
        Buf xb = Buf.of(x);
        Buf yb = Buf.of(Dense.of(targets.dataType() == x.dataType() ? targets : MemoryScope.track(targets.castTo(x.dataType()))));
        int n = Dense.toInt(x.length());
        double total = Masks.total("binary cross-entropy", m, n / classes) * classes;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double w = Masks.weight(m, i / classes);
            if (w != 0) {
                double v = xb.get(i);
                loss += w * (Math.max(v, 0) - v * yb.get(i) + Math.log1p(Math.exp(-Math.abs(v))));
            }
        }
        INDArray out = Nd4j.scalar(logits.dtype(), loss / total);
        return Tensor.result(out, g -> {
            double scale = g.getDouble(0) / total;
            INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Buf gb = Buf.of(gx);
            for (int i = 0; i < n; i++) {
                double w = Masks.weight(m, i / classes) * scale;
                double s = 1 / (1 + Math.exp(-xb.get(i)));
                gb.set(i, w == 0 ? 0 : w * (s - yb.get(i)));
            }
            logits.addGradOwned(gx);
        }, logits);
    }

    public static Tensor withLogits(Tensor logits, INDArray targets) {
        return withLogits(logits, targets, null);
    }
}
