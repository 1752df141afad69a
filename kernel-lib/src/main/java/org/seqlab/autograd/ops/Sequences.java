package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Operations on padded sequences in the engine's layout: values [B, T, F] with a float mask
 * [B, T] (1 = valid frame, 0 = padding, valid frames first).
 */
public final class Sequences {
    private Sequences() {}

    /** Valid length of each sequence: the number of ones in its mask row. */
    public static int[] lengths(INDArray mask) {
        Dense.requireRank("lengths", mask, 2, "[B, T]");
        int b = (int) mask.size(0);
        int t = (int) mask.size(1);
        int[] out = new int[b];
        for (int i = 0; i < b; i++) {
            int n = 0;
            for (int j = 0; j < t; j++) {
                if (mask.getDouble(i, j) != 0) {
                    n++;
                }
            }
            out[i] = n;
        }
        return out;
    }

    /** The [B, T] mask for the given lengths (in {@code type}, e.g. FLOAT). */
    public static INDArray mask(int[] lengths, int maxLength, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray m = Nd4j.zeros(type, lengths.length, maxLength);
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] > maxLength || lengths[i] < 0) {
                throw new IllegalArgumentException("sequence " + i + " has length " + lengths[i]
                        + ", outside [0, " + maxLength + "]");
            }
            for (int j = 0; j < lengths[i]; j++) {
                m.putScalar(i, j, 1.0);
            }
        }
        return m;
    }

    /**
     * Reverses each sequence's valid prefix in time, leaving its padded frames in place, so a
     * backward RNN starts at the last real frame and not in the padding. {@code mask} may be null
     * (all frames valid).
     */
    public static Tensor reverse(Tensor x, INDArray mask) {
        Dense.requireRank("reverse", x.value(), 3, "[B, T, F]");
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        int f = (int) x.size(2);
        int[] len;
        if (mask == null) {
            len = new int[b];
            Arrays.fill(len, t);
        } else {
            if (mask.rank() != 2 || mask.size(0) != b || mask.size(1) != t) {
                throw new IllegalArgumentException("reverse: mask shape " + Arrays.toString(mask.shape())
                        + " does not fit sequence shape " + Arrays.toString(x.shape()));
            }
            len = lengths(mask);
        }
        INDArray out = Nd4j.createUninitialized(x.dtype(), x.shape());
        permute(Buf.of(Dense.of(x.value())), Buf.of(out), len, b, t, f);
        return Tensor.result(out, g -> {
            INDArray gx = Nd4j.createUninitialized(g.dataType(), g.shape());
            permute(Buf.of(Dense.of(g)), Buf.of(gx), len, b, t, f);
            x.addGradOwned(gx);
        }, x);
    }

    /**
     * The pyramidal BLSTM's time reduction (Chan et al. 2016, Listen, Attend and Spell): frames
     * 2i and 2i+1 are concatenated into output frame i, so [B, T, F] becomes [B, ceil(T/2), 2F]
     * and each listener layer sees half as many steps. An odd last frame is paired with zeros;
     * since encoders leave padded frames at zero, a pair holding one valid frame equals it plus
     * zeros. One copy each way: the backward pass scatters the halves back.
     */
    public static Tensor pairFrames(Tensor x) {
        Dense.requireRank("pairFrames", x.value(), 3, "[B, T, F]");
        int b = (int) x.size(0);
        int t = (int) x.size(1);
        int f = (int) x.size(2);
        int half = (t + 1) / 2;
        INDArray out = Nd4j.zeros(x.dtype(), b, half, 2L * f);
        Buf src = Buf.of(Dense.of(x.value()));
        Buf dst = Buf.of(out);
        for (int i = 0; i < b; i++) {
            dst.copy(src, i * t * f, i * half * 2 * f, t * f);
        }
        return Tensor.result(out, g -> {
            INDArray gx = Nd4j.createUninitialized(g.dataType(), b, t, f);
            Buf gs = Buf.of(Dense.of(g));
            Buf gd = Buf.of(gx);
            for (int i = 0; i < b; i++) {
                gd.copy(gs, i * half * 2 * f, i * t * f, t * f);
            }
            x.addGradOwned(gx);
        }, x);
    }

    /** The mask after {@link #pairFrames}: a pair is valid when its first frame is, so length n becomes ceil(n/2). */
    public static INDArray pairMask(INDArray mask) {
        if (mask == null) {
            return null;
        }
        int[] len = lengths(mask);
        for (int i = 0; i < len.length; i++) {
            len[i] = (len[i] + 1) / 2;
        }
        return mask(len, (int) (mask.size(1) + 1) / 2, mask.dataType());
    }

    /** The reversal is its own inverse, so the same copy serves forward and backward. */
    private static void permute(Buf src, Buf dst, int[] len, int b, int t, int f) {
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int from = j < len[i] ? len[i] - 1 - j : j;
                dst.copy(src, (i * t + from) * f, (i * t + j) * f, f);
            }
        }
    }
}
