package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.GradCheck;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.autograd.ops.Reductions;
import org.seqlab.autograd.ops.Sequences;
import org.seqlab.experiment.train.Batch;

class HierarchicalGruTest {
    private static final int F = 3;

    private static HierarchicalGru model(int attention) {
        return new HierarchicalGru(F, 4, 3, 3, 4, 2, attention, 11, DataType.DOUBLE);
    }

    @Test
    void gradientsOfEveryParameterWithAttentionAndWithMeanPooling() {
        for (int attention : new int[] {5, 0}) {
            HierarchicalGru m = model(attention);
            INDArray x = new Rng(2).uniform(DataType.DOUBLE, -1, 1, 2, 11, F);
            Batch b = new Batch(x, Sequences.mask(new int[] {11, 6}, 11, DataType.DOUBLE), null);
            INDArray w = new Rng(4).uniform(DataType.DOUBLE, -1, 1, 2, 4);
            List<Tensor> params = new ArrayList<>(m.parameters().values());
            GradCheck.Result r = GradCheck.check(() -> Reductions.sum(Elementwise.mul(m.forward(b), Tensor.constant(w))),
                    params, 1e-6, 12);
            assertTrue(r.passes(1e-5), "attention " + attention + ": " + r);
        }
    }

    /** An utterance scores the same alone and padded in a batch with a longer one; padding segments get no weight. */
    @Test
    void paddingInABatchChangesNothing() {
        HierarchicalGru m = model(5);
        m.eval();
        INDArray longer = new Rng(7).uniform(DataType.DOUBLE, -1, 1, 1, 13, F);
        INDArray shorter = new Rng(8).uniform(DataType.DOUBLE, -1, 1, 1, 7, F);
        INDArray padded = Nd4j.zeros(DataType.DOUBLE, 2, 13, F);
        padded.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).assign(longer.slice(0));
        padded.get(NDArrayIndex.point(1), NDArrayIndex.interval(0, 7), NDArrayIndex.all()).assign(shorter.slice(0));
        padded.get(NDArrayIndex.point(1), NDArrayIndex.interval(7, 13), NDArrayIndex.all()).assign(9.0); // junk padding
        try (GradMode off = GradMode.off()) {
            INDArray alone = m.forward(new Batch(shorter, null, null)).value().dup();
            INDArray aloneWeights = m.attentionWeights().dup();
            INDArray both = m.forward(new Batch(padded, Sequences.mask(new int[] {13, 7}, 13, DataType.DOUBLE), null)).value();
            INDArray weights = m.attentionWeights();
            assertEquals(6, m.layout().maxSegments());
            assertEquals(3, m.layout().counts()[1]);
            for (int k = 0; k < 4; k++) {
                assertEquals(alone.getDouble(0, k), both.getDouble(1, k), 1e-12, "score " + k);
            }
            for (int s = 0; s < 6; s++) {
                double expected = s < 3 ? aloneWeights.getDouble(0, s) : 0.0;
                assertEquals(expected, weights.getDouble(1, s), 1e-12, "weight of segment " + s);
            }
            assertEquals(1.0, weights.getRow(0).sumNumber().doubleValue(), 1e-12);
            assertEquals(1.0, weights.getRow(1).sumNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void meanPoolingReportsUniformWeightsOverRealSegments() {
        HierarchicalGru m = model(0);
        INDArray x = new Rng(9).uniform(DataType.DOUBLE, -1, 1, 2, 11, F);
        try (GradMode off = GradMode.off()) {
            m.forward(new Batch(x, Sequences.mask(new int[] {11, 4}, 11, DataType.DOUBLE), null));
        }
        assertEquals(0.2, m.attentionWeights().getDouble(0, 4), 1e-12);
        assertEquals(1.0, m.attentionWeights().getDouble(1, 0), 1e-12);
        assertEquals(0.0, m.attentionWeights().getDouble(1, 1), 1e-12);
    }
}
