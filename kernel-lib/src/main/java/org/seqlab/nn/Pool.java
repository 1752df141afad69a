package org.seqlab.nn;

import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Pooling;

/**
 * Max or average pooling over [N, C, H, W] (2-d) or [N, C, L] (1-d), with kernel and stride per
 * axis: {@code Pool.max2d(4, 1)} pools frequency by 4 and keeps every frame.
 */
public final class Pool extends Layer {
    private final boolean max;
    private final boolean twoD;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;

    private Pool(boolean max, boolean twoD, int kh, int kw, int sh, int sw) {
        this.max = max;
        this.twoD = twoD;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
    }

    /** Stride equal to the kernel. */
    public static Pool max2d(int kh, int kw) {
        return new Pool(true, true, kh, kw, kh, kw);
    }

    public static Pool max2d(int kh, int kw, int sh, int sw) {
        return new Pool(true, true, kh, kw, sh, sw);
    }

    public static Pool avg2d(int kh, int kw, int sh, int sw) {
        return new Pool(false, true, kh, kw, sh, sw);
    }

    public static Pool max1d(int k, int stride) {
        return new Pool(true, false, 1, k, 1, stride);
    }

    public static Pool avg1d(int k, int stride) {
        return new Pool(false, false, 1, k, 1, stride);
    }

    /** Whether ReLU followed by this layer can run as {@link Pooling#reluMaxPool2d}: 2-d max with window = stride. */
    boolean fusesAfterRelu() {
        return max && twoD && kh == sh && kw == sw;
    }

    /** This layer applied to {@code relu(x)}, fused; only when {@link #fusesAfterRelu()}. */
    Tensor forwardAfterRelu(Tensor x) {
        return Pooling.reluMaxPool2d(x, kh, kw);
    }

    /** This layer applied to {@code relu(conv(x))}, fused; only when {@link #fusesAfterRelu()}. */
    Tensor forwardAfterConvRelu(Conv2d conv, Tensor x) {
        return conv.forwardReluMaxPool(x, kh, kw);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (twoD) {
            return max ? Pooling.maxPool2d(x, kh, kw, sh, sw) : Pooling.avgPool2d(x, kh, kw, sh, sw);
        }
        return max ? Pooling.maxPool1d(x, kw, sw) : Pooling.avgPool1d(x, kw, sw);
    }

    @Override
    protected String kind() {
        return (max ? "MaxPool" : "AvgPool") + (twoD ? "2d(" + kh + "x" + kw + ")" : "1d(" + kw + ")");
    }
}
