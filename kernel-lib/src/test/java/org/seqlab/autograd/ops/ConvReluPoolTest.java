package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertGradients;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution.Geometry;

/**
 * The fused conv + ReLU + row pooling against its definition: the three operations in float64,
 * each of which has its own finite-difference and brute-force checks.
 */
class ConvReluPoolTest {
    private final Rng rng = new Rng(31);

    /**
     * c, cout, h, w, kh, kw, dilation, pool: 3x3, 5x5, dilated, 3x1, a pool that leaves rows over,
     * pool 1; 16 or more channels run one product per tap, fewer (the last three) the unrolled taps.
     */
    private static final int[][] FUSED = {
        {16, 8, 8, 11, 3, 3, 1, 4}, {17, 5, 6, 7, 5, 5, 1, 2}, {16, 4, 9, 6, 3, 3, 2, 2}, {20, 6, 7, 5, 3, 1, 1, 3},
        {16, 3, 4, 9, 3, 3, 1, 1}, {1, 8, 8, 11, 3, 3, 1, 4}, {3, 4, 7, 6, 5, 3, 1, 2}, {2, 5, 9, 5, 3, 3, 2, 3},
    };

    @Test
    void float32FusedEqualsTheSeparateOpsInFloat64ValuesAndGradients() {
        for (int[] k : FUSED) {
            for (boolean bias : new boolean[] {true, false}) {
                String what = Arrays.toString(k) + (bias ? " with bias" : " without bias");
                Geometry geo = new Geometry(1, 1, k[6] * (k[4] - 1) / 2, k[6] * (k[5] - 1) / 2, k[6], k[6]);
                assertTrue(ConvReluPool.applies(geo, DataType.FLOAT, k[4], k[5], 1), what);
                INDArray xv = rng.normal(DataType.FLOAT, 0, 1, 2, k[0], k[2], k[3]);
                INDArray wv = rng.normal(DataType.FLOAT, 0, 0.3, k[1], k[0], k[4], k[5]);
                INDArray bv = rng.normal(DataType.FLOAT, 0, 0.5, k[1]);
                Tensor[] f = {Tensor.variable(xv.dup()), Tensor.variable(wv.dup()), bias ? Tensor.variable(bv.dup()) : null};
                Tensor[] d = {Tensor.variable(xv.castTo(DataType.DOUBLE)), Tensor.variable(wv.castTo(DataType.DOUBLE)),
                    bias ? Tensor.variable(bv.castTo(DataType.DOUBLE)) : null};
                Tensor fused = Convolution.conv2dReluMaxPool("block", f[0], f[1], f[2], geo, k[7], 1);
                Tensor plain = Pooling.reluMaxPool2d(Convolution.conv2d("block", d[0], d[1], d[2], geo), k[7], 1);
                assertArrayEquals(plain.shape(), fused.shape(), what);
                assertClose(plain.value(), fused.value(), "forward " + what);
                INDArray g = rng.normal(DataType.DOUBLE, 0, 1, plain.shape());
                Reductions.sum(Elementwise.mul(fused, Tensor.constant(g.castTo(DataType.FLOAT)))).backward();
                Reductions.sum(Elementwise.mul(plain, Tensor.constant(g))).backward();
                String[] names = {"input", "kernel", "bias"};
                for (int i = 0; i < 3; i++) {
                    if (f[i] != null) {
                        assertClose(d[i].grad(), f[i].grad(), names[i] + " gradient " + what);
                    }
                }
            }
        }
    }

    @Test
    void inputWithoutGradientGetsNoneAndParametersStillDo() {
        Geometry geo = Geometry.same(3, 3);
        Tensor x = Tensor.constant(rng.normal(DataType.FLOAT, 0, 1, 1, 16, 4, 5));
        Tensor w = Tensor.variable(rng.normal(DataType.FLOAT, 0, 0.3, 4, 16, 3, 3));
        Tensor b = Tensor.variable(rng.normal(DataType.FLOAT, 0, 0.3, 4));
        Reductions.sum(Convolution.conv2dReluMaxPool("block", x, w, b, geo, 2, 1)).backward();
        assertNull(x.grad());
        assertTrue(w.grad().norm2Number().doubleValue() > 0);
        assertTrue(b.grad().norm2Number().doubleValue() > 0);
    }

    @Test
    void otherCasesRunTheSeparateOpsWithCheckedGradients() {
        // a "valid" convolution with a 2-wide pool in float64: none of these is fused
        Tensor x = Tensor.variable(rng.normal(DataType.DOUBLE, 0, 1, 2, 3, 6, 6));
        Tensor w = Tensor.variable(rng.normal(DataType.DOUBLE, 0, 0.5, 2, 3, 3, 3));
        Tensor b = Tensor.variable(rng.normal(DataType.DOUBLE, 0, 0.5, 2));
        assertGradients(() -> Convolution.conv2dReluMaxPool("block", x, w, b, Geometry.of(1, 0, 1), 2, 2), x, w, b);
        assertTrue(!ConvReluPool.applies(Geometry.of(1, 0, 1), DataType.FLOAT, 3, 3, 1));
        assertTrue(!ConvReluPool.applies(Geometry.of(2, 1, 1), DataType.FLOAT, 3, 3, 1));
        assertTrue(!ConvReluPool.applies(Geometry.same(3, 3), DataType.FLOAT, 3, 3, 2));
        assertTrue(!ConvReluPool.applies(Geometry.same(3, 3), DataType.DOUBLE, 3, 3, 1));
    }

    @Test
    void aPoolLargerThanTheOutputNamesTheLayer() {
        Tensor x = Tensor.variable(rng.normal(DataType.FLOAT, 0, 1, 1, 16, 4, 5));
        Tensor w = Tensor.variable(rng.normal(DataType.FLOAT, 0, 0.3, 4, 16, 3, 3));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2dReluMaxPool("conv2", x, w, null, Geometry.same(3, 3), 5, 1));
        assertTrue(e.getMessage().startsWith("conv2: pooling window 5x1"), e.getMessage());
    }

    /** Float32 against float64: relative to the largest magnitude, 1e-4. */
    private static void assertClose(INDArray expected, INDArray actual, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
        double err = e.sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err <= 1e-4 * scale, what + ": max difference " + err + " at scale " + scale);
    }
}
