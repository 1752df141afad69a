package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertGradients;
import static org.seqlab.autograd.ops.Checks.rand;
import static org.seqlab.autograd.ops.Checks.var;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution.Geometry;

class ConvolutionTest {
    private final Rng rng = new Rng(11);

    /** The definition, summed element by element: the oracle for the im2col implementation. */
    private static double bruteForce(INDArray x, INDArray w, INDArray b, Geometry g, int n, int co, int y, int xo) {
        double s = b == null ? 0 : b.getDouble(co);
        for (int c = 0; c < w.size(1); c++) {
            for (int i = 0; i < w.size(2); i++) {
                for (int j = 0; j < w.size(3); j++) {
                    long iy = (long) y * g.strideH() - g.padH() + (long) i * g.dilH();
                    long ix = (long) xo * g.strideW() - g.padW() + (long) j * g.dilW();
                    if (iy >= 0 && iy < x.size(2) && ix >= 0 && ix < x.size(3)) {
                        s += x.getDouble(n, c, iy, ix) * w.getDouble(co, c, i, j);
                    }
                }
            }
        }
        return s;
    }

    @Test
    void conv2dMatchesDefinitionForStridePaddingDilation() {
        Geometry[] geos = {Geometry.same(3, 3), new Geometry(2, 1, 1, 0, 1, 2), new Geometry(1, 3, 2, 1, 2, 1)};
        for (Geometry g : geos) {
            Tensor x = var(rng, 2, 3, 7, 8);
            Tensor w = var(rng, 4, 3, 3, 2);
            Tensor b = var(rng, 4);
            INDArray y = Convolution.conv2d("conv", x, w, b, g).value();
            for (int n = 0; n < 2; n++) {
                for (int co = 0; co < 4; co++) {
                    for (int i = 0; i < y.size(2); i++) {
                        for (int j = 0; j < y.size(3); j++) {
                            assertEquals(bruteForce(x.value(), w.value(), b.value(), g, n, co, i, j),
                                    y.getDouble(n, co, i, j), 1e-12, g + " at " + n + "," + co + "," + i + "," + j);
                        }
                    }
                }
            }
            assertGradients(() -> Convolution.conv2d("conv", x, w, b, g), x, w, b);
        }
    }

    @Test
    void shiftedGemmPathMatchesDefinitionAndGradients() {
        // 16 input channels and stride 1 select the shifted-gemm implementation
        Geometry[] geos = {Geometry.same(3, 3), new Geometry(1, 1, 2, 0, 2, 1), new Geometry(1, 1, 0, 1, 1, 1)};
        for (Geometry g : geos) {
            Tensor x = var(rng, 2, 16, 6, 7);
            Tensor w = var(rng, 3, 16, 3, 3);
            Tensor b = var(rng, 3);
            INDArray y = Convolution.conv2d("conv", x, w, b, g).value();
            for (int n = 0; n < 2; n++) {
                for (int co = 0; co < 3; co++) {
                    for (int i = 0; i < y.size(2); i++) {
                        for (int j = 0; j < y.size(3); j++) {
                            assertEquals(bruteForce(x.value(), w.value(), b.value(), g, n, co, i, j),
                                    y.getDouble(n, co, i, j), 1e-12, g + " at " + n + "," + co + "," + i + "," + j);
                        }
                    }
                }
            }
            assertGradients(() -> Convolution.conv2d("conv", x, w, b, g), x, w, b);
        }
        Tensor s = var(rng, 2, 16, 9);
        Tensor k = var(rng, 4, 16, 3);
        assertGradients(() -> Convolution.conv1d("conv1d", s, k, null, 1, 2, 2), s, k);
    }

