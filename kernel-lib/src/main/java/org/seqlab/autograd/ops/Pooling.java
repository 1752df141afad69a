package org.seqlab.autograd.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;

/**
 * Max and average pooling over [N, C, H, W] with separate kernel and stride per axis, so that
 * pooling over frequency only (kernel (4, 1) on [N, C, freq, time]) keeps every frame. Windows
 * that do not fit at the end are dropped (floor), as in PyTorch without padding. The work is
 * ND4J's native (multi-threaded, NCHW) pooling kernels, forward and backward.
 */
public final class Pooling {
    private Pooling() {}

    public static Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw) {
        return pool("maxPool2d", x, kh, kw, sh, sw, true);
    }

    public static Tensor avgPool2d(Tensor x, int kh, int kw, int sh, int sw) {
        return pool("avgPool2d", x, kh, kw, sh, sw, false);
    }

    /**
     * {@code maxPool2d(relu(x), kh, kw, kh, kw)} as one operation with the same values and
     * gradients (ties included), for the conv, ReLU, pool pattern of CNN front ends: it neither
     * stores the ReLU output nor zero-fills a separate pooling gradient ({@link ReluMaxPool}).
     * Windows of more than 127 elements fall back to the two separate operations.
     */
    public static Tensor reluMaxPool2d(Tensor x, int kh, int kw) {
        Dense.requireRank("reluMaxPool2d", x.value(), 4, "[N, C, H, W]");
        checkWindow("reluMaxPool2d", x.shape(), kh, kw, kh, kw);
        if (kh * kw > ReluMaxPool.MAX_WINDOW) {
            return maxPool2d(Elementwise.relu(x), kh, kw, kh, kw);
        }
        return ReluMaxPool.apply(x, kh, kw);
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
        long[] s = x.shape();
        checkWindow(op, s, kh, kw, sh, sw);
        int h = (int) s[2];
        int w = (int) s[3];
        int oh = (h - kh) / sh + 1;
        int ow = (w - kw) / sw + 1;
        INDArray xd = Dense.of(x.value());
        INDArray out = Nd4j.createUninitialized(x.dtype(), s[0], s[1], oh, ow);
        int[] args = {kh, kw, sh, sw, 0, 0, 1, 1, 0, 0, 0};
        String name = max ? "maxpool2d" : "avgpool2d";
        Nd4j.exec(DynamicCustomOp.builder(name).addInputs(xd).addOutputs(out).addIntegerArguments(args).build());
        return Tensor.result(out, g -> {
            INDArray gx = Nd4j.zeros(g.dataType(), s);
            Nd4j.exec(DynamicCustomOp.builder(name + "_bp").addInputs(xd, Dense.of(g)).addOutputs(gx)
                    .addIntegerArguments(args).build());
            x.addGradOwned(gx);
        }, x);
    }

    private static void checkWindow(String op, long[] s, int kh, int kw, int sh, int sw) {
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1) {
            throw new IllegalArgumentException(op + ": kernel and stride must be >= 1, got (" + kh + ", " + kw
                    + ") and (" + sh + ", " + sw + ")");
        }
        if (s[2] < kh || s[3] < kw) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(s) + " is smaller than the kernel ("
                    + kh + ", " + kw + ")");
        }
    }
}
