package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seqlab.autograd.ops.Checks.assertGradients;
import static org.seqlab.autograd.ops.Checks.var;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution.Geometry;

class LocalConvolutionTest {
    private final Rng rng = new Rng(16);

    /** The definition, summed element by element: the oracle for the fused loops. */
    private static double bruteForce(INDArray x, INDArray w, INDArray b, int sh, int sw, int pt, int pl, int n,
            int co, int oy, int ox) {
        double s = b == null ? 0 : b.getDouble(co, oy, ox);
        for (int c = 0; c < w.size(3); c++) {
            for (int i = 0; i < w.size(4); i++) {
                for (int j = 0; j < w.size(5); j++) {
                    long iy = (long) oy * sh - pt + i;
                    long ix = (long) ox * sw - pl + j;
                    if (iy >= 0 && iy < x.size(2) && ix >= 0 && ix < x.size(3)) {
                        s += x.getDouble(n, c, iy, ix) * w.getDouble(oy, ox, co, c, i, j);
                    }
                }
            }
        }
        return s;
    }

    /** {strideH, strideW, padTop, padLeft, oH, oW} on a 5 x 6 input with a 3 x 2 kernel. */
    private static final int[][] GEOMETRIES = {
        {1, 1, 0, 0, 3, 5}, // valid
        {1, 1, 1, 0, 5, 6}, // same (the odd padding unit below / right)
        {2, 3, 1, 0, 3, 2}, // strided, same
    };

    @Test
    void matchesDefinitionAndFiniteDifferences() {
        for (int[] g : GEOMETRIES) {
            Tensor x = var(rng, 2, 2, 5, 6);
            Tensor w = var(rng, g[4], g[5], 3, 2, 3, 2);
            Tensor b = var(rng, 3, g[4], g[5]);
            INDArray y = LocalConvolution.locallyConnected2d("lc", x, w, b, g[0], g[1], g[2], g[3]).value();
            assertArrayEquals(new long[] {2, 3, g[4], g[5]}, y.shape());
            for (int n = 0; n < 2; n++) {
                for (int co = 0; co < 3; co++) {
                    for (int i = 0; i < g[4]; i++) {
                        for (int j = 0; j < g[5]; j++) {
                            // same products, possibly summed in another order: double rounding only
                            assertEquals(bruteForce(x.value(), w.value(), b.value(), g[0], g[1], g[2], g[3], n, co, i,
                                    j), y.getDouble(n, co, i, j), 1e-12);
                        }
                    }
                }
            }
            assertGradients(() -> LocalConvolution.locallyConnected2d("lc", x, w, b, g[0], g[1], g[2], g[3]), x, w,
                    b);
            assertGradients(() -> LocalConvolution.locallyConnected2d("lc", x, w, null, g[0], g[1], g[2], g[3]), x,
                    w);
        }
    }

