package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * 2-d and 1-d convolution (cross-correlation, as in every framework). Stride 1, the common
 * case, runs as shifted gemms without unrolling ({@link ShiftedConv}). Other strides use im2col: the receptive
 * fields of the whole batch are unrolled by ND4J's native im2col into [N, C kh kw, oH oW], then
 * one large {@code Nd4j.gemm} per example does all the arithmetic, forward and backward (for the
 * benchmark's middle layer, [64 x 576] x [576 x 8000]). The columns are kept for the weight
 * gradient and then overwritten by the input gradient's columns, folded back by native col2im:
 * memory traded for speed, [N, C kh kw, oH oW] floats per layer.
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

        public int outH(long h, long kh) {
            return (int) ((h + 2L * padH - (long) dilH * (kh - 1) - 1) / strideH + 1);
        }

        public int outW(long w, long kw) {
            return (int) ((w + 2L * padW - (long) dilW * (kw - 1) - 1) / strideW + 1);
        }
    }

    /**
     * x [N, C, H, W], w [Cout, C, kh, kw], b [Cout] or null; returns [N, Cout, oH, oW].
     * {@code name} identifies the layer in shape errors.
     */
    public static Tensor conv2d(String name, Tensor x, Tensor w, Tensor b, Geometry geo) {
        check(name, x, w, b, geo);
        return checked(x, w, b, geo);
    }

    /** {@link #conv2d} after {@link #check}. */
    private static Tensor checked(Tensor x, Tensor w, Tensor b, Geometry geo) {
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int cout = (int) w.size(0);
        int kh = (int) w.size(2);
        int kw = (int) w.size(3);
        int oh = geo.outH(h, kh);
        int ow = geo.outW(wd, kw);
        if (ShiftedConv.applies(geo, c, kh, kw)) {
            return ShiftedConv.conv(x, w, b, geo);
        }
        int k = c * kh * kw;
        int p = oh * ow;
        INDArray xd = Dense.of(x.value());
        INDArray w2 = Dense.of(w.value()).reshape(cout, k);
        // all examples are unrolled at once by ND4J's native (multi-threaded) im2col; the
        // columns are kept for the weight gradient
        INDArray col = Dense.empty(x.dtype(), n, k, p);
        org.nd4j.linalg.convolution.Convolution.im2col(xd, kh, kw, geo.strideH(), geo.strideW(), geo.padH(),
                geo.padW(), geo.dilH(), geo.dilW(), false, col.reshape(n, c, kh, kw, oh, ow));
        // the result is allocated in its final shape, so that it is dense for the next op and
        // owned by the memory scope (a reshaped view is neither)
        INDArray result = Dense.empty(x.dtype(), n, cout, oh, ow);
        INDArray out = result.reshape(n, cout, p);
        for (int i = 0; i < n; i++) {
            Nd4j.gemm(w2, col.slice(i), out.slice(i), false, false, 1.0, 0.0);
        }
        if (b != null) {
            ShiftedConv.gatherRowsPlusBias(result, result, Dense.of(b.value()), n * cout, 1, p, p, p);
        }
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
                b.addGradOwned(sumRows(g3, n, cout, p));
            }
            if (x.requiresGrad()) {
                // the unrolled columns of the input gradient reuse the forward columns' memory
                for (int i = 0; i < n; i++) {
                    Nd4j.gemm(w2, g3.slice(i), col.slice(i), true, false, 1.0, 0.0);
                }
                INDArray gx = Dense.zeros(g.dataType(), xs);
                // ND4J's col2im names these two arguments kH, kW, but the native op reads them as the image size
                org.nd4j.linalg.convolution.Convolution.col2im(col.reshape(n, c, kh, kw, oh, ow), gx, geo.strideH(),
                        geo.strideW(), geo.padH(), geo.padW(), h, wd, geo.dilH(), geo.dilW());
                x.addGradOwned(gx);
            }
        }, x, w, b);
    }

    /**
     * {@code maxPool2d(relu(conv2d(x, w, b)), poolH, poolW)} with window = stride: the
     * convolution block of CRNN front ends. A "same" stride-1 float32 convolution pooled over
     * rows ({@code poolW = 1}) runs as one fused operation that never materialises the
     * full-resolution output ({@link ConvReluPool}); anything else runs the ops one after the
     * other. Same values and gradients either way, up to float rounding.
     */
    public static Tensor conv2dReluMaxPool(String name, Tensor x, Tensor w, Tensor b, Geometry geo, int poolH,
            int poolW) {
        check(name, x, w, b, geo);
        int oh = geo.outH(x.size(2), w.size(2));
        if (poolH < 1 || poolW < 1 || poolH > oh || poolW > geo.outW(x.size(3), w.size(3))) {
            throw new IllegalArgumentException(name + ": pooling window " + poolH + "x" + poolW
                    + " does not fit the convolution output " + oh + "x" + geo.outW(x.size(3), w.size(3)));
        }
        if (ConvReluPool.applies(geo, x.dtype(), w.size(2), w.size(3), poolW)
                && poolH <= ReluMaxPool.MAX_WINDOW) {
            return ConvReluPool.apply(x, w, b, geo, poolH);
        }
        return Pooling.reluMaxPool2d(checked(x, w, b, geo), poolH, poolW);
    }

    /** Shapes and types, with errors that name the layer and both shapes. */
    private static void check(String name, Tensor x, Tensor w, Tensor b, Geometry geo) {
        if (x.rank() != 4 || w.rank() != 4 || x.size(1) != w.size(1)) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape())
                    + " [N, C, H, W] does not fit kernel " + Arrays.toString(w.shape()) + " [Cout, C, kh, kw]");
        }
        if (b != null && (b.rank() != 1 || b.size(0) != w.size(0))) {
            throw new IllegalArgumentException(name + ": bias " + Arrays.toString(b.shape()) + " does not fit kernel "
                    + Arrays.toString(w.shape()));
        }
        Dense.requireSameType(name, x.value(), w.value());
        int oh = geo.outH(x.size(2), w.size(2));
        int ow = geo.outW(x.size(3), w.size(3));
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(name + ": input " + Arrays.toString(x.shape()) + " is smaller than kernel "
                    + Arrays.toString(w.shape()) + " with " + geo);
        }
    }

    /**
     * The bias gradient: {@code g} [N, Cout, len] summed over N and len, as products with a
     * column of ones, a memory-bound BLAS pass, as the recurrent layers' bias gradient (ND4J's
     * column sums measured as slow as a weight-gradient gemm, bench/RESULTS.md engine session 2).
     */
    static INDArray sumRows(INDArray g, int n, int cout, int len) {
        INDArray ones = Dense.empty(g.dataType(), len, 1).assign(1.0);
        INDArray sum = Nd4j.zeros(g.dataType(), cout);
        INDArray column = sum.reshape(cout, 1);
        for (int i = 0; i < n; i++) {
            Nd4j.gemm(g.slice(i), ones, column, false, false, 1.0, 1.0);
        }
        return sum;
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

}
