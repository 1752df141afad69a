package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.TruncatedBptt;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.lectures.SpectralRadius;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.recurrent.Cell;
import org.seqlab.nn.recurrent.RecurrentLayer;
import org.seqlab.nn.recurrent.SequenceResult;
import org.seqlab.nn.recurrent.Stacked;
import org.seqlab.testing.Float32Rounding;

/**
 * The registry features lecture 1's configs need, each against an oracle: truncated BPTT
 * against full BPTT and against chunks run by the engine by hand, the recall-only labels
 * against the copy task's definition, the initial spectral radius against its measurement,
 * and free-running generation against a step-by-step loop and a hand-built model.
 */
class Lecture1EntriesTest {
    static final int B = 3;
    static final int T = 6;
    static final int IN = 5;
    static final int CLASSES = 4;
    static final TaskShape SHAPE = new TaskShape(IN, CLASSES, Task.FRAME_CLASSIFICATION, List.of());
    /**
     * How far chunked or step-by-step float32 runs may differ from one whole-sequence run: other
     * gemm shapes may be rounded differently by BLAS (it does on some CPUs), so the bound is
     * float32 rounding over T steps of dot products over the inputs and the 6 hidden units
     * ({@link Float32Rounding}; losses and gradients here are below 1). Truncation changes the
     * gradients by more than 1e-4, which the tests check too.
     */
    static final float ROUNDING = (float) Float32Rounding.bound(T, IN + 6, 1);

    static Params modelParams(String name, Object... extra) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("hidden", 6, "layers", 1, "bidirectional", false,
                "dropout", 0.0, "pool", "last"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return new Params(name, m);
    }

