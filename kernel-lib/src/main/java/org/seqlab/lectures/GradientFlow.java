package org.seqlab.lectures;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How far back a loss on the last step reaches: {@code ||dE_T/dh_t||} against the distance
 * {@code T - t}, from the per-step state gradients a recurrent layer records
 * ({@code RecurrentLayer.recordStateGradients}). Vanishing gradients show as a straight
 * falling line on a log scale; its slope is the mean factor per step.
 */
public final class GradientFlow {
    private GradientFlow() {}

    /**
     * Mean over the batch of the L2 norm over H of {@code grads} [batch, time, H], indexed by
     * distance: element {@code d} belongs to step {@code t = T - 1 - d}. All rows must be
     * full length (no padding), as in the lecture's experiments.
     */
    public static double[] normsByDistance(INDArray grads) {
        if (grads == null) {
            throw new IllegalArgumentException("no state gradients: call recordStateGradients(true) on the layer "
                    + "before the forward pass, and backward() before reading them");
        }
        if (grads.rank() != 3) {
            throw new IllegalArgumentException("state gradients must be [batch, time, H], got " + Arrays.toString(grads.shape()));
        }
        int b = (int) grads.size(0);
        int t = (int) grads.size(1);
        int h = (int) grads.size(2);
        double[] flat = grads.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                double sq = 0;
                int o = (i * t + s) * h;
                for (int k = 0; k < h; k++) {
                    sq += flat[o + k] * flat[o + k];
                }
                out[t - 1 - s] += Math.sqrt(sq) / b;
            }
        }
        return out;
    }

    /**
     * The mean factor by which the norm changes per step back in time, from a least-squares
     * line through {@code log(norms[d])} for {@code d} in [from, to): below 1 the gradient
     * vanishes, above 1 it explodes. Zero norms (gradient underflow) end the fit early.
     */
    public static double factorPerStep(double[] norms, int from, int to) {
        if (from < 0 || to > norms.length || to - from < 2) {
            throw new IllegalArgumentException("need a range of at least 2 distances within [0, " + norms.length
                    + "), got [" + from + ", " + to + ")");
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int d = from; d < to && norms[d] > 0 && Double.isFinite(norms[d]); d++) {
            double y = Math.log(norms[d]);
            sx += d;
            sy += y;
            sxx += (double) d * d;
            sxy += d * y;
            n++;
        }
        if (n < 2) {
            return 0;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return Math.exp(slope);
    }
}