    /**
     * A 3 x 3 image [[1,2,3],[4,5,6],[7,8,9]], 2 x 2 windows, each of the four positions with its
     * own kernel: top-left picks its window's top-left (1), top-right its top-right (3),
     * bottom-left its bottom-left (7), bottom-right sums its window (5+6+8+9 = 28); biases
     * 0.5, 0, 0, -1. For loss = sum(y): dx[r][c] = sum of the weights that read pixel (r, c),
     * dw = each position's window, db = 1.
     */
    @Test
    void handWorkedThreeByThree() {
        Tensor x = Tensor.variable(Nd4j.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3));
        double[] w = {
            1, 0, 0, 0, // position (0,0)
            0, 1, 0, 0, // position (0,1)
            0, 0, 1, 0, // position (1,0)
            1, 1, 1, 1, // position (1,1)
        };
        Tensor wt = Tensor.variable(Nd4j.create(w, 2, 2, 1, 1, 2, 2));
        Tensor b = Tensor.variable(Nd4j.create(new double[] {0.5, 0, 0, -1}, 1, 2, 2));
        Tensor y = LocalConvolution.locallyConnected2d("lc", x, wt, b, 1, 1, 0, 0);
        assertArrayEquals(new double[] {1.5, 3, 7, 27}, y.value().data().asDouble(), 0);
        Reductions.sum(y).backward();
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 1, 1, 1, 1}, x.grad().data().asDouble(), 0);
        assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9},
                wt.grad().data().asDouble(), 0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, b.grad().data().asDouble(), 0);
    }

    /**
     * With every position holding the same kernel and bias the layer is a convolution: values
     * and input gradients equal Conv2d's, and the weight gradient summed over positions equals
     * the shared kernel's gradient (likewise the bias).
     */
    @Test
    void sharedKernelEqualsConvolution() {
        int[][] geos = {{1, 0}, {2, 1}}; // {stride, symmetric padding}, odd 3 x 3 kernel
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (int[] g : geos) {
                Geometry geo = Geometry.of(g[0], g[1], 1);
                Tensor xc = Tensor.variable(rng.uniform(type, -1, 1, 2, 3, 7, 6));
                Tensor xl = Tensor.variable(xc.value().dup());
                Tensor kernel = Tensor.variable(rng.uniform(type, -1, 1, 4, 3, 3, 3));
                Tensor bias = Tensor.variable(rng.uniform(type, -1, 1, 4));
                int oh = geo.outH(7, 3);
                int ow = geo.outW(6, 3);
                INDArray wl = Nd4j.create(type, oh, ow, 4, 3, 3, 3);
                INDArray bl = Nd4j.create(type, 4, oh, ow);
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        wl.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                                org.nd4j.linalg.indexing.NDArrayIndex.point(j)).assign(kernel.value());
                        for (int co = 0; co < 4; co++) {
                            bl.putScalar(new long[] {co, i, j}, bias.value().getDouble(co));
                        }
                    }
                }
                Tensor w = Tensor.variable(wl);
                Tensor b = Tensor.variable(bl);
                Tensor yc = Convolution.conv2d("conv", xc, kernel, bias, geo);
                Tensor yl = LocalConvolution.locallyConnected2d("lc", xl, w, b, g[0], g[0], g[1], g[1]);
                INDArray r = rng.uniform(type, -1, 1, yc.shape());
                Reductions.sum(Elementwise.mul(yc, Tensor.constant(r))).backward();
                Reductions.sum(Elementwise.mul(yl, Tensor.constant(r))).backward();
                // each value sums 27 products and a bias of terms in [-1, 1]; in float32 both sides
                // round each of ~28 additions by at most 2^-24 of a partial sum <= 28, in their own
                // orders (BLAS versus a loop): bound 2 * 28 * 28 * 2^-24 = 9.3e-5. The gradients sum
                // at most 9 (input) or 2 * oH * oW <= 84 (weights, bias) such terms, bounded alike.
                double tol = type == DataType.DOUBLE ? 1e-12 : 2 * 28 * 28 * Math.pow(2, -24);
                double tolW = type == DataType.DOUBLE ? 1e-11 : 2 * 85 * 85 * Math.pow(2, -24);
                assertClose(yc.value(), yl.value(), tol);
                assertClose(xc.grad(), xl.grad(), tol);
                assertClose(kernel.grad(), w.grad().sum(0, 1), tolW);
                assertClose(bias.grad(), b.grad().sum(1, 2), tolW);
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape());
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        assertArrayEquals(e, a, tol);
    }

    @Test
    void rejectsMismatchedShapes() {
        Tensor x = var(rng, 1, 2, 4, 4);
        assertThrows(IllegalArgumentException.class,
                () -> LocalConvolution.locallyConnected2d("lc", x, var(rng, 3, 3, 1, 3, 2, 2), null, 1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> LocalConvolution.locallyConnected2d("lc", x, var(rng, 3, 3, 1, 2, 2, 2), var(rng, 1, 2, 3), 1,
                        1, 0, 0));
        // five windows of 2 do not fit in 4 rows at stride 1
        assertThrows(IllegalArgumentException.class,
                () -> LocalConvolution.locallyConnected2d("lc", x, var(rng, 5, 3, 1, 2, 2, 2), null, 1, 1, 0, 0));
    }
}
