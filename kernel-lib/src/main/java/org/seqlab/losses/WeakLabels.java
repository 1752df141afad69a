package org.seqlab.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;

/**
 * Learning frame-level detectors from clip tags (weakly labelled sound event detection): the
 * clip-level poolings of frame scores and the similarity penalty of lecture 04. Each is one fused
 * operation over [batch, time, classes] frame logits with its own backward pass, valid frames
 * given by {@code lengths} (padding never enters a sum, a maximum or a softmax).
 *
 * <p>The poolings give clip probabilities [batch, classes] to score with
 * {@link #binaryCrossEntropy(Tensor, INDArray)}: mean pooling averages frame probabilities (every
 * frame of a tagged clip is pushed up, close to false strong labelling); attention pooling
 * weights each frame's class probability by a softmax over time of a second set of logits,
 * {@code y_c = sum_t sigmoid(z_cla(t)) exp(z_att(t)) / sum_t exp(z_att(t))} (DCASE 2018 task 4's
 * gated attention). MIL max pooling needs no op here: the largest sigmoid is the sigmoid of the
 * largest logit, so binary cross-entropy with logits on the frames' maximum is exact.
 */
public final class WeakLabels {
    /** Probabilities are clamped to [EPS, 1 - EPS] inside the logarithms of the clip loss. */
    static final double EPS = 1e-7;
    /** A curve whose norm is below this is treated as silent: its cosine with anything is 0. */
    static final double NORM_FLOOR = 1e-12;

    private WeakLabels() {}

