package org.seqlab.autograd.ops;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Tensor;

/**
 * 2-d and 1-d convolution (cross-correlation, as in every framework) by im2col: each example's
 * receptive fields are unrolled in a fused Java loop into a [C kh kw, oH oW] matrix, then one
 * large {@code Nd4j.gemm} per example does all the arithmetic, forward and backward. The
 * unrolled columns are kept for the backward pass, trading memory for a second unrolling.
 */
public final class Convolution {
    private Convolution() {}

    /** Stride, padding and dilation per spatial axis (height then width). */
    public record Geometry(int strideH, int strideW, int padH, int padW, int dilH, int dilW) {
        public Geometry {
            if (strideH < 1 || strideW < 1 || dilH < 1 || dilW < 1 || padH < 0 || padW < 0) {
                throw new IllegalArgumentException("convolution: stride and dilation must be >= 1 and padding >= 0, got "
                        + this);
            }
        }

        public static Geometry of(int stride, int padding, int dilation) {
            return new Geometry(stride, stride, padding, padding, dilation, dilation);
        }

        /** Stride 1, no dilation, padding that keeps the size for an odd kernel. */
        public static Geometry same(int kh, int kw) {
            return new Geometry(1, 1, kh / 2, kw / 2, 1, 1);
        }

        int outH(long h, long kh) {
            return (int) ((h + 2L * padH - (long) dilH * (kh - 1) - 1) / strideH + 1);
        }

        int outW(long w, long kw) {
            return (int) ((w + 2L * padW - (long) dilW * (kw - 1) - 1) / strideW + 1);
        }
    }

