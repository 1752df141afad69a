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
 * <p>With 16 or more input channels each kernel tap is one gemm on the shifted padded input
 * ({@link ShiftedConv}). With fewer (a spectrogram's single channel) the taps are unrolled into
 * rows first, {@code C kh kw} of them, still in the padded-width layout, and one gemm per example
 * does the whole convolution: nine products of one input row each would rewrite the output nine
 * times.
 *
 * <p>The layout trick needs the input gradient's padding to equal the forward padding, which
 * holds exactly for "same" padding ({@code dil (k - 1) = 2 pad}); other geometries use the
 * separate ops. Values and gradients equal {@code maxPool(relu(conv2d(x)))} up to float
 * rounding (the bias is added inside the first product instead of after all of them).
 */
final class ConvReluPool {
    private ConvReluPool() {}

    static boolean applies(Convolution.Geometry geo, DataType type, long kh, long kw, int poolW) {
        return type == DataType.FLOAT && poolW == 1 && geo.strideH() == 1 && geo.strideW() == 1
                && geo.dilH() * (kh - 1) == 2L * geo.padH() && geo.dilW() * (kw - 1) == 2L * geo.padW();
    }

    /**
     * The products that make the convolution: for tap q, kernel {@code a[q]} [Cout, rows]
     * times the first {@code rows} input planes of {@code src} from offset {@code offsets[q]}.
     * The bias, when there is one, is the last column of {@code a[0]} against a plane of ones.
     */
    private record Plan(StridedGemm.Operand[] a, int[] offsets, ShiftedConv.Padded src) {}

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
        boolean shifted = c >= ShiftedConv.MIN_CHANNELS;
        ShiftedConv.Padded xp = ShiftedConv.Padded.of(Dense.of(x.value()), geo.padH(), geo.padW(), slack,
                bias && shifted);
        int wp = xp.wp();
        int len = h * wp;
        int[] offsets = ShiftedConv.offsets(kh, kw, geo, wp);
        Plan plan = shifted ? shiftedPlan(xp, w.value(), bias ? b.value() : null, offsets)
                : unrolledPlan(xp, w.value(), bias ? b.value() : null, offsets, len);
        INDArray outp = Dense.empty(DataType.FLOAT, n, cout, len);
        for (int i = 0; i < n; i++) {
            var oi = new StridedGemm.Operand(outp, (long) i * cout * len, cout, len, len);
            for (int q = 0; q < plan.offsets.length; q++) {
                StridedGemm.gemm(plan.a[q], false, plan.src.window(i, plan.offsets[q], len, plan.a[q].cols()), false, 1.0,
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
        return Tensor.result(out, g -> {
            INDArray gd = Dense.of(g);
            // the convolution's output gradient in the input gradient's padded layout (zeros
            // around); at offset start it is also the padded-width layout of the weight gradient
            int gplane = xp.hp() * wp + slack;
            int start = geo.padH() * wp + geo.padW();
            INDArray gpad = Dense.empty(DataType.FLOAT, n, cout, gplane);
            // rows below the last pooling window get no gradient: zero them with the borders
            ShiftedConv.Padded.zeroBorders(Buf.of(gpad), 0, planes, gplane, wp, start, oh * kp, wd);
            var grows = new ReluMaxPoolRows.Rows(gpad, gplane, start, wp);
            ReluMaxPool.forEachChunk(planes, elements,
                    (p0, p1) -> ReluMaxPoolRows.backward(gd, grows, winner, p0, p1, h, wd, kp, false));
            if (w.requiresGrad() || bias && b.requiresGrad()) {
                INDArray[] grads = kernelGradients(plan, gpad, gplane, start, len, n, cout);
                if (bias && b.requiresGrad()) {
                    b.addGradOwned(lastColumn(grads[0], cout));
                }
                if (w.requiresGrad()) {
                    w.addGradOwned(shifted ? fromTaps(grads, cout, c, w.shape()) : fromUnrolled(grads[0], cout, c * kh * kw,
                            w.shape()));
                }
            }
            if (x.requiresGrad()) {
                var gp = new ShiftedConv.Padded(gpad, xp.hp(), wp, gplane, cout);
                INDArray flipped = ShiftedConv.tapMajor(ShiftedConv.flipTranspose(Dense.of(w.value())));
                x.addGradOwned(ShiftedConv.forward(gp, flipped, c, h, wd, offsets, null));
            }
        }, x, w, b);
    }

    /** One product per tap on the shifted input; tap 0's kernel carries the bias column. */
    private static Plan shiftedPlan(ShiftedConv.Padded xp, INDArray w, INDArray b, int[] offsets) {
        int cout = (int) w.size(0);
        int c = (int) w.size(1);
        INDArray taps = ShiftedConv.tapMajor(w);
        StridedGemm.Operand[] a = new StridedGemm.Operand[offsets.length];
        for (int q = 0; q < a.length; q++) {
            a[q] = new StridedGemm.Operand(taps, (long) q * cout * c, cout, c, c);
        }
        if (b != null) {
            INDArray first = withColumn(taps, b, cout, c);
            a[0] = new StridedGemm.Operand(first, 0, cout, c + 1, c + 1);
        }
        return new Plan(a, offsets, xp);
    }

    /**
     * One product on the taps unrolled into rows: row {@code ci kh kw + q} of example i is input
     * channel ci from offset {@code offsets[q]}, a contiguous run of the padded-width layout;
     * then a row of ones for the bias.
     */
    private static Plan unrolledPlan(ShiftedConv.Padded xp, INDArray w, INDArray b, int[] offsets, int len) {
        int n = (int) xp.data().size(0);
        int cout = (int) w.size(0);
        int c = (int) w.size(1);
        int k = c * offsets.length;
        int rows = b == null ? k : k + 1;
        INDArray cols = Dense.empty(DataType.FLOAT, n, rows, len);
        Buf src = Buf.of(xp.data());
        Buf dst = Buf.of(cols);
        for (int i = 0; i < n; i++) {
            for (int ci = 0; ci < c; ci++) {
                for (int q = 0; q < offsets.length; q++) {
                    dst.copy(src, (i * c + ci) * xp.plane() + offsets[q], (i * rows + ci * offsets.length + q) * len, len);
                }
            }
            if (b != null) {
                dst.fill((i * rows + k) * len, len, 1.0);
            }
        }
        INDArray kernel = Dense.of(w).reshape(cout, k);
        INDArray a = b == null ? Dense.of(kernel.dup('c')) : withColumn(kernel, b, cout, k);
        return new Plan(new StridedGemm.Operand[] {new StridedGemm.Operand(a, 0, cout, rows, rows)}, new int[] {0},
                new ShiftedConv.Padded(cols, xp.hp(), xp.wp(), len, rows));
    }

    /** Per product: sum over examples of gOut x its input rows^T, [Cout, rows[q]]. */
    private static INDArray[] kernelGradients(Plan plan, INDArray gpad, int gplane, int start, int len, int n, int cout) {
        INDArray[] grads = new INDArray[plan.a.length];
        for (int q = 0; q < grads.length; q++) {
            int rows = plan.a[q].cols();
            grads[q] = Dense.zeros(DataType.FLOAT, cout, rows);
            var gq = new StridedGemm.Operand(grads[q], 0, cout, rows, rows);
            for (int i = 0; i < n; i++) {
                StridedGemm.gemm(new StridedGemm.Operand(gpad, (long) i * cout * gplane + start, cout, len, gplane),
                        false, plan.src.window(i, plan.offsets[q], len, rows), true, 1.0, 1.0, gq);
            }
        }
        return grads;
    }

    /** [Cout, C, kh, kw] from the taps' [Cout, C (+1)] gradients. */
    private static INDArray fromTaps(INDArray[] grads, int cout, int c, long[] shape) {
        INDArray gw = Dense.empty(DataType.FLOAT, shape);
        Buf dst = Buf.of(gw);
        int taps = grads.length;
        for (int q = 0; q < taps; q++) {
            Buf src = Buf.of(grads[q]);
            int rows = (int) grads[q].size(1);
            for (int co = 0; co < cout; co++) {
                for (int ci = 0; ci < c; ci++) {
                    dst.set((co * c + ci) * taps + q, src.get(co * rows + ci));
                }
            }
        }
        return gw;
    }

    /** [Cout, C, kh, kw] from the unrolled product's [Cout, C kh kw (+1)] gradient. */
    private static INDArray fromUnrolled(INDArray grad, int cout, int k, long[] shape) {
        INDArray gw = Dense.empty(DataType.FLOAT, shape);
        Buf src = Buf.of(grad);
        Buf dst = Buf.of(gw);
        int rows = (int) grad.size(1);
        for (int co = 0; co < cout; co++) {
            dst.copy(src, co * rows, co * k, k);
        }
        return gw;
    }

    private static INDArray lastColumn(INDArray m, int cout) {
        INDArray col = Dense.empty(DataType.FLOAT, cout);
        Buf src = Buf.of(m);
        Buf dst = Buf.of(col);
        int cols = (int) m.size(1);
        for (int co = 0; co < cout; co++) {
            dst.set(co, src.get(co * cols + cols - 1));
        }
        return col;
    }

    /** The first [Cout, k] of {@code m} with {@code b} appended as column k: [Cout, k + 1]. */
    private static INDArray withColumn(INDArray m, INDArray b, int cout, int k) {
        INDArray out = Dense.empty(DataType.FLOAT, cout, k + 1);
        Buf src = Buf.of(Dense.of(m));
        Buf bias = Buf.of(Dense.of(b));
        Buf dst = Buf.of(out);
        for (int co = 0; co < cout; co++) {
            dst.copy(src, co * k, co * (k + 1), k);
            dst.set(co * (k + 1) + k, bias.get(co));
        }
        return out;
    }
}
