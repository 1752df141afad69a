package org.seqlab.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradCheck;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;
import org.seqlab.nn.recurrent.Cell;

class AttentionTest {
    private static final int B = 3;
    private static final int T = 5;
    private static final int D = 4;

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, shape);
    }

    /** sum(a * w) with w fixed: every output element gets its own gradient. */
    private static Tensor probe(Tensor a, INDArray w) {
        return Tensor.result(Nd4j.scalar(a.dtype(), a.value().mul(w).sumNumber().doubleValue()),
                g -> a.addGradOwned(w.mul(g.getDouble(0))), a);
    }

    private static Tensor add(Tensor a, Tensor b) {
        return Tensor.result(Nd4j.scalar(a.dtype(), a.item() + b.item()), g -> {
            a.addGrad(g);
            b.addGrad(g);
        }, a, b);
    }

    private static List<Attention> scorers() {
        return List.of(new DotProductAttention(D, false), new DotProductAttention(D, true),
                new AdditiveAttention(D, D, 3, 5, DataType.DOUBLE),
                new LocationAwareAttention(D, D, 3, 2, 3, 6, DataType.DOUBLE));
    }

    @Test
    void gradientsOfEveryScorerWithMasks() {
        for (Attention att : scorers()) {
            Tensor enc = Tensor.variable(random(1, B, T, D));
            Tensor q = Tensor.variable(random(2, B, D));
            Tensor prev = Tensor.variable(random(3, B, T).mul(0.2));
            Tensor mask = Tensor.constant(Sequences.mask(new int[] {5, 2, 3}, T, DataType.DOUBLE));
            INDArray wc = random(4, B, D);
            INDArray ww = random(5, B, T);
            List<Tensor> inputs = new ArrayList<>(att.parameters().values());
            inputs.addAll(List.of(enc, q, prev));
            GradCheck.Result r = GradCheck.check(() -> {
                Attention.Result res = att.attend(q, att.prepare(enc, mask), prev);
                return add(probe(res.context(), wc), probe(res.weights(), ww));
            }, inputs, 1e-6, 16);
            assertTrue(r.passes(1e-6), att.describe() + ": " + r);
        }
    }

    @Test
    void floatStepsAgreeWithDoublePrecisionAndAccumulateTheEncoderGradient() {
        // float training runs its own tanh loop and adds each step's encoder gradient in place
        double[][] grads = new double[2][];
        double[] losses = new double[2];
        DataType[] types = {DataType.DOUBLE, DataType.FLOAT};
        for (int k = 0; k < 2; k++) {
            DataType type = types[k];
            Attention att = new LocationAwareAttention(D, D, 3, 2, 3, 6, type);
            Tensor enc = Tensor.variable(random(1, B, T, D).castTo(type));
            Tensor mask = Tensor.constant(Sequences.mask(new int[] {5, 2, 3}, T, type));
            Attention.Keys keys = att.prepare(enc, mask);
            Tensor prev = null;
            Tensor loss = null;
            for (int step = 0; step < 3; step++) {
                Attention.Result r = att.attend(Tensor.constant(random(20 + step, B, D).castTo(type)), keys, prev);
                prev = r.weights();
                Tensor l = add(probe(r.context(), random(30 + step, B, D).castTo(type)), probe(r.weights(), random(40 + step, B, T).castTo(type)));
                loss = loss == null ? l : add(loss, l);
            }
            loss.backward();
            losses[k] = loss.item();
            grads[k] = enc.grad().castTo(DataType.DOUBLE).data().asDouble();
        }
        assertEquals(losses[0], losses[1], 1e-4 * Math.max(1, Math.abs(losses[0])));
        for (int i = 0; i < grads[0].length; i++) {
            assertEquals(grads[0][i], grads[1][i], 1e-4 * Math.max(1, Math.abs(grads[0][i])), "encoder gradient element " + i);
        }
    }

    @Test
    void weightsAreADistributionOverValidStepsOnly() {
        for (Attention att : scorers()) {
            try (var off = GradMode.off()) {
                INDArray mask = Sequences.mask(new int[] {5, 2, 1}, T, DataType.DOUBLE);
                Attention.Result r = att.attend(Tensor.constant(random(7, B, D)),
                        att.prepare(Tensor.constant(random(8, B, T, D)), Tensor.constant(mask)), null);
                INDArray w = r.weights().value();
                for (int b = 0; b < B; b++) {
                    assertEquals(1.0, w.getRow(b).sumNumber().doubleValue(), 1e-12, att.describe());
                }
                assertEquals(0.0, w.mul(mask.rsub(1)).sumNumber().doubleValue(), 0.0, "padding gets no weight");
                // one valid step: all weight on it, and the context is that encoder output
                assertEquals(1.0, w.getDouble(2, 0), 1e-12);
            }
        }
    }

    @Test
    void shapeErrorsNameTheLayerAndShapes() {
        Attention att = new AdditiveAttention(6, 4, 3, 1, DataType.FLOAT);
        var e = assertThrows(IllegalArgumentException.class,
                () -> att.prepare(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 3)), null));
        assertTrue(e.getMessage().contains("AdditiveAttention") && e.getMessage().contains("[2, 5, 3]")
                && e.getMessage().contains("[batch, steps, 4]"), e.getMessage());
        var keys = att.prepare(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5, 4)), null);
        var q = assertThrows(IllegalArgumentException.class, () -> att.attend(Tensor.constant(Nd4j.zeros(DataType.FLOAT, 2, 5)), keys, null));
        assertTrue(q.getMessage().contains("[2, 5]") && q.getMessage().contains("[2, 6]"), q.getMessage());
    }

    @Test
    void gradientFlowsThroughASequenceOfDecoderSteps() {
        for (Cell cell : new Cell[] {Cell.LSTM, Cell.GRU}) {
            AttentionDecoder dec = new AttentionDecoder(cell, 2, 3,
                    new LocationAwareAttention(3, D, 3, 2, 3, 9, DataType.DOUBLE), 10, DataType.DOUBLE);
            Tensor enc = Tensor.variable(random(11, B, T, D));
            Tensor mask = Tensor.constant(Sequences.mask(new int[] {5, 3, 4}, T, DataType.DOUBLE));
            INDArray inputs = random(12, 3, B, 2);
            INDArray w = random(13, 3, B, dec.outputSize());
            List<Tensor> params = new ArrayList<>(dec.parameters().values());
            params.add(enc);
            GradCheck.Result r = GradCheck.check(() -> {
                AttentionDecoder.State s = dec.start(enc, mask, null, null);
                Tensor loss = null;
                for (int t = 0; t < 3; t++) {
                    AttentionDecoder.Step step = dec.step(s, Tensor.constant(inputs.slice(t).dup()));
                    s = step.state();
                    Tensor l = probe(step.output(), w.slice(t).dup());
                    loss = loss == null ? l : add(loss, l);
                }
                return loss;
            }, params, 1e-6, 8);
            assertTrue(r.passes(1e-5), cell + ": " + r);
        }
    }

    @Test
    void currentStateScoringTrainsThroughEveryStepAndQueriesWithTheNewState() {
        AttentionDecoder dec = new AttentionDecoder(Cell.GRU, 2, D, new AdditiveAttention(D, D, 3, 21, DataType.DOUBLE),
                AttentionDecoder.Scoring.CURRENT, 22, DataType.DOUBLE);
        Tensor enc = Tensor.variable(random(23, B, T, D));
        Tensor mask = Tensor.constant(Sequences.mask(new int[] {5, 3, 4}, T, DataType.DOUBLE));
        INDArray inputs = random(24, 3, B, 2);
        INDArray w = random(25, 3, B, dec.outputSize());
        List<Tensor> params = new ArrayList<>(dec.parameters().values());
        params.add(enc);
        GradCheck.Result r = GradCheck.check(() -> {
            AttentionDecoder.State s = dec.start(enc, mask, null, null);
            Tensor loss = null;
            for (int t = 0; t < 3; t++) {
                AttentionDecoder.Step step = dec.step(s, Tensor.constant(inputs.slice(t).dup()));
                s = step.state();
                Tensor l = probe(step.output(), w.slice(t).dup());
                loss = loss == null ? l : add(loss, l);
            }
            return loss;
        }, params, 1e-6, 8);
        assertTrue(r.passes(1e-5), r.toString());
        try (var off = GradMode.off()) {
            AttentionDecoder.State s = dec.start(enc, mask, null, null);
            AttentionDecoder.Step step = dec.step(s, Tensor.constant(inputs.slice(0).dup()));
            // the weights are those of the new state h_1 as query, not of the initial state h_0
            Attention.Result byNew = dec.attention().attend(step.state().hidden(), s.keys(), null);
            Attention.Result byOld = dec.attention().attend(s.hidden(), s.keys(), null);
            assertTrue(step.state().weights().value().equalsWithEps(byNew.weights().value(), 1e-12));
            assertTrue(!step.state().weights().value().equalsWithEps(byOld.weights().value(), 1e-6));
            assertEquals(AttentionDecoder.Scoring.CURRENT, dec.scoring());
            assertEquals(D + D, dec.outputSize());
        }
    }

    @Test
    void beamSelectReordersEveryPartOfTheState() {
        AttentionDecoder dec = new AttentionDecoder(Cell.GRU, 2, D, new DotProductAttention(D, true), 3, DataType.DOUBLE);
        try (var off = GradMode.off()) {
            AttentionDecoder.State s = dec.start(Tensor.constant(random(14, B, T, D)),
                    Tensor.constant(Sequences.mask(new int[] {5, 2, 4}, T, DataType.DOUBLE)), null, null);
            s = dec.step(s, Tensor.constant(random(15, B, 2))).state();
            AttentionDecoder.State picked = s.select(2, 2, 0);
            INDArray x = random(16, 3, 2);
            INDArray viaPicked = dec.step(picked, Tensor.constant(x)).output().value();
            // the same rows stepped from the unreordered state give the same outputs
            INDArray full = dec.step(s, Tensor.constant(Nd4j.concat(0, x.getRow(2, true), x.getRow(1, true), x.getRow(0, true))))
                    .output().value();
            assertTrue(viaPicked.getRow(2).equalsWithEps(full.getRow(0), 1e-12));
            assertTrue(viaPicked.getRow(0).equalsWithEps(full.getRow(2), 1e-12));
            assertEquals(0.0, picked.weights().value().getDouble(0, 4), 0.0, "row 2's mask travels with it");
        }
    }
}
