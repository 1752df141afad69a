package org.seqlab.autograd.ops;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Locally connected 2-d layer: a convolution whose kernel is not shared, each output position
 * (oy, ox) having its own [Cout, C, kh, kw] weights and its own bias per channel. Forward and
 * backward are one fused operation each: per example and position the receptive field is
 * unrolled into a patch of C kh kw values (zeros where it overhangs the padded border), then
 * dotted with that position's Cout weight rows. A gemm per position would pay ND4J's call
 * overhead (5-13 us) for products of a few hundred multiply-adds, so the loops are in Java over
 * {@link Buf}, positions in parallel (each position owns its outputs and weight gradients).
 */
public final class LocalConvolution {
    private LocalConvolution() {}

    /**
     * x [N, C, H, W], w [oH, oW, Cout, C, kh, kw], b [Cout, oH, oW] or null; returns [N, Cout, oH, oW].
     * The window of output (oy, ox) starts at input row {@code oy * strideH - padTop} and column
     * {@code ox * strideW - padLeft}; inputs outside the image read as zero. The output size is
     * the weight's, so the caller (the layer) decides the padding below and to the right.
     */
    public static Tensor locallyConnected2d(String name, Tensor x, Tensor w, Tensor b, int strideH, int strideW,
            int padTop, int padLeft) {
        check(name, x, w, b, strideH, strideW, padTop, padLeft);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int oh = (int) w.size(0);
        int ow = (int) w.size(1);
        int cout = (int) w.size(2);
        int kh = (int) w.size(4);
        int kw = (int) w.size(5);
        int k = c * kh * kw;
        int p = oh * ow;
        // input offset of each patch element relative to the window's corner, -1 marking none
        Window win = new Window(c, h, wd, kh, kw, strideH, strideW, padTop, padLeft, ow);
        Buf xb = Buf.of(Dense.of(x.value()));
        Buf wb = Buf.of(Dense.of(w.value()));
        Buf bb = b == null ? null : Buf.of(Dense.of(b.value()));
        INDArray result = Dense.empty(x.dtype(), n, cout, oh, ow);
        Buf yb = Buf.of(result);
        IntStream.range(0, p).parallel().forEach(pos -> {
            double[] patch = new double[k];
            for (int i = 0; i < n; i++) {
                win.gather(xb, i, pos, patch);
                for (int co = 0; co < cout; co++) {
                    int wo = (pos * cout + co) * k;
                    double s = bb == null ? 0 : bb.get(co * p + pos);
                    for (int j = 0; j < k; j++) {
                        s += wb.get(wo + j) * patch[j];
                    }
                    yb.set((i * cout + co) * p + pos, s);
                }
            }
        });
        long[] xs = x.shape();
        return Tensor.result(result, g -> {
            Buf gb = Buf.of(Dense.of(g));
            if (w.requiresGrad()) {
                INDArray gw = Nd4j.zeros(g.dataType(), w.shape());
                Buf gwb = Buf.of(gw);
                IntStream.range(0, p).parallel().forEach(pos -> {
                    double[] patch = new double[k];
                    for (int i = 0; i < n; i++) {
                        win.gather(xb, i, pos, patch);
                        for (int co = 0; co < cout; co++) {
                            double gy = gb.get((i * cout + co) * p + pos);
                            int wo = (pos * cout + co) * k;
                            for (int j = 0; j < k; j++) {
                                gwb.add(wo + j, gy * patch[j]);
                            }
                        }
                    }
                });
                w.addGradOwned(gw);
            }
            if (b != null && b.requiresGrad()) {
                INDArray gbias = Nd4j.zeros(g.dataType(), b.shape());
                Buf gbb = Buf.of(gbias);
                for (int i = 0; i < n; i++) {
                    for (int q = 0; q < cout * p; q++) {
                        gbb.add(q, gb.get(i * cout * p + q));
                    }
                }
                b.addGradOwned(gbias);
            }
            if (x.requiresGrad()) {
                // windows overlap, so examples (not positions) run in parallel: each owns its input gradient
                INDArray gx = Dense.zeros(g.dataType(), xs);
                Buf gxb = Buf.of(gx);
                IntStream.range(0, n).parallel().forEach(i -> {
                    double[] gpatch = new double[k];
                    for (int pos = 0; pos < p; pos++) {
                        Arrays.fill(gpatch, 0);
                        for (int co = 0; co < cout; co++) {
                            double gy = gb.get((i * cout + co) * p + pos);
                            int wo = (pos * cout + co) * k;
                            for (int j = 0; j < k; j++) {
                                gpatch[j] += gy * wb.get(wo + j);
                            }
                        }
                        win.scatter(gxb, i, pos, gpatch);
                    }
                });
                x.addGradOwned(gx);
            }
        }, x, w, b);
    }

