package org.seqlab.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertScalarGradients;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

class LossesTest {
    private final Rng rng = new Rng(5);

    private static INDArray mask() {
        // batch of 2, 4 frames: lengths 4 and 2
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});
    }

    @Test
    void crossEntropyMatchesHandComputedValue() {
        // one frame, logits (0, ln 3): p = (1/4, 3/4); target 1 -> -ln(3/4)
        Tensor logits = Tensor.variable(Nd4j.createFromArray(new double[][] {{0, Math.log(3)}}));
        assertEquals(-Math.log(0.75), CrossEntropy.loss(logits, Nd4j.createFromArray(1.0)).item(), 1e-12);
        // smoothing 0.2 over 2 classes: q = (0.1, 0.9)
        double expected = -(0.1 * Math.log(0.25) + 0.9 * Math.log(0.75));
        assertEquals(expected, CrossEntropy.loss(logits, Nd4j.createFromArray(1.0), null, 0.2).item(), 1e-12);
    }

    @Test
    void crossEntropyIgnoresPaddedFramesAndAveragesValidOnes() {
        Tensor logits = Tensor.variable(rng.uniform(DataType.DOUBLE, -2, 2, 2, 4, 3));
        INDArray targets = Nd4j.createFromArray(new double[][] {{0, 1, 2, 1}, {2, 0, 1, 1}});
        double masked = CrossEntropy.loss(logits, targets, mask(), 0).item();
        double sum = 0;
        for (int[] f : new int[][] {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 1}}) {
            Tensor one = Tensor.constant(logits.value().get(
                    org.nd4j.linalg.indexing.NDArrayIndex.point(f[0]), org.nd4j.linalg.indexing.NDArrayIndex.point(f[1]))
                    .reshape(1, 3).dup());
            sum += CrossEntropy.loss(one, Nd4j.createFromArray(targets.getDouble(f[0], f[1]))).item();
        }
        assertEquals(sum / 6, masked, 1e-12);
        logits.value().putScalar(new long[] {1, 3, 0}, 100.0);
        assertEquals(masked, CrossEntropy.loss(logits, targets, mask(), 0).item(), 1e-12);
        assertScalarGradients(() -> CrossEntropy.loss(logits, targets, mask(), 0.1), logits);
    }

    @Test
    void crossEntropyRejectsBadTargets() {
        Tensor logits = Tensor.variable(rng.uniform(DataType.DOUBLE, -1, 1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.loss(logits, Nd4j.createFromArray(0.0, 3.0)));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(logits, Nd4j.createFromArray(0.0)));
        assertTrue(e.getMessage().contains("[1]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void binaryCrossEntropyMatchesNaiveFormulaAndGradients() {
        Tensor logits = Tensor.variable(rng.uniform(DataType.DOUBLE, -3, 3, 2, 4, 3));
        INDArray targets = rng.uniform(DataType.DOUBLE, 0, 1, 2, 4, 3).gt(0.5).castTo(DataType.DOUBLE);
        double expected = 0;
        int n = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                if (mask().getDouble(b, t) == 0) {
                    continue;
                }
                for (int k = 0; k < 3; k++) {
                    double p = 1 / (1 + Math.exp(-logits.value().getDouble(b, t, k)));
                    double y = targets.getDouble(b, t, k);
                    expected -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
                    n++;
                }
            }
        }
        assertEquals(expected / n, BinaryCrossEntropy.withLogits(logits, targets, mask()).item(), 1e-12);
        assertScalarGradients(() -> BinaryCrossEntropy.withLogits(logits, targets, mask()), logits);
        assertScalarGradients(() -> BinaryCrossEntropy.withLogits(logits, targets), logits);
        // huge logits stay finite
        Tensor big = Tensor.variable(Nd4j.createFromArray(1000.0, -1000.0));
        assertEquals(500.0, BinaryCrossEntropy.withLogits(big, Nd4j.createFromArray(0.0, 1.0)).item() / 2, 1e-9);
    }

    @Test
    void meanSquaredErrorValueAndGradients() {
        Tensor p = Tensor.variable(Nd4j.createFromArray(1.0, 2.0, 4.0));
        assertEquals((1 + 0 + 4) / 3.0, MeanSquaredError.loss(p, Nd4j.createFromArray(0.0, 2.0, 2.0)).item(), 1e-12);
        Tensor seq = Tensor.variable(rng.uniform(DataType.DOUBLE, -1, 1, 2, 4, 2));
        INDArray target = rng.uniform(DataType.DOUBLE, -1, 1, 2, 4, 2);
        assertScalarGradients(() -> MeanSquaredError.loss(seq, target, mask()), seq);
        assertScalarGradients(() -> MeanSquaredError.loss(seq, target, mask().reshape(2, 4, 1).repeat(2, 2)), seq);
    }

    @Test
    void maskedMeanCountsEveryElementOfValidFramesAndIgnoresPadding() {
        // frames of width 2; frame 1 is padding and holds values that must not matter
        Tensor p = Tensor.variable(Nd4j.createFromArray(new double[][] {{1, 3}, {Double.NaN, Double.POSITIVE_INFINITY}, {0, -2}}));
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1}, {0, 0}, {1, 0}});
        INDArray frameMask = Nd4j.createFromArray(1.0, 0.0, 1.0);
        Tensor mse = MeanSquaredError.loss(p, y, frameMask);
        assertEquals((1 + 4 + 1 + 4) / 4.0, mse.item(), 1e-12);
        mse.backward();
        assertEquals(0.0, p.grad().getDouble(1, 0));
        assertEquals(0.0, p.grad().getDouble(1, 1));
        assertEquals(2 * (3 - 1) / 4.0, p.grad().getDouble(0, 1), 1e-12);
        INDArray elementMask = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 0}, {1, 1}});
        // BCE of logit 0 is ln 2 whatever the target; logit 1 with target 0: ln(1 + e)
        Tensor logits = Tensor.constant(Nd4j.createFromArray(new double[][] {{1, 1}, {Double.NaN, 5}, {0, 0}}));
        double expected = (Math.log1p(Math.E) + 2 * Math.log(2)) / 3;
        assertEquals(expected, BinaryCrossEntropy.withLogits(logits, Nd4j.zeros(DataType.DOUBLE, 3, 2), elementMask).item(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanSquaredError.loss(p, Nd4j.zeros(DataType.DOUBLE, 3, 3)));
        assertTrue(e.getMessage().contains("prediction vs target") && e.getMessage().contains("[3, 3]"), e.getMessage());
    }

    @Test
    void emptyMaskIsAnError() {
        Tensor logits = Tensor.variable(rng.uniform(DataType.DOUBLE, -1, 1, 1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossEntropy.loss(logits,
                Nd4j.zeros(DataType.DOUBLE, 1, 2), Nd4j.zeros(DataType.DOUBLE, 1, 2), 0));
        assertTrue(e.getMessage().contains("no valid frame"), e.getMessage());
    }
}
