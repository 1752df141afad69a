package org.seqlab.autograd.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/**
 * A "same" stride-1 convolution, ReLU and max pooling over rows (window {@code kp x 1}, the
 * CRNN block that pools frequency and keeps every frame), as one operation in float32. The
 * separate ops pass over the full-resolution convolution output six times besides the gemms:
 * crop it out of the padded-width gemm result, add the bias, pool it, and backward write its
 * gradient, re-pad that gradient for the weight gradient and again for the input gradient. Here
 * the pooling reads the padded-width rows where the gemms wrote them, the pooling's backward
 * writes its rows straight into the zero-padded layout that both backward convolutions read, and
 * the bias rides in the gemms as an extra input plane of ones ({@link ShiftedConv.Padded}).
 *
 * <p>The layout trick needs the input gradient's padding to equal the forward padding, which
 * holds exactly for "same" padding ({@code dil (k - 1) = 2 pad}); other geometries use the
 * separate ops. Values and gradients equal {@code maxPool(relu(conv2d(x)))} up to float
 * rounding (the bias is added inside the first tap's sum instead of after all nine).
 */
final class ConvReluPool {
    private ConvReluPool() {}

    static boolean applies(Convolution.Geometry geo, DataType type, long channels, long kh, long kw, int poolW) {
        return type == DataType.FLOAT && poolW == 1 && ShiftedConv.applies(geo, channels, kh, kw)
                && geo.dilH() * (kh - 1) == 2L * geo.padH() && geo.dilW() * (kw - 1) == 2L * geo.padW();
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b, Convolution.Geometry geo, int kp) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int cout = (int) w.size(0);
        int kh = (int) w.size(2);
        int kw = (int) w.size(3);
        int slack = geo.dilW() * (kw - 1);
        boolean bias = b != null;
        ShiftedConv.Padded xp = ShiftedConv.Padded.of(Dense.of(x.value()), geo.padH(), geo.padW(), slack, bias);
        int wp = xp.wp();
        int len = h * wp;
        int[] offsets = ShiftedConv.offsets(kh, kw, geo, wp);
        INDArray taps = ShiftedConv.tapMajor(w.value());
        INDArray first = bias ? withBiasColumn(taps, b.value(), cout, c) : null;
        INDArray outp = Dense.empty(DataType.FLOAT, n, cout, len);
        for (int i = 0; i < n; i++) {
            var oi = new StridedGemm.Operand(outp, (long) i * cout * len, cout, len, len);
            for (int q = 0; q < offsets.length; q++) {
                StridedGemm.Operand a = q == 0 && bias ? new StridedGemm.Operand(first, 0, cout, c + 1, c + 1)
                        : new StridedGemm.Operand(taps, (long) q * cout * c, cout, c, c);
                StridedGemm.gemm(a, false, xp.window(i, offsets[q], len, q == 0 && bias ? c + 1 : c), false, 1.0,
                        q == 0 ? 0.0 : 1.0, oi);
            }
        }
        int planes = n * cout;
        int oh = h / kp;
        INDArray out = Dense.empty(DataType.FLOAT, n, cout, oh, wd);
        byte[] winner = new byte[planes * oh * wd];
        var conv = new ReluMaxPoolRows.Rows(outp, len, 0, wp);
        long elements = (long) planes * h * wd;
        ReluMaxPool.forEachChunk(planes, elements,
                (p0, p1) -> ReluMaxPoolRows.forward(conv, out, winner, p0, p1, h, wd, kp));
        long[] ws = w.shape();
        return Tensor.result(out, g -> {
            INDArray gd = Dense.of(g);
            // the convolution's output gradient in the input gradient's padded layout (zeros
            // around); at offset start it is also the padded-width layout of the weight gradient
            int gplane = xp.hp() * wp + slack;
            INDArray gpad = Dense.zeros(DataType.FLOAT, n, cout, gplane);
            int start = geo.padH() * wp + geo.padW();
            var grows = new ReluMaxPoolRows.Rows(gpad, gplane, start, wp);
            ReluMaxPool.forEachChunk(planes, elements,
                    (p0, p1) -> ReluMaxPoolRows.backward(gd, grows, winner, p0, p1, h, wd, kp, false));
            if (w.requiresGrad() || bias && b.requiresGrad()) {
                weightAndBiasGradients(w, b, xp, gpad, gplane, start, len, offsets, n, cout, c, ws);
            }
            if (x.requiresGrad()) {
                var gp = new ShiftedConv.Padded(gpad, xp.hp(), wp, gplane, cout);
                INDArray flipped = ShiftedConv.tapMajor(ShiftedConv.flipTranspose(Dense.of(w.value())));
                x.addGradOwned(ShiftedConv.forward(gp, flipped, c, h, wd, offsets, null));
            }
        }, x, w, b);
    }

    /** dW[tap] = sum over examples of gOut x shifted input^T; tap 0 with the ones plane also gives the bias gradient. */
    private static void weightAndBiasGradients(Tensor w, Tensor b, ShiftedConv.Padded xp, INDArray gpad, int gplane,
            int start, int len, int[] offsets, int n, int cout, int c, long[] ws) {
        boolean bias = b != null;
        INDArray gwt = Dense.zeros(DataType.FLOAT, offsets.length, cout, c);
        INDArray g0 = bias ? Dense.zeros(DataType.FLOAT, cout, c + 1) : null;
        for (int q = 0; q < offsets.length; q++) {
            boolean withOnes = q == 0 && bias;
            var gq = withOnes ? new StridedGemm.Operand(g0, 0, cout, c + 1, c + 1)
                    : new StridedGemm.Operand(gwt, (long) q * cout * c, cout, c, c);
            for (int i = 0; i < n; i++) {
                StridedGemm.gemm(new StridedGemm.Operand(gpad, (long) i * cout * gplane + start, cout, len, gplane),
                        false, xp.window(i, offsets[q], len, withOnes ? c + 1 : c), true, 1.0, 1.0, gq);
            }
        }
        if (bias) {
            INDArray gb = Dense.empty(DataType.FLOAT, cout);
            Buf src = Buf.of(g0);
            Buf tap0 = Buf.of(gwt);
            Buf db = Buf.of(gb);
            for (int co = 0; co < cout; co++) {
                tap0.copy(src, co * (c + 1), co * c, c);
                db.set(co, src.get(co * (c + 1) + c));
            }
            if (b.requiresGrad()) {
                b.addGradOwned(gb);
            }
        }
        if (w.requiresGrad()) {
            w.addGradOwned(gwt.permute(1, 2, 0).dup('c').reshape(ws));
        }
    }

    /** Tap 0's [Cout, C] kernel with the bias appended as column C: [Cout, C + 1]. */
    private static INDArray withBiasColumn(INDArray taps, INDArray b, int cout, int c) {
        INDArray first = Dense.empty(DataType.FLOAT, cout, c + 1);
        Buf src = Buf.of(taps);
        Buf bias = Buf.of(Dense.of(b));
        Buf dst = Buf.of(first);
        for (int co = 0; co < cout; co++) {
            dst.copy(src, co * c, co * (c + 1), c);
            dst.set(co * (c + 1) + c, bias.get(co));
        }
        return first;
    }
}
