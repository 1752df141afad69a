package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertGradients;
import static org.seqlab.autograd.ops.Checks.var;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

class LayerOpsTest {
    private final Rng rng = new Rng(21);

    @Test
    void reverseFlipsOnlyTheValidPrefix() {
        Tensor x = var(rng, 2, 4, 3);
        INDArray mask = Sequences.mask(new int[] {4, 2}, 4, DataType.DOUBLE);
        INDArray r = Sequences.reverse(x, mask).value();
        for (int f = 0; f < 3; f++) {
            assertEquals(x.value().getDouble(0, 3, f), r.getDouble(0, 0, f), 0);
            assertEquals(x.value().getDouble(0, 0, f), r.getDouble(0, 3, f), 0);
            assertEquals(x.value().getDouble(1, 1, f), r.getDouble(1, 0, f), 0);
            assertEquals(x.value().getDouble(1, 0, f), r.getDouble(1, 1, f), 0);
            assertEquals(x.value().getDouble(1, 2, f), r.getDouble(1, 2, f), 0);
            assertEquals(x.value().getDouble(1, 3, f), r.getDouble(1, 3, f), 0);
        }
        assertEquals(x.value(), Sequences.reverse(Tensor.constant(r), mask).value());
        assertArrayEquals(new int[] {4, 2}, Sequences.lengths(mask));
        assertGradients(() -> Sequences.reverse(x, mask), x);
        assertGradients(() -> Sequences.reverse(x, null), x);
    }

