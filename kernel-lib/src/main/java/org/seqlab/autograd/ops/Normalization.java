package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Layer norm and batch norm as fused loops. Both see the input as [outer, C, inner] around a
 * feature axis: layer norm normalises each [C] vector of the last axis; batch norm normalises
 * each channel over everything else (axis 1 for [N, C, H, W] and [N, C, L], the last axis for
 * [B, T, F] sequences).
 */
public final class Normalization {
    private Normalization() {}

    /** Normalises over the last axis, then scales by gamma [C] and shifts by beta [C]. */
    public static Tensor layerNorm(String name, Tensor x, Tensor gamma, Tensor beta, double eps) {
        int c = (int) x.size(x.rank() - 1);
        checkAffine(name, x, gamma, beta, c);
        int rows = (int) (x.value().length() / c);
        Buf xb = Buf.of(Dense.of(x.value()));
        Buf gm = Buf.of(Dense.of(gamma.value()));
        Buf bt = Buf.of(Dense.of(beta.value()));
        INDArray out = Nd4j.createUninitialized(x.dtype(), x.shape());
        INDArray xhat = Dense.empty(x.dtype(), x.shape());
        Buf ob = Buf.of(out);
        Buf hb = Buf.of(xhat);
        double[] rstd = new double[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * c;
            double mean = 0;
            for (int j = 0; j < c; j++) {
                mean += xb.get(o + j);
            }
            mean /= c;
            double var = 0;
            for (int j = 0; j < c; j++) {
                double d = xb.get(o + j) - mean;
                var += d * d;
            }
            rstd[r] = 1 / Math.sqrt(var / c + eps);
            for (int j = 0; j < c; j++) {
                double h = (xb.get(o + j) - mean) * rstd[r];
                hb.set(o + j, h);
                ob.set(o + j, h * gm.get(j) + bt.get(j));
            }
        }
        return Tensor.result(out, g -> {
            Buf gb = Buf.of(Dense.of(g));
            INDArray gx = Nd4j.createUninitialized(g.dataType(), x.shape());
            INDArray ggamma = Nd4j.zeros(g.dataType(), c);
            INDArray gbeta = Nd4j.zeros(g.dataType(), c);
            Buf gxb = Buf.of(gx);
            Buf ggb = Buf.of(ggamma);
            Buf gbb = Buf.of(gbeta);
            for (int r = 0; r < rows; r++) {
                int o = r * c;
                double sum = 0;
                double dot = 0;
                for (int j = 0; j < c; j++) {
                    double gi = gb.get(o + j);
                    double dh = gi * gm.get(j);
                    sum += dh;
                    dot += dh * hb.get(o + j);
                    ggb.add(j, gi * hb.get(o + j));
                    gbb.add(j, gi);
                }
                for (int j = 0; j < c; j++) {
                    double dh = gb.get(o + j) * gm.get(j);
                    gxb.set(o + j, rstd[r] * (dh - sum / c - hb.get(o + j) * dot / c));
                }
            }
            x.addGradOwned(gx);
            gamma.addGradOwned(ggamma);
            beta.addGradOwned(gbeta);
        }, x, gamma, beta);
    }

    /**
     * Batch norm over channel {@code axis}. In training, normalises with the batch's statistics
     * and updates {@code runningMean}/{@code runningVar} in place ({@code r = (1 - m) r + m batch},
     * unbiased variance, as PyTorch); in evaluation, normalises with the running statistics.
     */
    public static Tensor batchNorm(String name, Tensor x, Tensor gamma, Tensor beta, INDArray runningMean,
            INDArray runningVar, int axis, boolean training, double momentum, double eps) {
        return batchNorm(name, x, null, gamma, beta, runningMean, runningVar, axis, training, momentum, eps);
    }

