package org.seqlab.nn.recurrent;

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
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;

class BidirectionalTest {
    private static final int B = 3;
    private static final int T = 4;
    private static final int IN = 3;
    private static final int H = 2;

    @Test
    void gradientsOfEveryMergeMode() {
        for (Bidirectional.Merge merge : Bidirectional.Merge.values()) {
            Bidirectional bi = Bidirectional.lstm(IN, H, merge, 21, DataType.DOUBLE);
            Tensor x = Tensor.variable(Probe.random(1, B, T, IN));
            Tensor mask = Tensor.constant(Sequences.mask(new int[] {4, 1, 3}, T, DataType.DOUBLE));
            var wy = Probe.random(2, B, T, bi.outputSize());
            var wl = Probe.random(3, B, bi.outputSize());
            List<Tensor> inputs = new ArrayList<>(bi.parameters().values());
            inputs.add(x);
            GradCheck.Result r = GradCheck.check(() -> {
                Bidirectional.Result out = bi.forward(x, mask);
                return Probe.add(Probe.weightedSum(out.sequence(), wy), Probe.weightedSum(out.lastHidden(), wl),
                        Probe.weightedSum(out.backward().lastCell(), wl.get(NDArrayIndex.all(), NDArrayIndex.interval(0, H)).dup()));
            }, inputs, 1e-6, 12);
            assertTrue(r.passes(1e-5), merge + ": " + r);
        }
    }

    @Test
    void stackedBidirectionalGru() {
        Stacked stack = Stacked.of(Cell.GRU, IN, H, 2, Bidirectional.Merge.CONCAT, 31, DataType.DOUBLE);
        assertEquals(2 * H, stack.outputSize());
        Tensor x = Tensor.variable(Probe.random(4, B, T, IN));
        Tensor mask = Tensor.constant(Sequences.mask(new int[] {2, 4, 1}, T, DataType.DOUBLE));
        var wy = Probe.random(5, B, T, 2 * H);
        List<Tensor> inputs = new ArrayList<>(stack.parameters().values());
        inputs.add(x);
        GradCheck.Result r = GradCheck.check(() -> Probe.weightedSum(stack.encode(x, mask), wy), inputs, 1e-6, 16);
        assertTrue(r.passes(1e-5), r.toString());
    }

    @Test
    void backwardDirectionReversesOnlyTheValidPrefix() {
        Bidirectional bi = Bidirectional.gru(IN, H, Merge.CONCAT, 41, DataType.DOUBLE);
        INDArray x = Probe.random(6, 1, T, IN);
        int len = 3;
        try (var off = GradMode.off()) {
            Bidirectional.Result padded = bi.forward(Tensor.constant(x), Tensor.constant(Sequences.mask(new int[] {len}, T, DataType.DOUBLE)));
            // The backward layer alone, run forwards over the explicitly reversed valid prefix.
            INDArray reversed = Nd4j.zeros(DataType.DOUBLE, 1, len, IN);
            for (int t = 0; t < len; t++) {
                reversed.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.all())
                        .assign(x.get(NDArrayIndex.point(0), NDArrayIndex.point(len - 1 - t), NDArrayIndex.all()));
            }
            SequenceResult manual = bi.backwardLayer().forward(Tensor.constant(reversed), null);
            INDArray seq = padded.sequence().value();
            for (int t = 0; t < len; t++) {
                INDArray got = seq.get(NDArrayIndex.point(0), NDArrayIndex.point(t), NDArrayIndex.interval(H, 2 * H));
                INDArray want = manual.sequence().value().get(NDArrayIndex.point(0), NDArrayIndex.point(len - 1 - t), NDArrayIndex.all());
                assertTrue(got.equalsWithEps(want, 1e-12), "step " + t + ": " + got + " vs " + want);
            }
            INDArray pad = seq.get(NDArrayIndex.point(0), NDArrayIndex.point(T - 1), NDArrayIndex.all());
            assertEquals(0.0, pad.norm1Number().doubleValue(), 0.0, "padded step must be zero");
            assertTrue(padded.backward().lastHidden().value().equalsWithEps(manual.lastHidden().value(), 1e-12));
        }
    }

    private enum Merge { ; static final Bidirectional.Merge CONCAT = Bidirectional.Merge.CONCAT; }
}
