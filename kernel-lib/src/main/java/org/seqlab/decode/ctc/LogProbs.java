package org.seqlab.decode.ctc;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Model outputs as the [T][C] double arrays the CTC decoders work on. */
public final class LogProbs {
    private LogProbs() {}

    /** The rows of a [T, C] array. */
    public static double[][] of(INDArray frames) {
        if (frames.rank() != 2) {
            throw new IllegalArgumentException("CTC decoding needs [T, C] log-probabilities, got shape " + Arrays.toString(frames.shape()));
        }
        return frames.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
    }

    /** Example {@code b} of a [B, T, C] batch, cut to its {@code length} valid frames. */
    public static double[][] of(INDArray batch, int b, int length) {
        if (batch.rank() != 3) {
            throw new IllegalArgumentException("expected [B, T, C] log-probabilities, got shape " + Arrays.toString(batch.shape()));
        }
        if (length < 0 || length > batch.size(1)) {
            throw new IllegalArgumentException("length " + length + " of example " + b + " is outside [0, " + batch.size(1) + "]");
        }
        double[][] out = new double[length][(int) batch.size(2)];
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < out[t].length; c++) {
                out[t][c] = batch.getDouble(b, t, c);
            }
        }
        return out;
    }

    /** Log-softmax of each row, for models whose outputs are logits. */
    public static double[][] logSoftmax(double[][] logits) {
        double[][] out = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[t]) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : logits[t]) {
                s += Math.exp(v - max);
            }
            double lse = max + Math.log(s);
            out[t] = new double[logits[t].length];
            for (int c = 0; c < out[t].length; c++) {
                out[t][c] = logits[t][c] - lse;
            }
        }
        return out;
    }
}