    @Test
    void layerNormNormalisesAndHasRightGradients() {
        Tensor x = var(rng, 2, 3, 5);
        Tensor gamma = Tensor.variable(Nd4j.ones(DataType.DOUBLE, 5));
        Tensor beta = Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 5));
        INDArray y = Normalization.layerNorm("ln", x, gamma, beta, 0).value();
        assertEquals(0, y.mean(2).amaxNumber().doubleValue(), 1e-12);
        assertEquals(1, y.var(false, 2).getDouble(1, 2), 1e-9);
        Tensor g2 = var(rng, 5);
        Tensor b2 = var(rng, 5);
        assertGradients(() -> Normalization.layerNorm("ln", x, g2, b2, 1e-5), x, g2, b2);
    }

    @Test
    void batchNormTrainAndEvalStatistics() {
        Tensor x = var(rng, 4, 3, 2, 2);
        Tensor gamma = var(rng, 3);
        Tensor beta = var(rng, 3);
        INDArray rm = Nd4j.zeros(DataType.DOUBLE, 3);
        INDArray rv = Nd4j.ones(DataType.DOUBLE, 3);
        Tensor y = Normalization.batchNorm("bn", x, Tensor.constant(Nd4j.ones(DataType.DOUBLE, 3)),
                Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3)), rm, rv, 1, true, 0.1, 0);
        INDArray channel1 = y.value().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup();
        assertEquals(0, channel1.meanNumber().doubleValue(), 1e-12);
        assertEquals(1, channel1.varNumber().doubleValue() * 15 / 16, 1e-9);
        INDArray xc = x.value().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).dup();
        assertEquals(0.1 * xc.meanNumber().doubleValue(), rm.getDouble(1), 1e-12);
        assertEquals(0.9 + 0.1 * xc.varNumber().doubleValue(), rv.getDouble(1), 1e-12);
        // evaluation uses the running statistics
        INDArray ev = Normalization.batchNorm("bn", x, gamma, beta, rm, rv, 1, false, 0.1, 1e-5).value();
        double expected = (x.value().getDouble(2, 1, 0, 1) - rm.getDouble(1)) / Math.sqrt(rv.getDouble(1) + 1e-5)
                * gamma.value().getDouble(1) + beta.value().getDouble(1);
        assertEquals(expected, ev.getDouble(2, 1, 0, 1), 1e-12);
        INDArray rm2 = Nd4j.zeros(DataType.DOUBLE, 3);
        INDArray rv2 = Nd4j.ones(DataType.DOUBLE, 3);
        assertGradients(() -> Normalization.batchNorm("bn", x, gamma, beta, rm2, rv2, 1, true, 0.1, 1e-5), x, gamma, beta);
        assertGradients(() -> Normalization.batchNorm("bn", x, gamma, beta, rm2, rv2, 1, false, 0.1, 1e-5), x, gamma, beta);
        Tensor seq = var(rng, 2, 3, 4);
        Tensor g4 = var(rng, 4);
        Tensor b4 = var(rng, 4);
        assertGradients(() -> Normalization.batchNorm("bn", seq, g4, b4, Nd4j.zeros(DataType.DOUBLE, 4),
                Nd4j.ones(DataType.DOUBLE, 4), -1, true, 0.1, 1e-5), seq, g4, b4);
    }

    /**
     * Two clips of [C=3, H=2] maps over 4 frames, the second 2 frames long: its last 2 frames are
     * padding. Statistics by brute force over the 8 + 4 valid positions per channel.
     */
    @Test
    void maskedBatchNormLeavesPaddingOutOfItsStatisticsAndOutputsZeroThere() {
        Tensor x = var(rng, 2, 3, 2, 4);
        INDArray frames = Sequences.mask(new int[] {4, 2}, 4, DataType.DOUBLE);
        INDArray valid = frames.reshape(2, 1, 4).broadcast(2, 2, 4);
        Tensor one = Tensor.constant(Nd4j.ones(DataType.DOUBLE, 3));
        Tensor zero = Tensor.constant(Nd4j.zeros(DataType.DOUBLE, 3));
        INDArray rm = Nd4j.zeros(DataType.DOUBLE, 3);
        INDArray rv = Nd4j.ones(DataType.DOUBLE, 3);
        INDArray y = Normalization.batchNorm("bn", x, valid, one, zero, rm, rv, 1, true, 0.1, 0).value();
        for (int ch = 0; ch < 3; ch++) {
            double sum = 0;
            double sq = 0;
            double ySum = 0;
            double ySq = 0;
            int n = 0;
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 2; h++) {
                    for (int t = 0; t < (b == 0 ? 4 : 2); t++) {
                        double v = x.value().getDouble(b, ch, h, t);
                        sum += v;
                        sq += v * v;
                        ySum += y.getDouble(b, ch, h, t);
                        ySq += y.getDouble(b, ch, h, t) * y.getDouble(b, ch, h, t);
                        n++;
                    }
                    for (int t = 2; t < 4 && b == 1; t++) {
                        assertEquals(0, y.getDouble(b, ch, h, t), 0, "padding comes out 0");
                    }
                }
            }
            double mean = sum / n;
            assertEquals(12, n);
            assertEquals(0, ySum / n, 1e-12);
            assertEquals(1, ySq / n, 1e-9);
            assertEquals(0.1 * mean, rm.getDouble(ch), 1e-12);
            assertEquals(0.9 + 0.1 * (sq - n * mean * mean) / (n - 1), rv.getDouble(ch), 1e-12);
        }
        // what the padding holds does not matter
        INDArray garbage = x.value().dup();
        garbage.muli(valid.reshape(2, 1, 2, 4).broadcast(2, 3, 2, 4)).addi(valid.reshape(2, 1, 2, 4)
                .broadcast(2, 3, 2, 4).rsub(1).mul(1e3));
        // fused Java loops, no BLAS: the same valid values give the same bits
        assertArrayEquals(y.data().asDouble(), Normalization.batchNorm("bn", Tensor.constant(garbage), valid, one, zero,
                Nd4j.zeros(DataType.DOUBLE, 3), Nd4j.ones(DataType.DOUBLE, 3), 1, true, 0.1, 0).value().data().asDouble(), 0);
        Tensor gamma = var(rng, 3);
        Tensor beta = var(rng, 3);
        assertGradients(() -> Normalization.batchNorm("bn", x, valid, gamma, beta, Nd4j.zeros(DataType.DOUBLE, 3),
                Nd4j.ones(DataType.DOUBLE, 3), 1, true, 0.1, 1e-5), x, gamma, beta);
        assertGradients(() -> Normalization.batchNorm("bn", x, valid, gamma, beta, rm, rv, 1, false, 0.1, 1e-5), x, gamma, beta);
        assertThrows(IllegalArgumentException.class, () -> Normalization.batchNorm("bn", x, frames, one, zero, rm, rv, 1, true,
                0.1, 0));
    }

    @Test
    void gluGradientsAndValue() {
        Tensor x = var(rng, 2, 3, 4);
        Tensor w = var(rng, 4, 5);
        Tensor b = var(rng, 5);
        Tensor v = var(rng, 4, 5);
        Tensor c = var(rng, 5);
        INDArray y = Gating.glu("glu", x, w, b, v, c).value();
        double a = b.value().getDouble(2);
        double s = c.value().getDouble(2);
        for (int f = 0; f < 4; f++) {
            a += x.value().getDouble(1, 2, f) * w.value().getDouble(f, 2);
            s += x.value().getDouble(1, 2, f) * v.value().getDouble(f, 2);
        }
        assertEquals(a / (1 + Math.exp(-s)), y.getDouble(1, 2, 2), 1e-12);
        assertGradients(() -> Gating.glu("glu", x, w, b, v, c), x, w, b, v, c);
    }

    @Test
    void dropoutIsSeededScaledAndOffInEvaluation() {
        Tensor x = Tensor.variable(Nd4j.ones(DataType.DOUBLE, 1000));
        INDArray a = Dropout.apply(x, 0.3, new Rng(7), true).value();
        INDArray b = Dropout.apply(x, 0.3, new Rng(7), true).value();
        INDArray c = Dropout.apply(x, 0.3, new Rng(8), true).value();
        assertEquals(a, b);
        assertNotEquals(a, c);
        long zeros = a.eq(0).castTo(DataType.INT).sumNumber().longValue();
        assertTrue(zeros > 240 && zeros < 360, "dropped " + zeros);
        assertEquals(1 / 0.7, a.maxNumber().doubleValue(), 1e-12);
        assertSame(x, Dropout.apply(x, 0.3, new Rng(7), false));
        Tensor y = var(rng, 4, 5);
        assertGradients(() -> Dropout.apply(y, 0.5, new Rng(3), true), y);
    }

    @Test
    void embeddingLooksUpRowsAndScattersGradients() {
        Tensor table = var(rng, 6, 3);
        INDArray idx = Nd4j.createFromArray(new double[][] {{0, 5, 5}, {2, 1, 0}});
        Tensor e = Lookup.embedding("emb", table, idx);
        assertArrayEquals(new long[] {2, 3, 3}, e.shape());
        assertEquals(table.value().getDouble(5, 2), e.value().getDouble(0, 2, 2), 0);
        assertGradients(() -> Lookup.embedding("emb", table, idx), table);
        var err = assertThrows(IllegalArgumentException.class,
                () -> Lookup.embedding("emb", table, Nd4j.createFromArray(1.0, 6.0)));
        assertTrue(err.getMessage().contains("position 1"), err.getMessage());
    }
}
