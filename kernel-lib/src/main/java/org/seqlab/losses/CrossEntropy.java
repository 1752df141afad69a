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
 * Softmax cross-entropy on logits, fused with its softmax (the gradient is simply
 * {@code (softmax - target) / frames}), per frame with padding masks and label smoothing.
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /**
     * Mean over valid frames of {@code -sum_c q_c log softmax(logits)_c}, with
     * {@code q = (1 - smoothing) onehot(target) + smoothing / C}.
     *
     * @param logits [..., C], e.g. [B, T, C] or [N, C]
     * @param targets class indices, shape [...] (logits without the class axis), any numeric type
     * @param mask frame weights of shape [...] (1 valid, 0 padded), or null for all valid
     * @param smoothing label smoothing in [0, 1)
     */
    public static Tensor loss(Tensor logits, INDArray targets, INDArray mask, double smoothing) {
        long[] frameShape = Arrays.copyOf(logits.shape(), logits.rank() - 1);
        if (!Arrays.equals(targets.shape(), frameShape)) {
            throw new IllegalArgumentException("cross-entropy: targets shape " + Arrays.toString(targets.shape())
                    + " must be the logits shape " + Arrays.toString(logits.shape()) + " without its class axis");
        }
        if (smoothing < 0 || smoothing >= 1) {
            throw new IllegalArgumentException("cross-entropy: label smoothing must be in [0, 1), got " + smoothing);
        }
        Buf m = Masks.frameWeights("cross-entropy", mask, frameShape);
        INDArray x = Dense.of(logits.value());
        int classes = Dense.toInt(logits.size(logits.rank() - 1));
        int frames = Dense.toInt(x.length() / classes);
        Buf t = Buf.of(Dense.of(targets.dataType() == DataType.DOUBLE ? targets : MemoryScope.track(targets.castTo(DataType.DOUBLE))));
        double total = Masks.total("cross-entropy", m, frames);
        INDArray logp = Dense.empty(x.dataType(), x.shape());
        Buf xb = Buf.of(x);
        Buf lp = Buf.of(logp);
        double loss = 0;
        double off = smoothing / classes;
        for (int r = 0; r < frames; r++) {
            double w = Masks.weight(m, r);
            double lmax = Double.NEGATIVE_INFINITY;
            int o = r * classes;
            for (int c = 0; c < classes; c++) {
                lmax = Math.max(lmax, xb.get(o + c));
            }
            double s = 0;
            for (int c = 0; c < classes; c++) {
                s += Math.exp(xb.get(o + c) - lmax);
            }
            double lse = lmax + Math.log(s);
            for (int c = 0; c < classes; c++) {
                lp.set(o + c, xb.get(o + c) - lse);
            }
            if (w == 0) {
                continue;
            }
            int target = target(t, r, classes);
            double frame = -(1 - smoothing) * (xb.get(o + target) - lse);
            if (smoothing > 0) {
                double all = 0;
                for (int c = 0; c < classes; c++) {
                    all += xb.get(o + c) - lse;
                }
                frame -= off * all;
            }
            loss += w * frame;
        }
        INDArray out = Nd4j.scalar(logits.dtype(), loss / total);
        return Tensor.result(out, g -> {
            double scale = g.getDouble(0) / total;
            INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
            Buf gb = Buf.of(gx);
            for (int r = 0; r < frames; r++) {
                double w = Masks.weight(m, r) * scale;
                int o = r * classes;
                if (w == 0) {
                    for (int c = 0; c < classes; c++) {
                        gb.set(o + c, 0);
                    }
                    continue;
                }
                int target = (int) t.get(r);
                for (int c = 0; c < classes; c++) {
                    double q = off + (c == target ? 1 - smoothing : 0);
                    gb.set(o + c, w * (Math.exp(lp.get(o + c)) - q));
                }
            }
            logits.addGradOwned(gx.reshape(logits.shape()));
        }, logits);
    }

    /** Without mask and smoothing: every frame counts. */
    public static Tensor loss(Tensor logits, INDArray targets) {
        return loss(logits, targets, null, 0.0);
    }

    private static int target(Buf t, int frame, int classes) {
        double v = t.get(frame);
        int k = (int) v;
        if (k != v || k < 0 || k >= classes) {
            throw new IllegalArgumentException("cross-entropy: target " + v + " at frame " + frame
                    + " is not a class index in [0, " + classes + ")");
        }
        return k;
    }
}
