package org.seqlab.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seqlab.autograd.ops.Checks.assertGradients;
import static org.seqlab.autograd.ops.Checks.assertScalarGradients;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.autograd.ops.Reductions;

/** Clip poolings and the cosine penalty: hand-computed values, padding ignored, finite differences. */
class WeakLabelsTest {
    private final Rng rng = new Rng(14);
    /** Batch of 2 clips, 5 frames, 3 classes; the second clip has 3 valid frames. */
    private final int[] lengths = {5, 3};

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void meanPoolAveragesValidFrameProbabilities() {
        Tensor x = Tensor.variable(rng.uniform(DataType.DOUBLE, -3, 3, 2, 5, 3));
        INDArray y = WeakLabels.meanPool(x, lengths).value();
        double s = 0;
        for (int t = 0; t < 3; t++) {
            s += sigmoid(x.value().getDouble(1, t, 2));
        }
        assertEquals(s / 3, y.getDouble(1, 2), 1e-12);
        x.value().putScalar(new long[] {1, 4, 2}, 50.0); // padding: no effect
        assertEquals(s / 3, WeakLabels.meanPool(x, lengths).value().getDouble(1, 2), 1e-12);
        assertGradients(() -> WeakLabels.meanPool(x, lengths), x);
    }

    @Test
    void attentionPoolIsTheSoftmaxWeightedMeanOfProbabilities() {
        // one clip, two frames, one class: att (0, ln 3) -> weights (1/4, 3/4)
        Tensor z = Tensor.variable(Nd4j.createFromArray(new double[] {1, -2}).reshape(1, 2, 1));
        Tensor a = Tensor.variable(Nd4j.createFromArray(new double[] {0, Math.log(3)}).reshape(1, 2, 1));
        double expected = 0.25 * sigmoid(1) + 0.75 * sigmoid(-2);
        assertEquals(expected, WeakLabels.attentionPool(z, a, new int[] {2}).value().getDouble(0, 0), 1e-12);
        // equal attention everywhere is mean pooling
        Tensor x = Tensor.variable(rng.uniform(DataType.DOUBLE, -3, 3, 2, 5, 3));
        Tensor flat = Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 2, 5, 3));
        INDArray diff = WeakLabels.attentionPool(x, flat, lengths).value().sub(WeakLabels.meanPool(x, lengths).value());
        assertEquals(0, diff.amaxNumber().doubleValue(), 1e-12);
        Tensor att = Tensor.variable(rng.uniform(DataType.DOUBLE, -3, 3, 2, 5, 3));
        double before = WeakLabels.attentionPool(x, att, lengths).value().getDouble(1, 0);
        att.value().putScalar(new long[] {1, 3, 0}, 40.0); // a padded frame cannot take the attention
        x.value().putScalar(new long[] {1, 4, 0}, -40.0);
        assertEquals(before, WeakLabels.attentionPool(x, att, lengths).value().getDouble(1, 0), 1e-12);
        att.value().putScalar(new long[] {1, 3, 0}, 0.3);
        assertGradients(() -> WeakLabels.attentionPool(x, att, lengths), x, att);
    }

    @Test
    void cosinePenaltyCountsOnlyClassPairsTaggedTogether() {
        // one clip, 2 frames, 3 classes; classes 0 and 1 tagged, 2 not
        double[][] logits = {{0.5, -1, 2}, {-0.5, 1, 2}};
        Tensor x = Tensor.variable(Nd4j.createFromArray(logits).reshape(1, 2, 3));
        INDArray tags = Nd4j.createFromArray(new double[][] {{1, 1, 0}});
        double[] p0 = {sigmoid(0.5), sigmoid(-0.5)};
        double[] p1 = {sigmoid(-1), sigmoid(1)};
        double cos = (p0[0] * p1[0] + p0[1] * p1[1]) / Math.hypot(p0[0], p0[1]) / Math.hypot(p1[0], p1[1]);
        // (0,1) and (1,0) both count: 2 alpha cos
        assertEquals(2 * 0.3 * cos, WeakLabels.cosinePenalty(x, new int[] {2}, tags, 0.3).item(), 1e-12);
        assertEquals(0, WeakLabels.cosinePenalty(x, new int[] {2}, Nd4j.createFromArray(new double[][] {{1, 0, 0}}), 0.3).item());
        double[][] m = WeakLabels.cosineMatrix(new float[][] {{(float) p0[0], (float) p1[0], 0}, {(float) p0[1], (float) p1[1], 0}});
        assertEquals(cos, m[0][1], 1e-6);
        assertEquals(1, m[0][0], 1e-6);
        assertEquals(0, m[2][0]);
    }

    @Test
    void cosinePenaltyGradientsAndPaddingMatchFiniteDifferences() {
        Tensor x = Tensor.variable(rng.uniform(DataType.DOUBLE, -2, 2, 2, 5, 3));
        INDArray tags = Nd4j.createFromArray(new double[][] {{1, 1, 1}, {1, 0, 1}});
        double before = WeakLabels.cosinePenalty(x, lengths, tags, 0.5).item();
        x.value().putScalar(new long[] {1, 4, 0}, 30.0);
        assertEquals(before, WeakLabels.cosinePenalty(x, lengths, tags, 0.5).item(), 1e-12);
        assertScalarGradients(() -> WeakLabels.cosinePenalty(x, lengths, tags, 0.5), x);
    }

    @Test
    void clipCrossEntropyOnProbabilitiesMatchesTheLogitForm() {
        Tensor z = Tensor.variable(rng.uniform(DataType.DOUBLE, -3, 3, 2, 3));
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 0, 1}});
        double viaProbabilities = WeakLabels.binaryCrossEntropy(Elementwise.sigmoid(z), y).item();
        assertEquals(BinaryCrossEntropy.withLogits(z, y).item(), viaProbabilities, 1e-12);
        Tensor p = Tensor.variable(rng.uniform(DataType.DOUBLE, 0.05, 0.95, 2, 3));
        assertScalarGradients(() -> WeakLabels.binaryCrossEntropy(p, y), p);
        // whole chains: attention pooling then the clip loss, with the cosine penalty added
        Tensor cla = Tensor.variable(rng.uniform(DataType.DOUBLE, -2, 2, 2, 5, 3));
        Tensor att = Tensor.variable(rng.uniform(DataType.DOUBLE, -2, 2, 2, 5, 3));
        assertScalarGradients(() -> Elementwise.add(
                WeakLabels.binaryCrossEntropy(WeakLabels.attentionPool(cla, att, lengths), y),
                WeakLabels.cosinePenalty(cla, lengths, y, 0.2)), cla, att);
    }

    @Test
    void falseStrongLabelsScoreEveryValidFrameAgainstTheClipTags() {
        Tensor x = Tensor.variable(rng.uniform(DataType.DOUBLE, -2, 2, 2, 5, 3));
        INDArray tags = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 1, 0}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});
        double sum = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                for (int k = 0; k < 3; k++) {
                    double z = x.value().getDouble(b, t, k);
                    double p = sigmoid(z);
                    double yv = tags.getDouble(b, k);
                    sum -= yv * Math.log(p) + (1 - yv) * Math.log(1 - p);
                }
            }
        }
        assertEquals(sum / (8 * 3), WeakLabels.falseStrongLabels(x, tags, mask).item(), 1e-10);
        assertScalarGradients(() -> Reductions.sum(WeakLabels.falseStrongLabels(x, tags, mask)), x);
    }

    @Test
    void badShapesAreNamed() {
        Tensor x = Tensor.variable(Nd4j.zeros(DataType.DOUBLE, 2, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> WeakLabels.meanPool(x, new int[] {5, 6}));
        assertThrows(IllegalArgumentException.class, () -> WeakLabels.cosinePenalty(x, lengths, Nd4j.zeros(2, 2), 1));
    }
}