    /**
     * Batch norm of a padded batch: {@code valid} (x's shape without the channel axis, 1 where a
     * position holds data and 0 on padding; null when nothing is padded) keeps padding out of the
     * batch statistics, and padded positions come out 0 with no gradient, so a following "same"
     * convolution sees them as it sees the zeros beyond a clip's edge. Otherwise the padding of
     * the shorter clips of a batch would shift every clip's mean and variance, by how much
     * depending on which clips happen to share the batch.
     */
    public static Tensor batchNorm(String name, Tensor x, INDArray valid, Tensor gamma, Tensor beta, INDArray runningMean,
            INDArray runningVar, int axis, boolean training, double momentum, double eps) {
        int ax = Dense.axis(axis, x.rank(), name);
        long[] s = x.shape();
        int c = (int) s[ax];
        checkAffine(name, x, gamma, beta, c);
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < s.length; i++) {
            if (i < ax) {
                outer *= (int) s[i];
            } else if (i > ax) {
                inner *= (int) s[i];
            }
        }
        final int outerF = outer;
        final int innerF = inner;
        if (valid != null && valid.length() != (long) outer * inner) {
            throw new IllegalArgumentException(name + ": mask " + Arrays.toString(valid.shape()) + " does not cover input "
                    + Arrays.toString(s) + " without its channel axis " + ax);
        }
        Buf w = valid == null ? null : Buf.of(Dense.of(valid));
        double n = 0;
        for (int p = 0; p < outer * inner; p++) {
            n += w == null ? 1 : w.get(p);
        }
        final double count = n;
        if (training && count < 2) {
            throw new IllegalArgumentException(name + ": batch statistics need more than one value per channel, input "
                    + Arrays.toString(s) + (w == null ? "" : " with " + (long) count + " unpadded positions"));
        }
        Buf xb = Buf.of(Dense.of(x.value()));
        Buf gm = Buf.of(Dense.of(gamma.value()));
        Buf bt = Buf.of(Dense.of(beta.value()));
        Buf rm = Buf.of(runningMean);
        Buf rv = Buf.of(runningVar);
        double[] mean = new double[c];
        double[] rstd = new double[c];
        if (training) {
            double[] var = new double[c];
            for (int o = 0; o < outer; o++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (o * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        mean[ch] += weight(w, o * inner + i) * xb.get(base + i);
                    }
                }
            }
            for (int ch = 0; ch < c; ch++) {
                mean[ch] /= count;
            }
            for (int o = 0; o < outer; o++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (o * c + ch) * inner;
                    for (int i = 0; i < inner; i++) {
                        double d = xb.get(base + i) - mean[ch];
                        var[ch] += weight(w, o * inner + i) * d * d;
                    }
                }
            }
            for (int ch = 0; ch < c; ch++) {
                rstd[ch] = 1 / Math.sqrt(var[ch] / count + eps);
                rm.set(ch, (1 - momentum) * rm.get(ch) + momentum * mean[ch]);
                rv.set(ch, (1 - momentum) * rv.get(ch) + momentum * var[ch] / (count - 1));
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = rm.get(ch);
                rstd[ch] = 1 / Math.sqrt(rv.get(ch) + eps);
            }
        }
        INDArray out = Nd4j.createUninitialized(x.dtype(), s);
        Buf ob = Buf.of(out);
        for (int o = 0; o < outer; o++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (o * c + ch) * inner;
                double a = gm.get(ch) * rstd[ch];
                double bb = bt.get(ch) - mean[ch] * a;
                for (int i = 0; i < inner; i++) {
                    ob.set(base + i, weight(w, o * inner + i) == 0 ? 0 : xb.get(base + i) * a + bb);
                }
            }
        }
        return Tensor.result(out, g -> {
            Buf gb = Buf.of(Dense.of(g));
            double[] sumG = new double[c];
            double[] sumGH = new double[c];
            for (int o = 0; o < outerF; o++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (o * c + ch) * innerF;
                    for (int i = 0; i < innerF; i++) {
                        double gi = weight(w, o * innerF + i) * gb.get(base + i);
                        sumG[ch] += gi;
                        sumGH[ch] += gi * (xb.get(base + i) - mean[ch]) * rstd[ch];
                    }
                }
            }
            INDArray gx = Nd4j.createUninitialized(g.dataType(), s);
            Buf gxb = Buf.of(gx);
            for (int o = 0; o < outerF; o++) {
                for (int ch = 0; ch < c; ch++) {
                    int base = (o * c + ch) * innerF;
                    double a = gm.get(ch) * rstd[ch];
                    for (int i = 0; i < innerF; i++) {
                        double wi = weight(w, o * innerF + i);
                        double gi = gb.get(base + i);
                        if (wi == 0) {
                            gxb.set(base + i, 0);
                        } else if (training) {
                            double h = (xb.get(base + i) - mean[ch]) * rstd[ch];
                            gxb.set(base + i, a * (gi - sumG[ch] / count - h * sumGH[ch] / count));
                        } else {
                            gxb.set(base + i, a * gi);
                        }
                    }
                }
            }
            x.addGradOwned(gx);
            gamma.addGradOwned(Nd4j.createFromArray(sumGH).castTo(g.dataType()));
            beta.addGradOwned(Nd4j.createFromArray(sumG).castTo(g.dataType()));
        }, x, gamma, beta);
    }

    /** 1 for every position when nothing is padded. */
    private static double weight(Buf valid, int p) {
        return valid == null ? 1 : valid.get(p);
    }

    private static void checkAffine(String name, Tensor x, Tensor gamma, Tensor beta, int c) {
        if (gamma.rank() != 1 || gamma.size(0) != c || beta.rank() != 1 || beta.size(0) != c) {
            throw new IllegalArgumentException(name + ": scale " + Arrays.toString(gamma.shape()) + " and shift "
                    + Arrays.toString(beta.shape()) + " must be [" + c + "] for input " + Arrays.toString(x.shape()));
        }
    }
}
