package org.seqlab.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.LocalConvolution;

/**
 * Locally connected 2-d layer over [N, C, H, W]: like {@link Conv2d}, each output sees a kh x kw
 * window of the input, but every output position has its own weights (no sharing). It sits
 * between a dense layer and a convolution in parameter count, which is the lecture's point: for a
 * 200 x 200 image and 10 x 10 fields at 4 x 10^4 positions it has 4 x 10^6 weights, against
 * 16 x 10^8 for a dense layer and 10^4 for 100 shared 10 x 10 filters. Since weights belong to
 * positions, the input's height and width are fixed when the layer is built.
 * Parameters: {@code w} [oH, oW, out, in, kh, kw] (He uniform with fan-in in kh kw, as Conv2d),
 * {@code b} [out, oH, oW] (zeros), a bias per output position and channel.
 */
public class LocallyConnected2d extends Layer {

    /**
     * VALID: windows lie inside the image. SAME: output size ceil(input / stride), the image
     * zero-padded by the missing amount, the odd unit going below and to the right (as
     * TensorFlow), so even kernels work too.
     */
    public enum Padding { VALID, SAME }

    private final Parameter w;
    private final Parameter b;
    private final int height;
    private final int width;
    private final int strideH;
    private final int strideW;
    private final int padTop;
    private final int padLeft;

    public LocallyConnected2d(int in, int out, int height, int width, int kh, int kw, int strideH, int strideW,
            Padding padding, boolean bias, Rng rng, DataType type) {
        if (in < 1 || out < 1 || height < 1 || width < 1 || kh < 1 || kw < 1 || strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("LocallyConnected2d: sizes and strides must be >= 1, got in " + in
                    + ", out " + out + ", input " + height + "x" + width + ", kernel " + kh + "x" + kw + ", stride "
                    + strideH + "x" + strideW);
        }
        if (padding == Padding.VALID && (kh > height || kw > width)) {
            throw new IllegalArgumentException("LocallyConnected2d: kernel " + kh + "x" + kw
                    + " is larger than the input " + height + "x" + width + " with VALID padding");
        }
        int oh = outSize(height, kh, strideH, padding);
        int ow = outSize(width, kw, strideW, padding);
        this.height = height;
        this.width = width;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padTop = padding == Padding.SAME ? Math.max((oh - 1) * strideH + kh - height, 0) / 2 : 0;
        this.padLeft = padding == Padding.SAME ? Math.max((ow - 1) * strideW + kw - width, 0) / 2 : 0;
        double a = Math.sqrt(6.0 / ((long) in * kh * kw));
        this.w = parameter("w", (r, t, shape) -> r.uniform(t, -a, a, shape), rng, type, oh, ow, out, in, kh, kw);
        this.b = bias ? parameter("b", Initializer.zeros(), rng, type, out, oh, ow) : null;
    }

    /** Stride 1, VALID padding, with bias, float32. */
    public LocallyConnected2d(int in, int out, int height, int width, int kh, int kw, Rng rng) {
        this(in, out, height, width, kh, kw, 1, 1, Padding.VALID, true, rng, DataType.FLOAT);
    }

    private static int outSize(int size, int k, int stride, Padding padding) {
        return padding == Padding.SAME ? (size + stride - 1) / stride : (size - k) / stride + 1;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(2) != height || x.size(3) != width) {
            throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(x.shape())
                    + " is not [N, C, " + height + ", " + width + "] (locally connected weights fix the image size)");
        }
        return LocalConvolution.locallyConnected2d(describe(), x, w, b, strideH, strideW, padTop, padLeft);
    }

    @Override
    protected String kind() {
        return "LocallyConnected2d(" + w.size(3) + " -> " + w.size(2) + ", " + w.size(4) + "x" + w.size(5) + " at "
                + w.size(0) + "x" + w.size(1) + ")";
    }

    public Parameter weight() {
        return w;
    }

    /** The bias, or null for a layer built without one. */
    public Parameter bias() {
        return b;
    }
}
