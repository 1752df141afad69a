package org.seqlab.nn.attention;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;
import org.seqlab.nn.recurrent.FastMath;

/**
 * The fused pieces of attention with hand-written backward passes: scores, masked softmax
 * over the encoder steps, and the weighted sum of values. Computed in double precision on
 * Java arrays (one decoder step is small) and returned in the inputs' type.
 */
final class AttentionOps {
    private AttentionOps() {}

    /**
     * The elements as doubles through the fused-loop view, without the native cast and copy of
     * {@code castTo}: a decoder makes these calls several times per step, and the three native
     * allocations each cost more than the arithmetic (profiled on the seq2seq lecture model).
     */
    static double[] elements(INDArray a) {
        Buf src = Buf.of(Dense.of(a));
        double[] out = new double[Dense.toInt(a.length())];
        for (int i = 0; i < out.length; i++) {
            out[i] = src.get(i);
        }
        return out;
    }

    /** A new array of the given type and shape holding {@code v}, released with the step's memory scope. */
    private static INDArray of(double[] v, DataType type, long... shape) {
        INDArray out = Dense.empty(type, shape);
        Buf dst = Buf.of(out);
        for (int i = 0; i < v.length; i++) {
            dst.set(i, v[i]);
        }
        return out;
    }

    /** scores[b,t] = scale * q[b,:] . k[b,t,:]; q [B, D], k [B, T, D]. */
    static Tensor dotScores(Tensor q, Tensor k, double[] kv, double scale) {
        int b = (int) k.size(0);
        int t = (int) k.size(1);
        int dim = (int) k.size(2);
        double[] qv = elements(q.value());
        double[] s = new double[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                double acc = 0;
                for (int c = 0; c < dim; c++) {
                    acc += qv[i * dim + c] * kv[(i * t + j) * dim + c];
                }
                s[i * t + j] = scale * acc;
            }
        }
        return Tensor.result(of(s, k.dtype(), b, t), g -> {
            double[] gv = elements(g);
            double[] dq = new double[b * dim];
            double[] dk = new double[b * t * dim];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    double gs = scale * gv[i * t + j];
                    for (int c = 0; c < dim; c++) {
                        dq[i * dim + c] += gs * kv[(i * t + j) * dim + c];
                        dk[(i * t + j) * dim + c] = gs * qv[i * dim + c];
                    }
                }
            }
            q.addGradOwned(of(dq, q.dtype(), q.shape()));
            k.addGradOwned(of(dk, k.dtype(), k.shape()));
        }, q, k);
    }

    /**
     * Chorowski's location term inside the tanh, {@code U conv1d(prev)}: filters {@code conv}
     * [F, 1, K] over the previous step's weights {@code prev} [B, T] (zero padded, K odd), then
     * {@code project} [F, A]. Both are linear, so the term is one filter bank {@code M = conv^T
     * project} [K, A] slid over the previous weights; computed inside the scores, it needs no
     * [B, T, A] array, convolution or product of its own at every decoder step.
     */
    record Location(Tensor prev, Tensor conv, Tensor project) {}

    /**
     * scores[b,t] = v . tanh(keys[b,t,:] + query[b,:] + location term[b,t,:]); keys [B, T, A],
     * query [B, A], location null (plain additive scoring) or Chorowski's, v [A].
     */
    static Tensor additiveScores(Tensor keys, double[] kv, Tensor query, Location location, Tensor v) {
        int b = (int) keys.size(0);
        int t = (int) keys.size(1);
        int a = (int) keys.size(2);
        double[] qv = elements(query.value());
        double[] vv = elements(v.value());
        double[] pv = location == null ? null : elements(location.prev().value());
        int filters = location == null ? 0 : (int) location.conv().size(0);
        int kernel = location == null ? 0 : (int) location.conv().size(2);
        int half = kernel / 2;
        double[] cv = location == null ? null : elements(location.conv().value());
        double[] uv = location == null ? null : elements(location.project().value());
        double[] m = new double[kernel * a];
        for (int f = 0; f < filters; f++) {
            for (int k = 0; k < kernel; k++) {
                double w = cv[f * kernel + k];
                for (int c = 0; c < a; c++) {
                    m[k * a + c] += w * uv[f * a + c];
                }
            }
        }
        boolean single = keys.dtype() == DataType.FLOAT;
        // float training keeps tanh in a float array, so the tanh loop below is one the JIT vectorises
        float[] thF = single ? new float[b * t * a] : null;
        double[] thD = single ? null : new double[b * t * a];
        double[] pre = new double[a];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                int row = (i * t + j) * a;
                for (int c = 0; c < a; c++) {
                    pre[c] = kv[row + c] + qv[i * a + c];
                }
                for (int k = 0; k < kernel; k++) {
                    int src = j + k - half;
                    double w = src >= 0 && src < t ? pv[i * t + src] : 0;
                    if (w != 0) {
                        for (int c = 0; c < a; c++) {
                            pre[c] += w * m[k * a + c];
                        }
                    }
                }
                if (single) {
                    for (int c = 0; c < a; c++) {
                        thF[row + c] = (float) pre[c];
                    }
                } else {
                    for (int c = 0; c < a; c++) {
                        thD[row + c] = Math.tanh(pre[c]);
                    }
                }
            }
        }
        if (single) {
            for (int k = 0; k < thF.length; k++) {
                thF[k] = FastMath.tanh(thF[k]);
            }
        }
        double[] s = new double[b * t];
        for (int r = 0; r < b * t; r++) {
            double acc = 0;
            int row = r * a;
            if (single) {
                for (int c = 0; c < a; c++) {
                    acc += vv[c] * thF[row + c];
                }
            } else {
                for (int c = 0; c < a; c++) {
                    acc += vv[c] * thD[row + c];
                }
            }
            s[r] = acc;
        }
        Tensor[] inputs = location == null ? new Tensor[] {keys, query, v}
                : new Tensor[] {keys, query, v, location.prev(), location.conv(), location.project()};
        return Tensor.result(of(s, keys.dtype(), b, t), g -> {
            double[] gv = elements(g);
            // the [B, T, A] key gradient is added straight into the keys' gradient, the same array
            // at every decoder step: no per-step copy of it
            Buf dkb = keys.gradBuffer();
            INDArray dk = keys.requiresGrad() && dkb == null ? Dense.zeros(keys.dtype(), keys.shape()) : null;
            if (dk != null) {
                dkb = Buf.of(dk);
            }
            double[] dq = new double[b * a];
            double[] dv = new double[a];
            double[] dm = new double[kernel * a];
            double[] dprev = location == null ? null : new double[b * t];
            double[] dp = new double[a];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    double gs = gv[i * t + j];
                    int row = (i * t + j) * a;
                    for (int c = 0; c < a; c++) {
                        double e = single ? thF[row + c] : thD[row + c];
                        dp[c] = gs * vv[c] * (1 - e * e);
                        dq[i * a + c] += dp[c];
                        dv[c] += gs * e;
                    }
                    if (dkb != null) {
                        for (int c = 0; c < a; c++) {
                            dkb.add(row + c, dp[c]);
                        }
                    }
                    for (int k = 0; k < kernel; k++) {
                        int src = j + k - half;
                        if (src < 0 || src >= t) {
                            continue;
                        }
                        double w = pv[i * t + src];
                        double acc = 0;
                        for (int c = 0; c < a; c++) {
                            dm[k * a + c] += w * dp[c];
                            acc += dp[c] * m[k * a + c];
                        }
                        dprev[i * t + src] += acc;
                    }
                }
            }
            if (dk != null) {
                keys.addGradOwned(dk);
            }
            query.addGradOwned(of(dq, query.dtype(), query.shape()));
            v.addGradOwned(of(dv, v.dtype(), v.shape()));
            if (location != null) {
                double[] dconv = new double[filters * kernel];
                double[] du = new double[filters * a];
                for (int f = 0; f < filters; f++) {
                    for (int k = 0; k < kernel; k++) {
                        for (int c = 0; c < a; c++) {
                            dconv[f * kernel + k] += dm[k * a + c] * uv[f * a + c];
                            du[f * a + c] += cv[f * kernel + k] * dm[k * a + c];
                        }
                    }
                }
                location.prev().addGradOwned(of(dprev, location.prev().dtype(), location.prev().shape()));
                location.conv().addGradOwned(of(dconv, location.conv().dtype(), location.conv().shape()));
                location.project().addGradOwned(of(du, location.project().dtype(), location.project().shape()));
            }
        }, inputs);
    }

    /**
     * Softmax over t of scores [B, T] restricted to the valid steps of {@code mask} (null = all);
     * masked steps get weight 0 exactly. A row with no valid step gets all-zero weights.
     */
    static Tensor maskedSoftmax(Tensor scores, INDArray mask) {
        int b = (int) scores.size(0);
        int t = (int) scores.size(1);
        if (mask != null && !Arrays.equals(mask.shape(), scores.shape())) {
            throw new IllegalArgumentException("attention: mask shape " + Arrays.toString(mask.shape())
                    + " does not match the scores' [batch, encoder steps] " + Arrays.toString(scores.shape()));
        }
        double[] sv = elements(scores.value());
        double[] mv = mask == null ? null : elements(mask);
        double[] w = new double[b * t];
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < t; j++) {
                if (mv == null || mv[i * t + j] != 0) {
                    max = Math.max(max, sv[i * t + j]);
                }
            }
            if (max == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double sum = 0;
            for (int j = 0; j < t; j++) {
                if (mv == null || mv[i * t + j] != 0) {
                    w[i * t + j] = Math.exp(sv[i * t + j] - max);
                    sum += w[i * t + j];
                }
            }
            for (int j = 0; j < t; j++) {
                w[i * t + j] /= sum;
            }
        }
        return Tensor.result(of(w, scores.dtype(), b, t), g -> {
            double[] gv = elements(g);
            double[] ds = new double[b * t];
            for (int i = 0; i < b; i++) {
                double dot = 0;
                for (int j = 0; j < t; j++) {
                    dot += w[i * t + j] * gv[i * t + j];
                }
                for (int j = 0; j < t; j++) {
                    ds[i * t + j] = w[i * t + j] * (gv[i * t + j] - dot);
                }
            }
            scores.addGradOwned(of(ds, scores.dtype(), b, t));
        }, scores);
    }

    /** context[b,:] = sum_t weights[b,t] values[b,t,:]; weights [B, T], values [B, T, D]. */
    static Tensor weightedSum(Tensor weights, Tensor values, double[] vv) {
        int b = (int) values.size(0);
        int t = (int) values.size(1);
        int dim = (int) values.size(2);
        double[] wv = elements(weights.value());
        double[] c = new double[b * dim];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                double w = wv[i * t + j];
                for (int k = 0; k < dim; k++) {
                    c[i * dim + k] += w * vv[(i * t + j) * dim + k];
                }
            }
        }
        return Tensor.result(of(c, values.dtype(), b, dim), g -> {
            double[] gv = elements(g);
            double[] dw = new double[b * t];
            // added straight into the values' [B, T, D] gradient, the same array at every decoder step
            Buf dvb = values.gradBuffer();
            INDArray dv = values.requiresGrad() && dvb == null ? Dense.zeros(values.dtype(), values.shape()) : null;
            if (dv != null) {
                dvb = Buf.of(dv);
            }
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    double acc = 0;
                    double w = wv[i * t + j];
                    int row = (i * t + j) * dim;
                    for (int k = 0; k < dim; k++) {
                        acc += gv[i * dim + k] * vv[row + k];
                    }
                    if (dvb != null) {
                        for (int k = 0; k < dim; k++) {
                            dvb.add(row + k, w * gv[i * dim + k]);
                        }
                    }
                    dw[i * t + j] = acc;
                }
            }
            weights.addGradOwned(of(dw, weights.dtype(), b, t));
            if (dv != null) {
                values.addGradOwned(dv);
            }
        }, weights, values);
    }
}