    /** Random inputs; labels with padding (-1) in both halves of every row. */
    static Batch batch() {
        Rng rng = new Rng(3);
        INDArray x = rng.normal(org.nd4j.linalg.api.buffer.DataType.FLOAT, 0, 1, B, T, IN);
        int[] labels = new int[B * T];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 1 ? -1 : r.nextInt(CLASSES);
        }
        return new Batch(x, null, new Target.FrameClasses(labels, (int) x.size(1)));
    }

    static Objective crossEntropy() {
        return Registry.global().get(Kind.LOSS, "cross-entropy").factory()
                .create(new Params("cross-entropy", Map.of("smoothing", 0.0)), SHAPE);
    }

    static Map<String, INDArray> gradients(RecurrentModel m) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        m.parameters().forEach((k, p) -> g.put(k, p.grad() == null ? null : p.grad().dup()));
        m.parameters().values().forEach(Parameter::zeroGrad);
        return g;
    }

    @Test
    void truncationAsLongAsTheSequenceGivesTheFullGradient() {
        for (Cell cell : List.of(Cell.LSTM, Cell.GRU, Cell.RNN_TANH)) {
            RecurrentModel m = new RecurrentModel(cell, modelParams("m", "layers", 2), SHAPE, 7);
            Batch b = batch();
            Tensor loss = crossEntropy().loss(m.forward(b), b);
            loss.backward();
            Map<String, INDArray> full = gradients(m);
            for (int k : new int[] {T, T + 5}) {
                double value = TruncatedBptt.backward(m, crossEntropy(), b, k);
                assertEquals(loss.item(), value, ROUNDING, cell + " k=" + k + " loss");
                Map<String, INDArray> chunked = gradients(m);
                full.forEach((name, g) -> assertArrayEquals(g.data().asFloat(), chunked.get(name).data().asFloat(), ROUNDING,
                        cell + " k=" + k + " " + name));
            }
        }
    }

    /** The oracle: chunks run through the engine's layer by hand, the state handed over detached. */
    static double byHand(RecurrentModel m, Batch b, int k) {
        RecurrentLayer layer = (RecurrentLayer) ((Stacked) m.children().get("encoder")).layers().get(0);
        Linear head = (Linear) m.children().get("head");
        long labelled = java.util.Arrays.stream(b.labels()).filter(l -> l >= 0).count();
        Tensor h = null;
        Tensor c = null;
        double total = 0;
        for (int from = 0; from < T; from += k) {
            int to = Math.min(T, from + k);
            INDArray x = b.inputs().get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
            float[][] y = new float[B][to - from];
            float[][] mask = new float[B][to - from];
            long n = 0;
            for (int i = 0; i < B; i++) {
                for (int t = from; t < to; t++) {
                    int l = b.labels()[i * T + t];
                    y[i][t - from] = Math.max(l, 0);
                    mask[i][t - from] = l >= 0 ? 1 : 0;
                    n += l >= 0 ? 1 : 0;
                }
            }
            SequenceResult r = layer.forward(Tensor.constant(x), null, h, c, false);
            if (n > 0) {
                Tensor l = CrossEntropy.loss(head.forward(r.sequence()), Nd4j.create(y), Nd4j.create(mask), 0.0);
                total += l.item() * n / labelled;
                Elementwise.scale(l, (double) n / labelled).backward();
            }
            h = r.lastHidden().detach();
            c = r.lastCell() == null ? null : r.lastCell().detach();
        }
        return total;
    }

    @Test
    void truncatedGradientEqualsChunksByHandAndDiffersFromFullBptt() {
        for (Cell cell : List.of(Cell.LSTM, Cell.GRU)) {
            RecurrentModel m = new RecurrentModel(cell, modelParams("m"), SHAPE, 11);
            Batch b = batch();
            crossEntropy().loss(m.forward(b), b).backward();
            Map<String, INDArray> full = gradients(m);
            for (int k : new int[] {1, 2, 4}) {
                double expected = byHand(m, b, k);
                Map<String, INDArray> hand = gradients(m);
                double value = TruncatedBptt.backward(m, crossEntropy(), b, k);
                Map<String, INDArray> chunked = gradients(m);
                assertEquals(expected, value, ROUNDING, cell + " k=" + k);
                double differs = 0;
                for (String name : hand.keySet()) {
                    assertArrayEquals(hand.get(name).data().asFloat(), chunked.get(name).data().asFloat(), ROUNDING,
                            cell + " k=" + k + " " + name);
                    differs = Math.max(differs, full.get(name).sub(chunked.get(name)).amaxNumber().doubleValue());
                }
                assertTrue(differs > 1e-4, cell + " k=" + k + ": truncation must change the recurrent gradient, max diff " + differs);
            }
        }
    }

    static TaskData copy(boolean recallOnly, int length, int lag) {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("symbols", 4, "length", length, "lag", lag, "recall-only", recallOnly,
                "train", 8, "validation", 4, "test", 4, "data-seed", 2L));
        return Registry.global().get(Kind.DATASET, "copy").factory().open(new Params("copy", p),
                new DataContext(1, 1.0, null, null));
    }

    @Test
    void recallOnlyLabelsExactlyTheRecallStepsWithTheSymbolsShown() {
        int length = 3;
        int lag = 5;
        Batch b = copy(true, length, lag).split("train").batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        int steps = b.steps();
        assertEquals(length + lag + length, steps);
        for (int i = 0; i < b.size(); i++) {
            int labelled = 0;
            for (int t = 0; t < steps; t++) {
                int l = b.labels()[i * steps + t];
                if (t < length + lag) {
                    assertEquals(-1, l, "row " + i + " step " + t + " is not a recall step");
                } else {
                    labelled++;
                    INDArray shown = b.inputs().get(NDArrayIndex.point(i), NDArrayIndex.point(t - length - lag), NDArrayIndex.all());
                    assertEquals(shown.argMax().getInt(0), l, "row " + i + " recalls the symbol shown at step " + (t - length - lag));
                }
            }
            assertEquals(length, labelled);
        }
        Batch all = copy(false, length, lag).split("train").batch(new int[] {0, 1});
        assertTrue(java.util.Arrays.stream(all.labels()).allMatch(l -> l >= 0), "without recall-only every step is labelled");
    }

    @Test
    void simpleRnnStartsAtTheAskedSpectralRadius() {
        for (double rho : new double[] {0.5, 1.5}) {
            var m = Registry.global().get(Kind.MODEL, "rnn").factory()
                    .create(modelParams("rnn", "layers", 2, "spectral-radius", rho), SHAPE, 3);
            List<RecurrentLayer> layers = ((Stacked) m.children().get("encoder")).layers().stream().map(l -> (RecurrentLayer) l).toList();
            for (RecurrentLayer l : layers) {
                assertEquals(rho, SpectralRadius.of(l.recurrentWeights().value()), 1e-3);
            }
        }
        var plain = Registry.global().get(Kind.MODEL, "rnn").factory().create(modelParams("rnn", "spectral-radius", 0.0), SHAPE, 3);
        RecurrentLayer l = (RecurrentLayer) ((Stacked) plain.children().get("encoder")).layers().get(0);
        assertEquals(1.0, SpectralRadius.of(l.recurrentWeights().value()), 1e-3, "0 keeps the orthogonal initialisation");
    }

    static TaskData fibonacci(int n) {
        return FibonacciTask.open(10, 12, 2, n, n, n, 4, 1.0);
    }

    @Test
    void fibonacciLabelsFollowTheRecurrenceAndSkipThePrompt() {
        Batch b = fibonacci(5).split("test").batch(new int[] {0, 1, 2, 3, 4});
        for (int i = 0; i < 5; i++) {
            int[] s = new int[12];
            for (int t = 0; t < 12; t++) {
                INDArray x = b.inputs().get(NDArrayIndex.point(i), NDArrayIndex.point(t), NDArrayIndex.all());
                assertEquals(t == 0 ? 10 : -1, t == 0 ? x.argMax().getInt(0) : -1, "start symbol");
                if (t > 0) {
                    s[t - 1] = x.argMax().getInt(0);
                }
                int label = b.labels()[i * 12 + t];
                assertEquals(t < 2 ? -1 : (s[t - 1] + s[t - 2]) % 10, label, "row " + i + " step " + t);
            }
        }
    }

    static GeneratorModel generator(String cell, boolean teacherForcing) {
        return new GeneratorModel(cell, 8, teacherForcing, 2, fibonacci(1).shape(), 5);
    }

    @Test
    void freeRunningMatchesAStepByStepLoopFeedingBackTheArgmax() {
        for (String cell : List.of("gru", "lstm")) {
            GeneratorModel m = generator(cell, true);
            Batch b = fibonacci(4).split("test").batch(new int[] {0, 1, 2, 3});
            m.eval();
            INDArray out;
            try (GradMode off = GradMode.off()) {
                out = m.forward(b).value();
                RecurrentLayer rnn = (RecurrentLayer) m.children().get("rnn");
                Linear head = (Linear) m.children().get("head");
                for (int i = 0; i < 4; i++) {
                    Tensor h = null;
                    Tensor c = null;
                    int previous = -1;
                    for (int t = 0; t < 12; t++) {
                        INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 11);
                        int symbol = t == 0 ? 10 : t <= 2 ? b.inputs().get(NDArrayIndex.point(i), NDArrayIndex.point(t), NDArrayIndex.all()).argMax().getInt(0) : previous;
                        x.putScalar(new long[] {0, 0, symbol}, 1f);
                        SequenceResult r = rnn.forward(Tensor.constant(x), null, h, c, false);
                        h = r.lastHidden();
                        c = r.lastCell();
                        INDArray z = head.forward(h).value();
                        // one row at a time against four at once: other gemm shapes, so float32 rounding over
                        // 12 steps of dot products over 11 inputs and 8 hidden units (see ROUNDING)
                        float tol = (float) Float32Rounding.bound(12, 11 + 8, z.amaxNumber().doubleValue());
                        assertArrayEquals(z.data().asFloat(),
                                out.get(NDArrayIndex.point(i), NDArrayIndex.point(t), NDArrayIndex.all()).dup().data().asFloat(), tol,
                                cell + " row " + i + " step " + t);
                        previous = z.argMax(1).getInt(0);
                    }
                }
            }
            m.train();
            try (GradMode off = GradMode.off()) {
                INDArray forced = m.forward(b).value();
                INDArray whole = ((Linear) m.children().get("head")).forward(
                        ((RecurrentLayer) m.children().get("rnn")).forward(Tensor.constant(b.inputs()), null).sequence()).value();
                // the same layer on the same batch, but through the generator's own path: rounding at most
                assertArrayEquals(whole.data().asFloat(), forced.data().asFloat(),
                        (float) Float32Rounding.bound(12, 11 + 8, whole.amaxNumber().doubleValue()), "teacher forcing reads the true inputs");
            }
        }
    }

    @Test
    void handBuiltGeneratorThatAlwaysSaysZeroScoresAsCounted() {
        GeneratorModel m = generator("gru", false);
        Linear head = (Linear) m.children().get("head");
        head.parameters().forEach((name, p) -> {
            p.value().assign(0);
            if (p.value().rank() == 1) {
                p.value().putScalar(0, 5.0);   // bias: symbol 0 always wins
            }
        });
        int[][] seqs = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, FibonacciTask.sequences(10, 12, 1, 9)[0]};
        Batch b = new FibonacciTask.FibSplit(seqs, 10, 2).batch(new int[] {0, 1});
        m.eval();
        org.seqlab.experiment.train.Prediction.Classes predictions;
        INDArray out;
        try (GradMode off = GradMode.off()) {
            out = m.forward(b).value();
            predictions = new ArgmaxDecoder().decode(out, b);
        }
        var symbols = Metrics.accuracy(false);
        var whole = GeneratorEntries.sequenceAccuracy();
        symbols.add(out, predictions, b.target());
        whole.add(out, predictions, (Target.FrameClasses) b.target());
        long zerosInSecond = java.util.Arrays.stream(seqs[1], 2, 12).filter(s -> s == 0).count();
        assertEquals((10 + zerosInSecond) / 20.0, symbols.value(), 1e-12);
        assertEquals(zerosInSecond == 10 ? 1.0 : 0.5, whole.value(), 1e-12);
    }
}
