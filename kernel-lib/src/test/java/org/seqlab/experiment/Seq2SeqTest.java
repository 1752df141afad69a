package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.generate.SpelledNumbers;
import org.seqlab.experiment.builtin.Seq2SeqModel;
import org.seqlab.experiment.builtin.Seq2SeqScoring;
import org.seqlab.experiment.builtin.SpelledNumbersTask;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Objective;

/** Lecture 03's seq2seq entries: the corpus and its alignment, the loss's masking, decoding, and a short training that learns. */
class Seq2SeqTest {
    @TempDir
    Path root;

    @Test
    void spelledNumbersByHand() {
        SpelledNumbers.Example e = SpelledNumbers.of(42, 7, 13, 90);
        assertEquals(List.of("forty", "two", ",", "seven", ",", "thirteen", ",", "ninety"), e.words());
        assertArrayEquals(new int[] {4, 2, 0, 7, 1, 3, 9, 0}, e.digits());
        // each digit's source word: forty, two, seven, seven, thirteen, thirteen, ninety, ninety
        assertArrayEquals(new int[] {0, 1, 3, 3, 5, 5, 7, 7}, e.source());
        assertEquals(29, SpelledNumbers.WORDS.size());
        List<SpelledNumbers.Example> a = SpelledNumbers.generate(50, 2, 5, 3);
        assertEquals(a.get(17).words(), SpelledNumbers.generate(50, 2, 5, 3).get(17).words(), "same seed, same data");
        assertTrue(a.stream().allMatch(x -> x.numbers().length >= 2 && x.numbers().length <= 5));
        assertTrue(a.stream().anyMatch(x -> x.numbers().length == 2) && a.stream().anyMatch(x -> x.numbers().length == 5));
    }

    @Test
    void lossCountsEachReferenceTokenAndTheEndOnly() {
        // two rows, 3 output steps, 3 classes; row 0 has reference [2] (steps 0: token 2, 1: end), row 1 [1, 1] (all 3 steps)
        double[][][] z = {{{0.1, 0.5, -0.3}, {1.0, 0.0, 0.2}, {5, -5, 5}}, {{0.3, 0.2, 0.1}, {-1, 2, 0}, {0.4, 0.4, 0.0}}};
        int[][] targets = {{2, 0, -1}, {1, 1, 0}};
        double sum = 0;
        int n = 0;
        for (int b = 0; b < 2; b++) {
            for (int u = 0; u < 3; u++) {
                if (targets[b][u] < 0) {
                    continue;
                }
                double lse = Math.log(Math.exp(z[b][u][0]) + Math.exp(z[b][u][1]) + Math.exp(z[b][u][2]));
                sum += lse - z[b][u][targets[b][u]];
                n++;
            }
        }
        // the loss is bound to its model (the end class is the model's): a 3-class seq2seq model, whose weights play no part here
        org.seqlab.experiment.train.TaskShape shape = new org.seqlab.experiment.train.TaskShape(1, 3,
                org.seqlab.experiment.train.Task.TRANSCRIPTION, List.of());
        org.seqlab.experiment.train.TaskModel model = Registry.global().get(org.seqlab.experiment.registry.Kind.MODEL, "seq2seq")
                .factory().create(new org.seqlab.experiment.spec.Params("model", java.util.Map.of("cell", "gru", "hidden", 2,
                        "embedding", 2, "attention", "none", "scoring", "previous", "attention-size", 2, "max-output", 3)), shape, 1);
        Objective loss = org.seqlab.experiment.train.ModelBound.bind(Registry.global()
                .get(org.seqlab.experiment.registry.Kind.LOSS, "seq2seq-cross-entropy").factory()
                .create(new org.seqlab.experiment.spec.Params("loss", java.util.Map.of("smoothing", 0.0, "ctc-weight", 0.0)), shape), model);
        Batch batch = new Batch(Nd4j.zeros(DataType.FLOAT, 2, 1, 1), null,
                new org.seqlab.experiment.train.Target.Tokens(new int[][] {{2}, {1, 1}}, null));
        double got = loss.loss(Tensor.constant(Nd4j.createFromArray(z)), batch).item();
        assertEquals(sum / n, got, 1e-12);
    }

    @Test
    void decodingStopsAtTheFirstEnd() {
        float[][][] logits = {{{0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 1, 0}},
            {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 0, 1}}};
        int[][] tokens = Seq2SeqScoring.untilEnd(Nd4j.create(logits));
        assertArrayEquals(new int[] {1, 2}, tokens[0]);
        assertArrayEquals(new int[0], tokens[1]);
        assertArrayEquals(new int[] {2, 2, 2, 2}, tokens[2], "no end: every step");
        assertArrayEquals(new long[] {2, 3}, Seq2SeqScoring.positionalMatches(new int[] {1, 2, 3}, new int[] {1, 2}));
    }

    private Experiment tiny(String attention) {
        return Experiment.named("s2s-" + attention)
                .data(Data.corpus("spelled-numbers").with("min-numbers", 1).with("max-numbers", 2).with("train", 600)
                        .with("validation", 40).with("test", 60))
                .model(Models.seq2seq().hidden(32).attention(attention))
                .loss(Losses.seq2seqCrossEntropy())
                .decoder(org.seqlab.experiment.spec.Choice.of("eos-greedy"))
                .train(Train.adam(0.01).epochs(6).batch(32).clip(1.0).seed(1))
                .evaluate(Eval.metrics("exact-match", "token-accuracy", "bleu").monitor("token-accuracy"))
                .root(root).liveCurves(false);
    }

    @Test
    void shortTrainingLearnsAndDecodesWithAlignedWeights() {
        RunResult r = tiny("additive").run().first();
        // chance token accuracy is 0.1; when written: test exact match 0.92, token accuracy 0.96 after 6 epochs
        assertTrue(r.metrics().get("token-accuracy") > 0.6, r.metrics().toString());
        assertTrue(r.metrics().get("exact-match") > 0.3, r.metrics().toString());
        Seq2SeqModel model = (Seq2SeqModel) RunModels.trained(r.path());
        List<SpelledNumbers.Example> test = SpelledNumbersTask.examples("test", 8, 1, 2, 7);
        Batch batch = SpelledNumbersTask.batch(test);
        Seq2SeqModel.Decoded d = model.decode(batch, 6);
        assertEquals(8, d.tokens().length);
        assertEquals(6, d.weights().size());
        for (int i = 0; i < 8; i++) {
            double total = 0;
            for (int t = 0; t < batch.steps(); t++) {
                double w = d.weights().get(0)[i][t];
                total += w;
                if (t >= test.get(i).words().size()) {
                    assertEquals(0.0, w, 0.0, "padding gets no weight");
                }
            }
            assertEquals(1.0, total, 1e-5);
        }
        Seq2SeqModel none = (Seq2SeqModel) RunModels.initial(r.path());
        assertEquals("additive", none.attention());
    }

    @Test
    void withoutAttentionThereAreNoWeights() {
        RunResult r = tiny("none").set("train.epochs", 1).run().first();
        Seq2SeqModel model = (Seq2SeqModel) RunModels.trained(r.path());
        Seq2SeqModel.Decoded d = model.decode(SpelledNumbersTask.batch(SpelledNumbersTask.examples("test", 4, 1, 2, 7)), 5);
        assertNull(d.weights());
        assertEquals(4, d.tokens().length);
    }
}
