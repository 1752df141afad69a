package org.seqlab.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;
import org.seqlab.nn.Parameter;
import org.seqlab.testing.Float32Rounding;

class RecurrentLayerTest {

    @Test
    void parameterCountsFollowTheLectureFormulas() {
        for (int[] s : new int[][] {{40, 128}, {1, 1}, {13, 7}}) {
            int in = s[0];
            int n = s[1];
            assertEquals(4L * (in * n + n * n + n), new Lstm(in, n, 1).parameterCount());
            assertEquals(3L * (in * n + n * n + n), new Gru(in, n, 1).parameterCount());
            assertEquals((long) in * n + n * n + n, new SimpleRnn(in, n, 1).parameterCount());
        }
        assertEquals(2L * 4 * (40 * 128 + 128 * 128 + 128),
                Bidirectional.lstm(40, 128, Bidirectional.Merge.SUM, 1, DataType.FLOAT).parameterCount());
    }

    @Test
    void initialisationIsSeededAndHasForgetBiasOneAndOrthogonalRecurrentWeights() {
        Lstm a = new Lstm(5, 4, 7);
        Lstm b = new Lstm(5, 4, 7);
        assertEquals(a.inputWeights().value(), b.inputWeights().value());
        INDArray bias = a.bias().value();
        assertEquals(4.0, bias.sumNumber().doubleValue(), 1e-6, "forget-gate bias 1, others 0");
        assertEquals(1.0, bias.getDouble(4), 0.0);
        INDArray u = a.recurrentWeights().value().castTo(DataType.DOUBLE);
        // [H, 4H] with orthonormal rows (Keras' orthogonal recurrent initialiser).
        assertTrue(u.mmul(u.transpose()).equalsWithEps(Nd4j.eye(4).castTo(DataType.DOUBLE), 1e-5), u.toString());
    }