    /** Where a position's patch lies in the input: the unfold shared by forward and backward. */
    private record Window(int c, int h, int wd, int kh, int kw, int strideH, int strideW, int padTop, int padLeft,
            int ow) {

        /**
         * Visits patch element j = (ch, di, dj) of example i at position pos with its input index,
         * or -1 where the window overhangs the image (the zero padding).
         */
        private void forEach(int i, int pos, IndexVisitor v) {
            int y0 = (pos / ow) * strideH - padTop;
            int x0 = (pos % ow) * strideW - padLeft;
            int j = 0;
            for (int ch = 0; ch < c; ch++) {
                int plane = (i * c + ch) * h;
                for (int di = 0; di < kh; di++) {
                    int iy = y0 + di;
                    boolean rowInside = iy >= 0 && iy < h;
                    int row = (plane + iy) * wd;
                    for (int dj = 0; dj < kw; dj++) {
                        int ix = x0 + dj;
                        v.visit(j++, rowInside && ix >= 0 && ix < wd ? row + ix : -1);
                    }
                }
            }
        }

        void gather(Buf x, int i, int pos, double[] patch) {
            forEach(i, pos, (j, at) -> patch[j] = at < 0 ? 0 : x.get(at));
        }

        void scatter(Buf gx, int i, int pos, double[] gpatch) {
            forEach(i, pos, (j, at) -> {
                if (at >= 0) {
                    gx.add(at, gpatch[j]);
                }
            });
        }
    }

    @FunctionalInterface
    private interface IndexVisitor {
        void visit(int j, int at);
    }

    /** Shapes and types, with errors that name the layer and both shapes. */
    private static void check(String name, Tensor x, Tensor w, Tensor b, int strideH, int strideW, int padTop,
            int padLeft) {
        if (x.rank() != 4 || w.rank() != 6 || x.size(1) != w.size(3)) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape())
                    + " [N, C, H, W] does not fit weights " + Arrays.toString(w.shape())
                    + " [oH, oW, Cout, C, kh, kw]");
        }
        if (b != null && !Arrays.equals(b.shape(), new long[] {w.size(2), w.size(0), w.size(1)})) {
            throw new IllegalArgumentException(name + ": bias " + Arrays.toString(b.shape())
                    + " is not [Cout, oH, oW] for weights " + Arrays.toString(w.shape()));
        }
        if (strideH < 1 || strideW < 1 || padTop < 0 || padLeft < 0) {
            throw new IllegalArgumentException(name + ": stride must be >= 1 and padding >= 0, got stride "
                    + strideH + "x" + strideW + ", padding " + padTop + "," + padLeft);
        }
        Dense.requireSameType(name, x.value(), w.value());
        if (b != null) {
            Dense.requireSameType(name, x.value(), b.value());
        }
        if (x.value().length() + w.value().length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape()) + " or weights "
                    + Arrays.toString(w.shape()) + " exceed 2^31 elements");
        }
        // the last window must still touch the image
        long lastRow = (w.size(0) - 1) * strideH - padTop;
        long lastCol = (w.size(1) - 1) * strideW - padLeft;
        if (lastRow >= x.size(2) || lastCol >= x.size(3) || padTop >= w.size(4) || padLeft >= w.size(5)) {
            throw new IllegalArgumentException(name + ": weights " + Arrays.toString(w.shape()) + " with stride "
                    + strideH + "x" + strideW + " and padding " + padTop + "," + padLeft + " do not fit input "
                    + Arrays.toString(x.shape()));
        }
    }
}