    /**
     * The float32 path (bias added while cropping, bias gradient by products with ones) against
     * the float64 one, which the test above holds to the definition; both implementations, and a
     * bias that is the only input needing a gradient.
     */
    @Test
    void float32ConvolutionWithBiasAgreesWithFloat64() {
        for (int channels : new int[] {16, 2}) {
            INDArray xv = rand(rng, 2, channels, 6, 7);
            INDArray wv = rand(rng, 3, channels, 3, 3);
            INDArray bv = rand(rng, 3);
            INDArray gv = rand(rng, 2, 3, 6, 7);
            for (boolean onlyBias : new boolean[] {false, true}) {
                Tensor[] t64 = {grad(xv, !onlyBias), grad(wv, !onlyBias), grad(bv, true)};
                Tensor[] t32 = {grad(xv.castTo(DataType.FLOAT), !onlyBias), grad(wv.castTo(DataType.FLOAT), !onlyBias),
                    grad(bv.castTo(DataType.FLOAT), true)};
                Tensor y64 = Convolution.conv2d("conv", t64[0], t64[1], t64[2], Geometry.same(3, 3));
                Tensor y32 = Convolution.conv2d("conv", t32[0], t32[1], t32[2], Geometry.same(3, 3));
                assertArrayEquals(y64.value().reshape(-1).toDoubleVector(), y32.value().reshape(-1).toDoubleVector(), 1e-5);
                Reductions.sum(Elementwise.mul(y64, Tensor.constant(gv))).backward();
                Reductions.sum(Elementwise.mul(y32, Tensor.constant(gv.castTo(DataType.FLOAT)))).backward();
                for (int i = onlyBias ? 2 : 0; i < 3; i++) {
                    assertArrayEquals(t64[i].grad().reshape(-1).toDoubleVector(), t32[i].grad().reshape(-1).toDoubleVector(),
                            1e-4, "channels " + channels + " input " + i);
                }
            }
        }
    }

    private static Tensor grad(INDArray v, boolean needsGrad) {
        return needsGrad ? Tensor.variable(v.dup()) : Tensor.constant(v.dup());
    }

    @Test
    void conv2dWithoutGradientGivesSameValues() {
        Tensor x = var(rng, 3, 2, 5, 6);
        Tensor w = var(rng, 4, 2, 3, 3);
        INDArray train = Convolution.conv2d("conv", x, w, null, Geometry.same(3, 3)).value();
        try (var off = GradMode.off()) {
            assertEquals(train, Convolution.conv2d("conv", x, w, null, Geometry.same(3, 3)).value());
        }
    }

    @Test
    void conv1dGradientsAndShape() {
        Tensor x = var(rng, 2, 3, 9);
        Tensor w = var(rng, 5, 3, 3);
        Tensor b = var(rng, 5);
        Tensor y = Convolution.conv1d("conv1d", x, w, b, 2, 1, 2);
        assertArrayEquals(new long[] {2, 5, 4}, y.shape());
        assertGradients(() -> Convolution.conv1d("conv1d", x, w, b, 2, 1, 2), x, w, b);
    }

    @Test
    void convShapeErrorNamesLayerAndShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d("encoder.conv1", var(rng, 2, 3, 5, 5), var(rng, 4, 2, 3, 3), null, Geometry.same(3, 3)));
        assertTrue(e.getMessage().contains("encoder.conv1") && e.getMessage().contains("[2, 3, 5, 5]")
                && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
    }

    @Test
    void poolingValuesAndGradients() {
        Tensor x = var(rng, 2, 3, 8, 5);
        Tensor freqOnly = Pooling.maxPool2d(x, 4, 1, 4, 1);
        assertArrayEquals(new long[] {2, 3, 2, 5}, freqOnly.shape());
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 4; i < 8; i++) {
            m = Math.max(m, x.value().getDouble(1, 2, i, 3));
        }
        assertEquals(m, freqOnly.value().getDouble(1, 2, 1, 3), 0);
        Tensor avg = Pooling.avgPool2d(x, 2, 2, 2, 2);
        assertArrayEquals(new long[] {2, 3, 4, 2}, avg.shape());
        double a = (x.value().getDouble(0, 1, 2, 2) + x.value().getDouble(0, 1, 2, 3)
                + x.value().getDouble(0, 1, 3, 2) + x.value().getDouble(0, 1, 3, 3)) / 4;
        assertEquals(a, avg.value().getDouble(0, 1, 1, 1), 1e-12);
        assertGradients(() -> Pooling.maxPool2d(x, 4, 1, 4, 1), x);
        assertGradients(() -> Pooling.maxPool2d(x, 2, 3, 1, 2), x);
        assertGradients(() -> Pooling.avgPool2d(x, 3, 2, 2, 1), x);
        Tensor s = var(rng, 2, 3, 7);
        assertArrayEquals(new long[] {2, 3, 3}, Pooling.maxPool1d(s, 2, 2).shape());
        assertGradients(() -> Pooling.maxPool1d(s, 2, 2), s);
        assertGradients(() -> Pooling.avgPool1d(s, 3, 1), s);
    }
}