    @Test
    void shapeMismatchNamesTheLayerAndBothShapes() {
        Lstm lstm = new Lstm(40, 8, 1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 39)), null));
        assertTrue(e.getMessage().contains("Lstm(in=40, hidden=8)") && e.getMessage().contains("[2, 5, 39]")
                && e.getMessage().contains("[batch, time, 40]"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 40)),
                Tensor.constant(Nd4j.ones(DataType.FLOAT, 2, 4))));
        assertTrue(m.getMessage().contains("[2, 4]") && m.getMessage().contains("[2, 5]"), m.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> lstm.forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 3, 40)),
                Tensor.constant(Nd4j.createFromArray(new float[][] {{1, 0, 1}}))));
        assertTrue(p.getMessage().contains("prefix"), p.getMessage());
    }

    @Test
    void errorsNameTheLayersPathInAModel() {
        Stacked stack = Stacked.of(Cell.GRU, 3, 4, 2, null, 1, DataType.FLOAT);
        var e = assertThrows(IllegalArgumentException.class, () -> ((RecurrentLayer) stack.layers().get(1))
                .forward(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 1, 2, 3)), null));
        assertTrue(e.getMessage().contains("Gru(in=4, hidden=4) 'layer1'"), e.getMessage());
    }

    @Test
    void paddedStepsOutputZeroAndFinalStateIsTheLastValidOne() {
        Gru gru = new Gru(3, 4, 5, DataType.DOUBLE);
        INDArray x = Probe.random(1, 1, 6, 3);
        SequenceResult full = gru.forward(Tensor.constant(x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup()), null);
        SequenceResult padded = gru.forward(Tensor.constant(x), Tensor.constant(Sequences.mask(new int[] {4}, 6, DataType.DOUBLE)));
        assertTrue(full.lastHidden().value().equalsWithEps(padded.lastHidden().value(), 1e-12));
        assertEquals(0.0, padded.sequence().value().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 6), org.nd4j.linalg.indexing.NDArrayIndex.all()).norm1Number().doubleValue(), 0.0);
    }

    /** The float32 kernels against the float64 ones (which the gradient checks validate). */
    @Test
    void floatPathAgreesWithDoublePath() {
        for (Cell cell : new Cell[] {Cell.LSTM, Cell.GRU, Cell.RNN_TANH, Cell.RNN_RELU}) {
            RecurrentLayer d = layer(cell, DataType.DOUBLE);
            RecurrentLayer f = layer(cell, DataType.FLOAT);
            INDArray xd = Probe.random(9, 4, 7, 5);
            INDArray mask = Sequences.mask(new int[] {7, 3, 0, 5}, 7, DataType.DOUBLE);
            INDArray w = Probe.random(10, 4, 7, 6);
            double[] lossAndGrads = run(d, xd, mask, w);
            double[] single = run(f, xd.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT), w.castTo(DataType.FLOAT));
            for (int i = 0; i < lossAndGrads.length; i++) {
                assertEquals(lossAndGrads[i], single[i], 2e-4 * Math.max(1, Math.abs(lossAndGrads[i])), cell + " value " + i);
            }
        }
    }

    private static RecurrentLayer layer(Cell cell, DataType dt) {
        return switch (cell) {
            case LSTM -> new Lstm(5, 6, 3, dt);
            case GRU -> new Gru(5, 6, 3, dt);
            case RNN_TANH -> new SimpleRnn(SimpleRnn.Form.ELMAN, SimpleRnn.Activation.TANH, 5, 6, 3, dt);
            case RNN_RELU -> new SimpleRnn(SimpleRnn.Form.KERAS, SimpleRnn.Activation.RELU, 5, 6, 3, dt);
        };
    }

    private static double[] run(RecurrentLayer layer, INDArray x, INDArray mask, INDArray w) {
        Tensor xt = Tensor.variable(x);
        SequenceResult out = layer.forward(xt, Tensor.constant(mask));
        Tensor loss = Probe.weightedSum(out.sequence(), w);
        loss.backward();
        List<Double> all = new ArrayList<>();
        all.add(loss.item());
        for (Parameter p : layer.parameters().values()) {
            for (double v : p.grad().castTo(DataType.DOUBLE).data().asDouble()) {
                all.add(v);
            }
        }
        for (double v : xt.grad().castTo(DataType.DOUBLE).dup('c').data().asDouble()) {
            all.add(v);
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Two threads over the two halves of the batch give what one thread gives, to float32
     * rounding: the halves' per-step gemms have 8 rows instead of 16 and run with one BLAS
     * thread, and BLAS may round other shapes and thread counts differently (it did, by 4.8e-6
     * relative, on an AMD EPYC with OPENBLAS_CORETYPE=Haswell). The bound is that of
     * {@link Float32Rounding}: 64 steps of dot products over the 5 inputs plus 48 hidden units.
     * A row handed to the wrong half, or a step missed, moves values by far more.
     */
    @Test
    void batchSplitAcrossThreadsChangesOnlyRounding() {
        for (Cell cell : new Cell[] {Cell.LSTM, Cell.GRU}) {
            RecurrentLayer layer = cell == Cell.LSTM ? new Lstm(5, 48, 3) : new Gru(5, 48, 3);
            INDArray x = Probe.random(20, 16, 64, 5).castTo(DataType.FLOAT);
            INDArray mask = Sequences.mask(new int[] {64, 3, 0, 50, 64, 64, 1, 2, 64, 33, 64, 64, 10, 64, 64, 63}, 64, DataType.FLOAT);
            INDArray w = Probe.random(21, 16, 64, 48).castTo(DataType.FLOAT);
            double[] split = run(layer, x, mask, w);
            layer.parameters().values().forEach(Tensor::zeroGrad);
            System.setProperty("seqlab.recurrent.concurrent", "false");
            try {
                double[] single = run(layer, x, mask, w);
                for (int i = 0; i < split.length; i++) {
                    assertEquals(single[i], split[i], Float32Rounding.bound(64, 5 + 48, single[i]), cell + " value " + i);
                }
            } finally {
                System.clearProperty("seqlab.recurrent.concurrent");
            }
        }
    }

    /**
     * The two directions on two threads give what they give one after the other, to float32
     * rounding: concurrent directions run their gemms with one BLAS thread each, the others
     * with all of them, and BLAS does not promise the same rounding for other thread counts.
     * Bound as in {@link #batchSplitAcrossThreadsChangesOnlyRounding()}.
     */
    @Test
    void concurrentDirectionsChangeOnlyRounding() {
        Bidirectional bi = Bidirectional.lstm(5, 48, Bidirectional.Merge.CONCAT, 4, DataType.FLOAT);
        INDArray x = Probe.random(22, 16, 64, 5).castTo(DataType.FLOAT);
        INDArray mask = Sequences.mask(new int[] {64, 3, 0, 50, 64, 64, 1, 2, 64, 33, 64, 64, 10, 64, 64, 63}, 64, DataType.FLOAT);
        INDArray w = Probe.random(23, 16, 64, 96).castTo(DataType.FLOAT);
        double[] together = runBidirectional(bi, x, mask, w);
        System.setProperty("seqlab.recurrent.concurrent", "false");
        try {
            double[] apart = runBidirectional(bi, x, mask, w);
            for (int i = 0; i < together.length; i++) {
                assertEquals(apart[i], together[i], Float32Rounding.bound(64, 5 + 48, apart[i]), "value " + i);
            }
        } finally {
            System.clearProperty("seqlab.recurrent.concurrent");
        }
    }

    private static double[] runBidirectional(Bidirectional bi, INDArray x, INDArray mask, INDArray w) {
        bi.parameters().values().forEach(Tensor::zeroGrad);
        Tensor loss = Probe.weightedSum(bi.forward(Tensor.constant(x), Tensor.constant(mask)).sequence(), w);
        loss.backward();
        List<Double> all = new ArrayList<>();
        all.add(loss.item());
        for (Parameter p : bi.parameters().values()) {
            for (double v : p.grad().castTo(DataType.DOUBLE).data().asDouble()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void stateGradientsAreRecordedForBptt() {
        SimpleRnn rnn = new SimpleRnn(2, 3, 4);
        rnn.recordStateGradients(true);
        Tensor x = Tensor.constant(Nd4j.rand(DataType.FLOAT, 1, 5, 2));
        SequenceResult out = rnn.forward(x, null);
        INDArray w = Nd4j.ones(DataType.FLOAT, 1, 3);
        Tensor loss = Probe.weightedSum(out.lastHidden(), w);
        loss.backward();
        INDArray g = out.stateGradients();
        // dE/dh_T is the probe weight itself; earlier steps get it through the recurrence.
        INDArray last = g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertTrue(last.equalsWithEps(Nd4j.ones(DataType.FLOAT, 3), 1e-6), last.toString());
        INDArray u = rnn.recurrentWeights().value();
        // h_5 = tanh(W x_5 + U h_4 + b): dE/dh_4 = U^T (dE/dh_5 * (1 - h_5^2))
        INDArray h5 = out.sequence().value().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray expected = u.transpose().mmul(last.mul(h5.mul(h5).rsub(1)).reshape(3, 1)).reshape(3);
        INDArray prev = g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertTrue(prev.equalsWithEps(expected, 1e-5), prev + " vs " + expected);
    }
}