    /**
     * x [N, C, H, W], w [Cout, C, kh, kw], b [Cout] or null; returns [N, Cout, oH, oW].
     * {@code name} identifies the layer in shape errors.
     */
    public static Tensor conv2d(String name, Tensor x, Tensor w, Tensor b, Geometry geo) {
        if (x.rank() != 4 || w.rank() != 4 || x.size(1) != w.size(1)) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape())
                    + " [N, C, H, W] does not fit kernel " + Arrays.toString(w.shape()) + " [Cout, C, kh, kw]");
        }
        if (b != null && (b.rank() != 1 || b.size(0) != w.size(0))) {
            throw new IllegalArgumentException(name + ": bias " + Arrays.toString(b.shape()) + " does not fit kernel "
                    + Arrays.toString(w.shape()));
        }
        Dense.requireSameType(name, x.value(), w.value());
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int cout = (int) w.size(0);
        int kh = (int) w.size(2);
        int kw = (int) w.size(3);
        int oh = geo.outH(h, kh);
        int ow = geo.outW(wd, kw);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape()) + " is smaller than kernel "
                    + Arrays.toString(w.shape()) + " with " + geo);
        }
        int k = c * kh * kw;
        int p = oh * ow;
        Im2col cols = new Im2col(c, h, wd, kh, kw, oh, ow, geo);
        INDArray xd = Dense.of(x.value());
        INDArray w2 = Dense.of(w.value()).reshape(cout, k);
        boolean keep = GradMode.enabled() && (w.requiresGrad() || x.requiresGrad() || (b != null && b.requiresGrad()));
        INDArray col = keep ? Dense.empty(x.dtype(), n, k, p) : Dense.empty(x.dtype(), 1, k, p);
        INDArray out = Nd4j.createUninitialized(x.dtype(), n, cout, p);
        Buf xb = Buf.of(xd);
        Buf colb = Buf.of(col);
        if (keep) {
            parallel(n, (long) k * p, i -> cols.unroll(xb, i, colb, i));
        }
        for (int i = 0; i < n; i++) {
            if (!keep) {
                cols.unroll(xb, i, colb, 0);
            }
            Nd4j.gemm(w2, col.slice(keep ? i : 0), out.slice(i), false, false, 1.0, 0.0);
        }
        if (b != null) {
            addBias(Buf.of(out), Buf.of(Dense.of(b.value())), n, cout, p);
        }
        INDArray result = out.reshape(n, cout, oh, ow);
        long[] xs = x.shape();
        return Tensor.result(result, g -> {
            INDArray g3 = Dense.of(g).reshape(n, cout, p);
            if (w.requiresGrad()) {
                INDArray gw = Nd4j.zeros(g.dataType(), cout, k);
                for (int i = 0; i < n; i++) {
                    Nd4j.gemm(g3.slice(i), col.slice(i), gw, false, true, 1.0, 1.0);
                }
                w.addGradOwned(gw.reshape(w.shape()));
            }
            if (b != null && b.requiresGrad()) {
                b.addGradOwned(g3.sum(0, 2));
            }
            if (x.requiresGrad()) {
                INDArray gx = Nd4j.zeros(g.dataType(), xs);
                Buf gxb = Buf.of(gx);
                int chunk = Math.max(1, Math.min(n, 4));
                INDArray dcol = Dense.empty(g.dataType(), chunk, k, p);
                Buf dcolb = Buf.of(dcol);
                for (int s = 0; s < n; s += chunk) {
                    int m = Math.min(chunk, n - s);
                    for (int j = 0; j < m; j++) {
                        Nd4j.gemm(w2, g3.slice(s + j), dcol.slice(j), true, false, 1.0, 0.0);
                    }
                    int start = s;
                    parallel(m, (long) k * p, j -> cols.fold(dcolb, j, gxb, start + j));
                }
                x.addGradOwned(gx);
            }
        }, x, w, b);
    }

    /**
     * x [N, C, L], w [Cout, C, k], b [Cout] or null; returns [N, Cout, oL]. Runs as a 2-d
     * convolution of height 1. Sequences in the engine's [B, T, F] layout are transposed first.
     */
    public static Tensor conv1d(String name, Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation) {
        if (x.rank() != 3 || w.rank() != 3) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape())
                    + " [N, C, L] and kernel " + Arrays.toString(w.shape()) + " [Cout, C, k] must be rank 3");
        }
        Tensor x4 = Shapes.reshape(x, x.size(0), x.size(1), 1, x.size(2));
        Tensor w4 = Shapes.reshape(w, w.size(0), w.size(1), 1, w.size(2));
        Tensor y = conv2d(name, x4, w4, b, new Geometry(1, stride, 0, padding, 1, dilation));
        return Shapes.reshape(y, y.size(0), y.size(1), y.size(3));
    }

    private static void addBias(Buf out, Buf bias, int n, int cout, int p) {
        for (int i = 0; i < n; i++) {
            for (int co = 0; co < cout; co++) {
                double v = bias.get(co);
                int o = (i * cout + co) * p;
                for (int q = 0; q < p; q++) {
                    out.set(o + q, out.get(o + q) + v);
                }
            }
        }
    }

    interface PerExample {
        void run(int i);
    }

    /** Runs per-example work on the common pool when there is enough of it to pay for the fork. */
    static void parallel(int n, long workPerExample, PerExample body) {
        if (n > 1 && workPerExample * n > 200_000) {
            IntStream.range(0, n).parallel().forEach(body::run);
        } else {
            for (int i = 0; i < n; i++) {
                body.run(i);
            }
        }
    }

    /** The unrolling of one example's receptive fields and its adjoint (folding columns back, summing overlaps). */
    private record Im2col(int c, int h, int w, int kh, int kw, int oh, int ow, Geometry g) {

        void unroll(Buf x, int example, Buf col, int slot) {
            int p = oh * ow;
            int xBase = example * c * h * w;
            int colBase = slot * c * kh * kw * p;
            for (int ch = 0; ch < c; ch++) {
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int row = colBase + ((ch * kh + ki) * kw + kj) * p;
                        int colOffset = kj * g.dilW() - g.padW();
                        int lo = Math.max(0, ceilDiv(-colOffset, g.strideW()));
                        int hi = Math.min(ow, ceilDiv(w - colOffset, g.strideW()));
                        for (int y = 0; y < oh; y++) {
                            int iy = y * g.strideH() - g.padH() + ki * g.dilH();
                            int dst = row + y * ow;
                            if (iy < 0 || iy >= h || hi <= lo) {
                                col.fill(dst, ow, 0);
                                continue;
                            }
                            int src = xBase + (ch * h + iy) * w;
                            col.fill(dst, lo, 0);
                            if (g.strideW() == 1) {
                                col.copy(x, src + lo + colOffset, dst + lo, hi - lo);
                            } else {
                                for (int xo = lo; xo < hi; xo++) {
                                    col.set(dst + xo, x.get(src + xo * g.strideW() + colOffset));
                                }
                            }
                            col.fill(dst + hi, ow - hi, 0);
                        }
                    }
                }
            }
        }

        void fold(Buf col, int slot, Buf x, int example) {
            int p = oh * ow;
            int xBase = example * c * h * w;
            int colBase = slot * c * kh * kw * p;
            for (int ch = 0; ch < c; ch++) {
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int row = colBase + ((ch * kh + ki) * kw + kj) * p;
                        int colOffset = kj * g.dilW() - g.padW();
                        int lo = Math.max(0, ceilDiv(-colOffset, g.strideW()));
                        int hi = Math.min(ow, ceilDiv(w - colOffset, g.strideW()));
                        for (int y = 0; y < oh; y++) {
                            int iy = y * g.strideH() - g.padH() + ki * g.dilH();
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int src = row + y * ow;
                            int dst = xBase + (ch * h + iy) * w + colOffset;
                            for (int xo = lo; xo < hi; xo++) {
                                x.add(dst + xo * g.strideW(), col.get(src + xo));
                            }
                        }
                    }
                }
            }
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }
}
