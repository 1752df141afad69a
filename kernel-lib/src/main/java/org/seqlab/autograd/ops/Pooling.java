package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Max and average pooling over [N, C, H, W] with separate kernel and stride per axis, so that
 * pooling over frequency only (kernel (4, 1) on [N, C, freq, time]) keeps every frame. Windows
 * that do not fit at the end are dropped (floor), as in PyTorch without padding.
 */
public final class Pooling {
    private Pooling() {}

    public static Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw) {
        return pool("maxPool2d", x, kh, kw, sh, sw, true);
    }

    public static Tensor avgPool2d(Tensor x, int kh, int kw, int sh, int sw) {
        return pool("avgPool2d", x, kh, kw, sh, sw, false);
    }

    /** Over the last axis of [N, C, L]. */
    public static Tensor maxPool1d(Tensor x, int k, int stride) {
        return pool1d("maxPool1d", x, k, stride, true);
    }

    /** Over the last axis of [N, C, L]. */
    public static Tensor avgPool1d(Tensor x, int k, int stride) {
        return pool1d("avgPool1d", x, k, stride, false);
    }

    private static Tensor pool1d(String op, Tensor x, int k, int stride, boolean max) {
        Dense.requireRank(op, x.value(), 3, "[N, C, L]");
        Tensor x4 = Shapes.reshape(x, x.size(0), x.size(1), 1, x.size(2));
        Tensor y = pool(op, x4, 1, k, 1, stride, max);
        return Shapes.reshape(y, y.size(0), y.size(1), y.size(3));
    }

    private static Tensor pool(String op, Tensor x, int kh, int kw, int sh, int sw, boolean max) {
        Dense.requireRank(op, x.value(), 4, "[N, C, H, W]");
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1) {
            throw new IllegalArgumentException(op + ": kernel and stride must be >= 1, got (" + kh + ", " + kw
                    + ") and (" + sh + ", " + sw + ")");
        }
        long[] s = x.shape();
        int planes = (int) (s[0] * s[1]);
        int h = (int) s[2];
        int w = (int) s[3];
        int oh = (h - kh) / sh + 1;
        int ow = (w - kw) / sw + 1;
        if (h < kh || w < kw) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(s) + " is smaller than the kernel ("
                    + kh + ", " + kw + ")");
        }
        INDArray xd = Dense.of(x.value());
        INDArray out = Nd4j.createUninitialized(x.dtype(), s[0], s[1], oh, ow);
        Window win = new Window(h, w, kh, kw, sh, sw, oh, ow, max);
        Buf xb = Buf.of(xd);
        win.forward(xb, Buf.of(out), planes);
        return Tensor.result(out, g -> {
            // every element is written by the backward loop, so no zero fill
            INDArray gx = Nd4j.createUninitialized(g.dataType(), s);
            win.backward(xb, Buf.of(Dense.of(g)), Buf.of(gx), planes);
            x.addGradOwned(gx);
        }, x);
    }

    /**
     * The loops of one pooling geometry, one [H, W] plane at a time on Java arrays. Why not
     * ND4J's native pooling ops: on the CRNN's first layer ([16, 64, 64, 500], pooled by 4 over
     * frequency) its backward (a zero fill, then maxpool2d_bp) measured about 400 ms of CPU,
     * several times a plain pass over the data. The max pooling backward finds the window's
     * first maximum again in the input (row-major order, as PyTorch), so nothing is stored
     * between forward and backward; a NaN in a window wins, so it propagates.
     */
    private record Window(int h, int w, int kh, int kw, int sh, int sw, int oh, int ow, boolean max) {
        void forward(Buf x, Buf y, int planes) {
            double[] in = new double[h * w];
            double[] out = new double[oh * ow];
            double scale = 1.0 / (kh * kw);
            for (int p = 0; p < planes; p++) {
                x.read(p * h * w, in, h * w);
                java.util.Arrays.fill(out, max ? Double.NEGATIVE_INFINITY : 0.0);
                for (int oi = 0; oi < oh; oi++) {
                    int o = oi * ow;
                    for (int r = 0; r < kh; r++) {
                        for (int c = 0; c < kw; c++) {
                            int base = (oi * sh + r) * w + c;
                            if (max) {
                                for (int oj = 0; oj < ow; oj++) {
                                    double v = in[base + oj * sw];
                                    if (v > out[o + oj] || v != v) {
                                        out[o + oj] = v;
                                    }
                                }
                            } else {
                                for (int oj = 0; oj < ow; oj++) {
                                    out[o + oj] += in[base + oj * sw];
                                }
                            }
                        }
                    }
                }
                if (!max) {
                    for (int i = 0; i < out.length; i++) {
                        out[i] *= scale;
                    }
                }
                y.write(p * oh * ow, out, oh * ow);
            }
        }

        void backward(Buf x, Buf g, Buf gx, int planes) {
            double[] in = new double[h * w];
            double[] gOut = new double[oh * ow];
            double[] gIn = new double[h * w];
            double scale = 1.0 / (kh * kw);
            for (int p = 0; p < planes; p++) {
                g.read(p * oh * ow, gOut, oh * ow);
                java.util.Arrays.fill(gIn, 0.0);
                if (max) {
                    x.read(p * h * w, in, h * w);
                }
                for (int oi = 0; oi < oh; oi++) {
                    for (int oj = 0; oj < ow; oj++) {
                        double go = gOut[oi * ow + oj];
                        int top = oi * sh * w + oj * sw;
                        if (max) {
                            int arg = top;
                            double m = in[top];
                            for (int r = 0; r < kh; r++) {
                                for (int c = 0; c < kw; c++) {
                                    int i = top + r * w + c;
                                    double v = in[i];
                                    if (v > m || v != v && m == m) {
                                        m = v;
                                        arg = i;
                                    }
                                }
                            }
                            gIn[arg] += go;
                        } else {
                            for (int r = 0; r < kh; r++) {
                                for (int c = 0; c < kw; c++) {
                                    gIn[top + r * w + c] += go * scale;
                                }
                            }
                        }
                    }
                }
                gx.write(p * h * w, gIn, h * w);
            }
        }
    }
}
