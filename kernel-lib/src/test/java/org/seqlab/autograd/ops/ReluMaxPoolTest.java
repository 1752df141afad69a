package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertGradients;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

/** The fused ReLU + max pooling against its definition: the two separate operations. */
class ReluMaxPoolTest {
    private final Rng rng = new Rng(23);

    /** Windows: frequency only, both axes, non-dividing sizes (uncovered rows and columns), 1x1. */
    private static final int[][] CASES = {
        // n, c, h, w, kh, kw
        {2, 3, 8, 5, 4, 1}, {1, 2, 7, 9, 2, 3}, {2, 2, 6, 7, 3, 2}, {1, 3, 5, 4, 1, 1}, {3, 1, 9, 3, 2, 1},
    };

    /** Large enough (more than 2^16 elements) for the planes to be split across threads. */
    private static final int[] PARALLEL_CASE = {2, 9, 64, 60, 4, 1};

    @Test
    void float64GradientMatchesFiniteDifferences() {
        for (int[] c : CASES) {
            // values away from 0 and from each other, so that a step of the finite difference does not switch the
            // winner or cross ReLU's kink
            Tensor x = Tensor.variable(spread(DataType.DOUBLE, c[0], c[1], c[2], c[3]));
            assertGradients(() -> Pooling.reluMaxPool2d(x, c[4], c[5]), x);
        }
    }

    @Test
    void float32EqualsReluThenPoolForwardAndBackwardWithTies() {
        int[][] cases = java.util.Arrays.copyOf(CASES, CASES.length + 1);
        cases[CASES.length] = PARALLEL_CASE;
        for (int[] c : cases) {
            for (boolean ties : new boolean[] {false, true}) {
                INDArray v = rng.normal(DataType.FLOAT, 0, 1, c[0], c[1], c[2], c[3]);
                if (ties) {
                    // few distinct values: ties between positive maxima, windows of zeros and of negatives
                    v = Nd4j.math().round(v.mul(1.5)).divi(2);
                }
                INDArray g = rng.normal(DataType.FLOAT, 0, 1, c[0], c[1], c[2] / c[4], c[3] / c[5]);
                Tensor a = Tensor.variable(v.dup());
                Tensor b = Tensor.variable(v.dup());
                Tensor fused = Pooling.reluMaxPool2d(a, c[4], c[5]);
                Tensor plain = Pooling.maxPool2d(Elementwise.relu(b), c[4], c[5], c[4], c[5]);
                assertArrayEquals(plain.shape(), fused.shape());
                assertClose(plain.value(), fused.value(), "forward " + java.util.Arrays.toString(c));
                Reductions.sum(Elementwise.mul(fused, Tensor.constant(g))).backward();
                Reductions.sum(Elementwise.mul(plain, Tensor.constant(g))).backward();
                assertClose(b.grad(), a.grad(), "backward " + java.util.Arrays.toString(c) + " ties " + ties);
            }
        }
    }

    @Test
    void handComputedWindow() {
        // rows [1 -2 5 -1], [-3 -4 2 0], [3 -1 -5 2], [4 -6 -1 2]; one 4x1 window per column: column 0 wins at
        // row 3, column 1 has only negatives (no gradient), column 2 wins at row 0, column 3 ties at rows 2 and 3
        INDArray v = Nd4j.create(new double[] {1, -2, 5, -1, -3, -4, 2, 0, 3, -1, -5, 2, 4, -6, -1, 2},
                new long[] {1, 1, 4, 4}, DataType.DOUBLE);
        Tensor x = Tensor.variable(v);
        Tensor y = Pooling.reluMaxPool2d(x, 4, 1);
        assertArrayEquals(new double[] {4, 0, 5, 2}, y.value().reshape(4).toDoubleVector(), 0);
        Reductions.sum(y).backward();
        double[] expected = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0};
        assertArrayEquals(expected, x.grad().reshape(16).toDoubleVector(), 0);
    }

    @Test
    void badWindowNamesOpAndShape() {
        Tensor x = Tensor.variable(rng.normal(DataType.DOUBLE, 0, 1, 1, 1, 3, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Pooling.reluMaxPool2d(x, 4, 1));
        assertTrue(e.getMessage().contains("reluMaxPool2d") && e.getMessage().contains("[1, 1, 3, 3]"), e.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Pooling.reluMaxPool2d(Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 3, 3)), 1, 1));
        assertTrue(rank.getMessage().contains("[3, 3]"), rank.getMessage());
    }

    @Test
    void largeWindowFallsBackToSeparateOps() {
        Tensor x = Tensor.variable(spread(DataType.DOUBLE, 1, 2, 16, 9));
        Tensor y = Pooling.reluMaxPool2d(x, 16, 8);
        assertArrayEquals(new long[] {1, 2, 1, 1}, y.shape());
        assertGradients(() -> Pooling.reluMaxPool2d(x, 16, 8), x);
    }

    /** Distinct values spaced 0.01 apart, at least 0.005 from zero, in random order. */
    private INDArray spread(DataType type, long... shape) {
        int len = 1;
        for (long s : shape) {
            len *= (int) s;
        }
        INDArray perm = rng.uniform(DataType.DOUBLE, 0, 1, len);
        int[] order = java.util.stream.IntStream.range(0, len).boxed()
                .sorted((p, q) -> Double.compare(perm.getDouble(p), perm.getDouble(q))).mapToInt(Integer::intValue).toArray();
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[order[i]] = (i - len / 2) * 0.01 + 0.005;
        }
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(type);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.reshape(expected.length()).toDoubleVector();
        double[] a = actual.reshape(actual.length()).toDoubleVector();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-6, what + " at " + i);
        }
    }
}
