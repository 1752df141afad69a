package org.seqlab.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.GradCheck;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;

/** Finite differences (float64) against the hand-written BPTT of every cell, with masks. */
class RecurrentGradientTest {
    private static final int B = 3;
    private static final int T = 5;
    private static final int IN = 4;
    private static final int H = 3;

    private static void check(RecurrentLayer layer, boolean reverse, boolean withInitialState) {
        Tensor x = Tensor.variable(Probe.random(1, B, T, IN));
        Tensor mask = Tensor.constant(Sequences.mask(new int[] {5, 2, 0}, T, DataType.DOUBLE));
        Tensor h0 = withInitialState ? Tensor.variable(Probe.random(2, B, H)) : null;
        Tensor c0 = withInitialState && layer.cell().hasCellState() ? Tensor.variable(Probe.random(3, B, H)) : null;
        var wy = Probe.random(4, B, T, H);
        var wh = Probe.random(5, B, H);
        var wc = Probe.random(6, B, H);
        List<Tensor> inputs = new ArrayList<>(layer.parameters().values());
        inputs.add(x);
        if (h0 != null) {
            inputs.add(h0);
        }
        if (c0 != null) {
            inputs.add(c0);
        }
        GradCheck.Result r = GradCheck.check(() -> {
            SequenceResult out = layer.forward(x, mask, h0, c0, reverse);
            Tensor loss = Probe.add(Probe.weightedSum(out.sequence(), wy), Probe.weightedSum(out.lastHidden(), wh));
            return out.lastCell() == null ? loss : Probe.add(loss, Probe.weightedSum(out.lastCell(), wc));
        }, inputs, 1e-6, 80);
        assertTrue(r.passes(1e-5), layer.describe() + " reverse=" + reverse + ": " + r);
    }

    @Test
    void lstm() {
        check(new Lstm(IN, H, 11, DataType.DOUBLE), false, true);
        check(new Lstm(IN, H, 12, DataType.DOUBLE), true, false);
    }

    @Test
    void gru() {
        check(new Gru(IN, H, 13, DataType.DOUBLE), false, true);
        check(new Gru(IN, H, 14, DataType.DOUBLE), true, true);
    }

    @Test
    void simpleRnnBothForms() {
        check(new SimpleRnn(SimpleRnn.Form.ELMAN, SimpleRnn.Activation.TANH, IN, H, 15, DataType.DOUBLE), false, true);
        check(new SimpleRnn(SimpleRnn.Form.KERAS, SimpleRnn.Activation.TANH, IN, H, 16, DataType.DOUBLE), true, true);
        check(new SimpleRnn(SimpleRnn.Form.KERAS, SimpleRnn.Activation.RELU, IN, H, 17, DataType.DOUBLE), false, true);
    }
}
