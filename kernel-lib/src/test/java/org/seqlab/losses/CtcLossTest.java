package org.seqlab.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqlab.autograd.ops.Checks.assertGradients;
import static org.seqlab.autograd.ops.Checks.assertScalarGradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.losses.CtcLoss.Options;
import org.seqlab.losses.CtcLoss.Reduction;

/** The CTC loss against brute-force enumeration of alignments, finite differences and hand-worked cases. */
class CtcLossTest {
    private final Rng rng = new Rng(20261202);

    /** -ln p(label|x) by summing the probability of every one of C^T frame paths that collapses to the label. */
    static double bruteForce(double[][] logProbs, int[] label, int blank) {
        int frames = logProbs.length;
        int classes = logProbs[0].length;
        int[] path = new int[frames];
        double p = 0;
        long total = (long) Math.pow(classes, frames);
        for (long code = 0; code < total; code++) {
            long c = code;
            double lp = 0;
            for (int t = 0; t < frames; t++) {
                path[t] = (int) (c % classes);
                c /= classes;
                lp += logProbs[t][path[t]];
            }
            if (Arrays.equals(collapse(path, blank), label)) {
                p += Math.exp(lp);
            }
        }
        return -Math.log(p);
    }

    static int[] collapse(int[] path, int blank) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int k : path) {
            if (k != prev && k != blank) {
                out.add(k);
            }
            prev = k;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[][] logSoftmax(INDArray logits, int b, int frames) {
        int classes = (int) logits.size(2);
        double[][] lp = new double[frames][classes];
        for (int t = 0; t < frames; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.getDouble(b, t, c));
            }
            double s = 0;
            for (int c = 0; c < classes; c++) {
                s += Math.exp(logits.getDouble(b, t, c) - max);
            }
            for (int c = 0; c < classes; c++) {
                lp[t][c] = logits.getDouble(b, t, c) - max - Math.log(s);
            }
        }
        return lp;
    }

    @Test
    void everyAlignmentSummedByBruteForceGivesTheSameLikelihood() {
        int[][][] cases = {
            // {input length, classes, blank}, label
            {{5, 3, 0}, {1, 2}}, {{5, 3, 0}, {1, 1}}, {{4, 3, 0}, {1, 1, 2}}, {{5, 3, 2}, {0, 0, 1}},
            {{3, 2, 0}, {}}, {{5, 3, 1}, {2, 0, 2}}, {{1, 3, 0}, {2}}, {{5, 2, 1}, {0, 0}}, {{4, 3, 0}, {2, 1, 2}},
        };
        for (int[][] c : cases) {
            int frames = c[0][0];
            int classes = c[0][1];
            int blank = c[0][2];
            int[] label = c[1];
            INDArray x = rng.uniform(DataType.DOUBLE, -3, 3, 1, frames, classes);
            double want = bruteForce(logSoftmax(x, 0, frames), label, blank);
            Tensor l = CtcLoss.loss(Tensor.constant(x), new int[] {frames}, new int[][] {label},
                    Options.defaults().withBlank(blank).withReduction(Reduction.SUM));
            assertEquals(want, l.item(), 1e-10 * Math.max(1, want), "case " + Arrays.deepToString(c));
        }
    }

    @Test
    void handWorkedTwoFrameExample() {
        // classes (blank, a), p(a) = 0.6 on both frames: paths for "a" are (a,a), (a,b), (b,a): 0.36 + 0.24 + 0.24
        double la = Math.log(0.6);
        double lb = Math.log(0.4);
        INDArray lp = Nd4j.createFromArray(new double[][][] {{{lb, la}, {lb, la}}});
        Tensor l = CtcLoss.loss(Tensor.constant(lp), new int[] {2}, new int[][] {{1}},
                Options.defaults().withReduction(Reduction.SUM));
        assertEquals(-Math.log(0.84), l.item(), 1e-12);
        // "aa" needs a blank between the copies: three frames at least, so two give an impossible alignment
        Tensor impossible = CtcLoss.loss(Tensor.constant(lp), new int[] {2}, new int[][] {{1, 1}},
                Options.defaults().withReduction(Reduction.SUM));
        assertEquals(Double.POSITIVE_INFINITY, impossible.item());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor logits = Tensor.variable(rng.uniform(DataType.DOUBLE, -2, 2, 3, 7, 5));
        int[] lengths = {7, 5, 4};
        int[][] labels = {{1, 1, 3}, {4, 2}, {}};
        for (Reduction r : Reduction.values()) {
            Options o = Options.defaults().withReduction(r);
            if (r == Reduction.NONE) {
                assertGradients(() -> CtcLoss.loss(logits, lengths, labels, o), logits);
            } else {
                assertScalarGradients(() -> CtcLoss.loss(logits, lengths, labels, o), logits);
            }
        }
        int[][] blank3 = {{1, 1, 2}, {4, 2}, {}};
        assertScalarGradients(() -> CtcLoss.loss(logits, lengths, blank3, Options.defaults().withBlank(3)), logits);
    }

    @Test
    void paddedFramesAreIgnoredAndGetNoGradient() {
        INDArray x = rng.uniform(DataType.DOUBLE, -2, 2, 2, 6, 4);
        int[] lengths = {6, 3};
        int[][] labels = {{1, 2}, {3}};
        Options o = Options.defaults().withReduction(Reduction.NONE);
        double before = CtcLoss.loss(Tensor.constant(x), lengths, labels, o).value().getDouble(1);
        x.putScalar(new long[] {1, 4, 2}, Double.NaN);
        x.putScalar(new long[] {1, 5, 0}, 1e30);
        Tensor v = Tensor.variable(x);
        Tensor l = CtcLoss.loss(v, framesMask(lengths, 6), labels, o.withReduction(Reduction.SUM));
        assertTrue(Double.isFinite(l.item()));
        assertEquals(before, CtcLoss.loss(Tensor.constant(x), lengths, labels, o).value().getDouble(1), 1e-12);
        l.backward();
        for (int t = 3; t < 6; t++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(0.0, v.grad().getDouble(1, t, c));
            }
        }
        // every valid frame's gradient sums to zero over the classes (softmax minus a distribution)
        for (int t = 0; t < 3; t++) {
            double s = 0;
            for (int c = 0; c < 4; c++) {
                s += v.grad().getDouble(1, t, c);
            }
            assertEquals(0.0, s, 1e-12);
        }
    }

    private static INDArray framesMask(int[] lengths, int frames) {
        return org.seqlab.autograd.ops.Sequences.mask(lengths, frames, DataType.DOUBLE);
    }

    @Test
    void impossibleExamplesAreInfiniteOrZeroedOnRequest() {
        Tensor x = Tensor.variable(rng.uniform(DataType.DOUBLE, -1, 1, 2, 3, 4));
        int[][] labels = {{1, 1, 2}, {3}};
        Options none = Options.defaults().withReduction(Reduction.NONE);
        INDArray l = CtcLoss.loss(x, new int[] {3, 3}, labels, none).value();
        assertEquals(Double.POSITIVE_INFINITY, l.getDouble(0));
        Tensor zeroed = CtcLoss.loss(x, new int[] {3, 3}, labels, none.withZeroInfinity(true).withReduction(Reduction.SUM));
        assertEquals(l.getDouble(1), zeroed.item(), 1e-12);
        zeroed.backward();
        assertEquals(0.0, x.grad().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).amaxNumber().doubleValue());
        x.zeroGrad();
        Tensor inf = CtcLoss.loss(x, new int[] {3, 3}, labels, none.withReduction(Reduction.SUM));
        inf.backward();
        assertTrue(Double.isNaN(x.grad().getDouble(0, 0, 0)), "an impossible example without zeroInfinity poisons its gradient");
    }

    @Test
    void float32AgreesWithFloat64AndBatchingDoesNotChangeExamples() {
        INDArray x = rng.uniform(DataType.DOUBLE, -3, 3, 8, 40, 10);
        int[] lengths = new int[8];
        int[][] labels = new int[8][];
        for (int b = 0; b < 8; b++) {
            lengths[b] = 20 + rng.nextInt(21);
            labels[b] = new int[1 + rng.nextInt(8)];
            for (int i = 0; i < labels[b].length; i++) {
                labels[b][i] = 1 + rng.nextInt(9);
            }
        }
        Options o = Options.defaults().withReduction(Reduction.NONE);
        INDArray all = CtcLoss.loss(Tensor.constant(x), lengths, labels, o).value();
        INDArray f32 = CtcLoss.loss(Tensor.constant(x.castTo(DataType.FLOAT)), lengths, labels, o).value();
        for (int b = 0; b < 8; b++) {
            INDArray one = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b, b + 1)).dup();
            double alone = CtcLoss.loss(Tensor.constant(one), new int[] {lengths[b]}, new int[][] {labels[b]}, o).value().getDouble(0);
            assertEquals(alone, all.getDouble(b), 0.0, "example " + b + " alone and in a batch");
            // float32 logits are exact inputs to a float64 recursion; only the stored result is rounded
            assertEquals(all.getDouble(b), f32.getDouble(b), 1e-6 * Math.abs(all.getDouble(b)) + 2e-5);
        }
    }

    @Test
    void reductionsCombineThePerExampleLosses() {
        Tensor x = Tensor.constant(rng.uniform(DataType.DOUBLE, -2, 2, 3, 6, 4));
        int[] lengths = {6, 4, 5};
        int[][] labels = {{1, 2, 3}, {}, {2, 2}};
        INDArray each = CtcLoss.loss(x, lengths, labels, Options.defaults().withReduction(Reduction.NONE)).value();
        double sum = each.getDouble(0) + each.getDouble(1) + each.getDouble(2);
        assertEquals(sum, CtcLoss.loss(x, lengths, labels, Options.defaults().withReduction(Reduction.SUM)).item(), 1e-12);
        assertEquals(sum / 3, CtcLoss.loss(x, lengths, labels,
                Options.defaults().withReduction(Reduction.MEAN_OVER_BATCH)).item(), 1e-12);
        // torch's mean: each loss over its label length (the empty label counts as 1), then the batch mean
        double mean = (each.getDouble(0) / 3 + each.getDouble(1) / 1 + each.getDouble(2) / 2) / 3;
        assertEquals(mean, CtcLoss.loss(x, lengths, labels, Options.defaults()).item(), 1e-12);
    }

    @Test
    void noGraphIsKeptWithGradModeOff() {
        Tensor x = Tensor.variable(rng.uniform(DataType.DOUBLE, -1, 1, 1, 3, 3));
        try (var off = GradMode.off()) {
            assertTrue(!CtcLoss.loss(x, new int[] {3}, new int[][] {{1}}, Options.defaults()).requiresGrad());
        }
    }

    @Test
    void badArgumentsAreRejectedWithWhereTheyAre() {
        Tensor x = Tensor.constant(rng.uniform(DataType.DOUBLE, -1, 1, 2, 3, 4));
        String m = assertThrows(IllegalArgumentException.class,
                () -> CtcLoss.loss(x, new int[] {3, 3}, new int[][] {{1}, {2, 0}}, Options.defaults())).getMessage();
        assertTrue(m.contains("position 1 of example 1") && m.contains("blank"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> CtcLoss.loss(x, new int[] {3, 4}, new int[][] {{1}, {2}}, Options.defaults())).getMessage();
        assertTrue(m.contains("input length 4 of example 1"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> CtcLoss.loss(x, new int[] {3, 3}, new int[][] {{1}, {4}}, Options.defaults())).getMessage();
        assertTrue(m.contains("label 4"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> CtcLoss.loss(x, new int[] {3, 3}, new int[][] {{1}, {2}}, Options.defaults().withBlank(4))).getMessage();
        assertTrue(m.contains("blank 4"), m);
    }

    @Test
    void paddedLabelRowsAreCutToTheirLengths() {
        INDArray padded = Nd4j.createFromArray(new double[][] {{1, 2, 99}, {3, 99, 99}});
        int[][] labels = CtcLoss.labels(padded, new int[] {2, 1});
        assertTrue(Arrays.equals(new int[] {1, 2}, labels[0]) && Arrays.equals(new int[] {3}, labels[1]));
    }
}