    /** Mean over each clip's valid frames of sigmoid(logits), per class: [B, T, C] -> [B, C]. */
    public static Tensor meanPool(Tensor logits, int[] lengths) {
        Shape s = Shape.of("meanPool", logits, lengths);
        INDArray x = Dense.of(logits.value());
        Buf xb = Buf.of(x);
        INDArray out = Nd4j.create(x.dataType(), s.b, s.c);
        Buf ob = Buf.of(out);
        for (int b = 0; b < s.b; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                for (int k = 0; k < s.c; k++) {
                    ob.add(b * s.c + k, sigmoid(xb.get(s.at(b, t, k))) / lengths[b]);
                }
            }
        }
        return Tensor.result(out, g -> {
            Buf gb = Buf.of(Dense.of(g));
            INDArray dx = Nd4j.zeros(x.dataType(), x.shape());
            Buf db = Buf.of(dx);
            for (int b = 0; b < s.b; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    for (int k = 0; k < s.c; k++) {
                        double p = sigmoid(xb.get(s.at(b, t, k)));
                        db.set(s.at(b, t, k), gb.get(b * s.c + k) * p * (1 - p) / lengths[b]);
                    }
                }
            }
            logits.addGradOwned(dx);
        }, logits);
    }

    /**
     * Attention pooling: {@code y[b,c] = sum_t w[b,t,c] sigmoid(cla[b,t,c])}, with {@code w} the
     * softmax over the valid frames of {@code att[b,:,c]}. Both inputs are [B, T, C].
     */
    public static Tensor attentionPool(Tensor cla, Tensor att, int[] lengths) {
        Shape s = Shape.of("attentionPool", cla, lengths);
        Dense.requireSameShape("attentionPool (classification vs attention logits)", cla.value(), att.value());
        INDArray z = Dense.of(cla.value());
        INDArray a = Dense.of(att.value());
        Buf zb = Buf.of(z);
        Buf ab = Buf.of(a);
        INDArray w = Nd4j.zeros(z.dataType(), z.shape());
        Buf wb = Buf.of(w);
        INDArray out = Nd4j.create(z.dataType(), s.b, s.c);
        Buf ob = Buf.of(out);
        for (int b = 0; b < s.b; b++) {
            for (int k = 0; k < s.c; k++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < lengths[b]; t++) {
                    max = Math.max(max, ab.get(s.at(b, t, k)));
                }
                double sum = 0;
                for (int t = 0; t < lengths[b]; t++) {
                    double e = Math.exp(ab.get(s.at(b, t, k)) - max);
                    wb.set(s.at(b, t, k), e);
                    sum += e;
                }
                double y = 0;
                for (int t = 0; t < lengths[b]; t++) {
                    int i = s.at(b, t, k);
                    wb.set(i, wb.get(i) / sum);
                    y += wb.get(i) * sigmoid(zb.get(i));
                }
                ob.set(b * s.c + k, y);
            }
        }
        MemoryScope.track(w);
        return Tensor.result(out, g -> {
            Buf gb = Buf.of(Dense.of(g));
            INDArray dz = Nd4j.zeros(z.dataType(), z.shape());
            INDArray da = Nd4j.zeros(z.dataType(), z.shape());
            Buf dzb = Buf.of(dz);
            Buf dab = Buf.of(da);
            for (int b = 0; b < s.b; b++) {
                for (int k = 0; k < s.c; k++) {
                    double gy = gb.get(b * s.c + k);
                    double y = ob.get(b * s.c + k);
                    for (int t = 0; t < lengths[b]; t++) {
                        int i = s.at(b, t, k);
                        double p = sigmoid(zb.get(i));
                        double wi = wb.get(i);
                        dzb.set(i, gy * wi * p * (1 - p));
                        dab.set(i, gy * wi * (p - y));
                    }
                }
            }
            cla.addGradOwned(dz);
            att.addGradOwned(da);
        }, cla, att);
    }

    /**
     * The similarity penalty of MIL training, averaged over the batch:
     * {@code alpha * sum_c y_c sum_{l != c} y_l max(0, cos(p_:l, p_:c))}, where {@code p_:c} is
     * class c's frame probability curve over the clip's valid frames and {@code y} the clip tags.
     * Two classes tagged in the same clip are pushed to be active at different times, which max
     * pooling alone does not ask for. Probabilities are non-negative, so the cosine is too and the
     * hinge never cuts; it stays for the lecture's formula.
     */
    public static Tensor cosinePenalty(Tensor logits, int[] lengths, INDArray tags, double alpha) {
        Shape s = Shape.of("cosinePenalty", logits, lengths);
        INDArray x = Dense.of(logits.value());
        Buf xb = Buf.of(x);
        float[][] y = tags(tags, s);
        double total = 0;
        // per clip: norms of each class curve and the cosine of each tagged pair
        double[][] norms = new double[s.b][s.c];
        double[][][] cos = new double[s.b][s.c][s.c];
        for (int b = 0; b < s.b; b++) {
            for (int k = 0; k < s.c; k++) {
                double n2 = 0;
                for (int t = 0; t < lengths[b]; t++) {
                    double p = sigmoid(xb.get(s.at(b, t, k)));
                    n2 += p * p;
                }
                norms[b][k] = Math.sqrt(n2);
            }
            for (int c = 0; c < s.c; c++) {
                for (int l = c + 1; l < s.c; l++) {
                    if (y[b][c] == 0 || y[b][l] == 0 || norms[b][c] < NORM_FLOOR || norms[b][l] < NORM_FLOOR) {
                        continue;
                    }
                    double dot = 0;
                    for (int t = 0; t < lengths[b]; t++) {
                        dot += sigmoid(xb.get(s.at(b, t, c))) * sigmoid(xb.get(s.at(b, t, l)));
                    }
                    double v = dot / (norms[b][c] * norms[b][l]);
                    cos[b][c][l] = v;
                    if (v > 0) {
                        total += 2 * y[b][c] * y[b][l] * v; // both ordered pairs (c, l) and (l, c)
                    }
                }
            }
        }
        double scale = alpha / s.b;
        INDArray out = Nd4j.scalar(x.dataType(), scale * total);
        return Tensor.result(out, g -> {
            double gs = g.getDouble(0) * scale;
            INDArray dx = Nd4j.zeros(x.dataType(), x.shape());
            Buf db = Buf.of(dx);
            for (int b = 0; b < s.b; b++) {
                for (int c = 0; c < s.c; c++) {
                    for (int l = c + 1; l < s.c; l++) {
                        double v = cos[b][c][l];
                        if (v <= 0) {
                            continue;
                        }
                        double w = gs * 2 * y[b][c] * y[b][l];
                        double nc = norms[b][c];
                        double nl = norms[b][l];
                        for (int t = 0; t < lengths[b]; t++) {
                            int ic = s.at(b, t, c);
                            int il = s.at(b, t, l);
                            double pc = sigmoid(xb.get(ic));
                            double pl = sigmoid(xb.get(il));
                            // d cos / d p_c(t) = p_l(t) / (|p_c| |p_l|) - cos p_c(t) / |p_c|^2, and symmetrically
                            double dpc = pl / (nc * nl) - v * pc / (nc * nc);
                            double dpl = pc / (nc * nl) - v * pl / (nl * nl);
                            db.add(ic, w * dpc * pc * (1 - pc));
                            db.add(il, w * dpl * pl * (1 - pl));
                        }
                    }
                }
            }
            logits.addGradOwned(dx);
        }, logits);
    }

    /**
     * The class-by-class cosine similarity of one clip's frame probability curves (its first
     * {@code length} frames of [T, C] logits): what the penalty acts on, for plots.
     */
    public static double[][] cosineMatrix(float[][] probabilities) {
        int c = probabilities.length == 0 ? 0 : probabilities[0].length;
        double[][] m = new double[c][c];
        double[] norm = new double[c];
        for (float[] frame : probabilities) {
            for (int k = 0; k < c; k++) {
                norm[k] += frame[k] * frame[k];
            }
        }
        for (int k = 0; k < c; k++) {
            for (int l = 0; l < c; l++) {
                double dot = 0;
                for (float[] frame : probabilities) {
                    dot += frame[k] * frame[l];
                }
                double d = Math.sqrt(norm[k] * norm[l]);
                m[k][l] = d < NORM_FLOOR ? 0 : dot / d;
            }
        }
        return m;
    }

    /**
     * Mean binary cross-entropy of clip probabilities [B, C] against tags [B, C], each probability
     * clamped to [1e-7, 1 - 1e-7] (no gradient where the clamp bites), as the poolings that end
     * in probabilities need.
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, INDArray targets) {
        Dense.requireSameShape("binaryCrossEntropy (probabilities vs targets)", probabilities.value(), targets);
        INDArray p = Dense.of(probabilities.value());
        Buf pb = Buf.of(p);
        Buf yb = Buf.of(Dense.of(targets.dataType() == p.dataType() ? targets : MemoryScope.track(targets.castTo(p.dataType()))));
        int n = Dense.toInt(p.length());
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double q = Math.min(1 - EPS, Math.max(EPS, pb.get(i)));
            double y = yb.get(i);
            sum -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
        }
        INDArray out = Nd4j.scalar(p.dataType(), sum / n);
        return Tensor.result(out, g -> {
            double gs = g.getDouble(0) / n;
            INDArray dp = Nd4j.zeros(p.dataType(), p.shape());
            Buf db = Buf.of(dp);
            for (int i = 0; i < n; i++) {
                double q = pb.get(i);
                if (q <= EPS || q >= 1 - EPS) {
                    continue;
                }
                double y = yb.get(i);
                db.set(i, gs * (-y / q + (1 - y) / (1 - q)));
            }
            probabilities.addGradOwned(dp);
        }, probabilities);
    }

    /**
     * False strong labelling: binary cross-entropy of every valid frame against its clip's tags
     * (a tagged class is taken as active throughout the clip).
     */
    public static Tensor falseStrongLabels(Tensor logits, INDArray tags, INDArray mask) {
        long[] shape = logits.shape();
        INDArray frames = tags.reshape(shape[0], 1, shape[2]).broadcast(shape).castTo(logits.dtype()).dup('c');
        return BinaryCrossEntropy.withLogits(logits, MemoryScope.track(frames), mask);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static float[][] tags(INDArray tags, Shape s) {
        if (tags.rank() != 2 || tags.size(0) != s.b || tags.size(1) != s.c) {
            throw new IllegalArgumentException("cosinePenalty: tags must be [" + s.b + ", " + s.c + "], got "
                    + java.util.Arrays.toString(tags.shape()));
        }
        float[][] y = new float[s.b][s.c];
        for (int b = 0; b < s.b; b++) {
            for (int k = 0; k < s.c; k++) {
                y[b][k] = tags.getFloat(b, k);
            }
        }
        return y;
    }

    /** [B, T, C] with its valid lengths, and the flat index of (b, t, k). */
    private record Shape(int b, int steps, int c) {
        static Shape of(String op, Tensor x, int[] lengths) {
            Dense.requireRank(op, x.value(), 3, "[batch, time, classes]");
            Shape s = new Shape(Dense.toInt(x.size(0)), Dense.toInt(x.size(1)), Dense.toInt(x.size(2)));
            if (lengths.length != s.b) {
                throw new IllegalArgumentException(op + ": " + lengths.length + " lengths for a batch of " + s.b);
            }
            for (int l : lengths) {
                if (l < 1 || l > s.steps) {
                    throw new IllegalArgumentException(op + ": a length of " + l + " frames in a batch of " + s.steps);
                }
            }
            return s;
        }

        int at(int batch, int t, int k) {
            return (batch * steps + t) * c + k;
        }
    }
}
