package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.GradCheck;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Sequences;
import org.seqlab.experiment.Eval;
import org.seqlab.experiment.Experiment;
import org.seqlab.experiment.Losses;
import org.seqlab.experiment.Models;
import org.seqlab.experiment.Train;
import org.seqlab.experiment.registry.Compatibility;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.ModelBound;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;

/**
 * LAS and the hybrid model: the gradient of the whole model through listener, pyramid,
 * attention, speller and both losses against finite differences; the packed score layout; and
 * a smoke training in which LAS learns the toy transcription task.
 */
class LasModelTest {
    static Batch batch(int inputDim, int classes) {
        Rng rng = new Rng(5);
        int[] lengths = {7, 5};
        var x = rng.uniform(DataType.DOUBLE, -1, 1, 2, 7, inputDim);
        var mask = Sequences.mask(lengths, 7, DataType.DOUBLE);
        x.muli(mask.reshape(2, 7, 1).broadcast(2, 7, inputDim));
        return new Batch(x, mask, new Target.Tokens(new int[][] {{1, 2, 1}, {2}}, null));
    }

    static LasModel model(boolean ctc, String attention) {
        return new LasModel(3, 3, 2, 3, 1, 4, 2, attention, 3, 0.0, ctc, 17, DataType.DOUBLE);
    }

    @Test
    void hybridLossGradientsMatchFiniteDifferences() {
        for (String attention : new String[] {"additive", "location"}) {
            LasModel las = model(true, attention);
            Batch b = batch(3, 3);
            Objective loss = new Seq2SeqLoss(0.1, 0.3).bind(las);
            GradCheck.Result r = GradCheck.check(() -> loss.loss(las.forward(b), b),
                    new ArrayList<>(las.parameters().values()), 1e-6, 12);
            assertTrue(r.passes(1e-5), attention + ": " + r);
        }
    }

    @Test
    void scoresPackTheCtcFramesThenTheSpellerSteps() {
        LasModel las = model(true, "additive");
        Batch b = batch(3, 3);
        Tensor out = las.forward(b);
        // 7 frames halved once: 4 CTC frames; the longest transcript has 3 labels: 4 speller steps
        assertArrayEquals(new long[] {2, 4 + 4, 3}, out.shape());
        LasModel.Heads heads = las.split(out, b);
        assertArrayEquals(new long[] {2, 4, 3}, heads.ctc().shape());
        assertArrayEquals(new long[] {2, 4, 3}, heads.attention().shape());
        assertArrayEquals(new int[] {4, 3}, Sequences.lengths(las.encoderMask(b)));
        double[][] a = las.alignment(b, 1);
        assertEquals(2, a.length, "one label and the end of sentence");
        assertEquals(3, a[0].length, "row 1 has ceil(5 / 2) encoder frames");
        for (double[] row : a) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-9);
        }
    }

    @Test
    void aCtcWeightWithoutACtcHeadFailsInOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Seq2SeqLoss(0.1, 0.5).bind(model(false, "additive")));
        assertTrue(e.getMessage().contains("ctc: true"), e.getMessage());
    }

    /** A LAS spec on the toy transcription task, decoded by {@code decoder}. */
    private Experiment spelling(Models.Las model, String decoder) {
        return Experiment.named("las-decoders")
                .data(org.seqlab.experiment.spec.DataSpec.of(Choice.of("toy-spelling").with("train", 16).with("validation", 8).with("test", 8)))
                .model(model.listenerLayers(1).listenerHidden(8).pyramid(1).spellerHidden(8).embedding(4).attentionSize(4))
                .loss(Losses.seq2seqCrossEntropy().smoothing(0.1))
                .decoder(Choice.of(decoder))
                .train(Train.adam(0.01).epochs(1).batch(8).seed(1))
                .evaluate(Eval.metrics("token-error-rate"))
                .root(root);
    }

    @Test
    void aCtcDecoderOnAnAttentionSpellerWithoutACtcHeadIsRefusedBeforeTheRun() {
        Registry registry = Registry.global();
        ConfigException e = assertThrows(ConfigException.class,
                () -> Compatibility.check(spelling(Models.las(), "ctc-greedy").spec(), registry, Task.TRANSCRIPTION));
        assertEquals("decoder: ctc-greedy needs a model with a CTC output; las has none; use las-beam, or model.ctc: true"
                + " (the hybrid) to decode its CTC head", e.getMessage());
        ConfigException beam = assertThrows(ConfigException.class,
                () -> Compatibility.check(spelling(Models.las(), "ctc-prefix-beam").spec(), registry, Task.TRANSCRIPTION));
        assertTrue(beam.getMessage().startsWith("decoder: ctc-prefix-beam needs a model with a CTC output; las has none"),
                beam.getMessage());
        ConfigException seq = assertThrows(ConfigException.class, () -> Compatibility.check(Experiment.named("s2s")
                .data(org.seqlab.experiment.spec.DataSpec.of(Choice.of("spelled-numbers"))).model(Models.seq2seq())
                .loss("seq2seq-cross-entropy").decoder(Choice.of("ctc-greedy")).evaluate(Eval.metrics("exact-match")).spec(),
                registry, Task.TRANSCRIPTION));
        assertEquals("decoder: ctc-greedy needs a model with a CTC output; seq2seq has none; use eos-greedy", seq.getMessage());
        // the hybrid has CTC frames to decode; and the refusal comes before any run folder
        Compatibility.check(spelling(Models.las().ctc(true), "ctc-greedy").spec(), registry, Task.TRANSCRIPTION);
        assertThrows(ConfigException.class, () -> spelling(Models.las(), "ctc-greedy").run());
        assertFalse(java.nio.file.Files.exists(root.resolve("las-decoders")), "no run folder for a spec that cannot run");
    }

    @Test
    void ctcDecodersOfTheHybridReadItsCtcHeadWithTheEncodersLengths() {
        LasModel las = model(true, "additive");
        Batch b = batch(3, 3);
        org.nd4j.linalg.api.ndarray.INDArray out = las.forward(b).value();
        var decoded = ModelBound.bind(Transcription.greedy(), las).decode(out, b);
        LasModel.Encoded enc = las.listen(b.inputs(), b.mask());
        for (int row = 0; row < 2; row++) {
            double[][] logProbs = las.ctcLogProbs(enc)[row];
            assertEquals(row == 0 ? 4 : 3, logProbs.length, "encoder frames of row " + row);
            assertArrayEquals(org.seqlab.decode.ctc.CtcGreedy.labels(logProbs, 0), decoded.tokens()[row]);
            double best = 0;
            for (double[] frame : logProbs) {
                best += java.util.Arrays.stream(frame).max().orElseThrow();
            }
            // the best path's log-probability over the CTC head's frames only (tolerance: float64 sums of 4 terms)
            assertEquals(best, decoded.scores()[row], 1e-12);
        }
    }

    @Test
    void batchedGreedySpellingEqualsABeamOfOneRowByRow() {
        // padded rows in one batch must spell what each utterance spells alone
        for (String attention : new String[] {"additive", "location"}) {
            LasModel las = new LasModel(3, 5, 2, 3, 1, 4, 2, attention, 3, 0.0, false, 23, DataType.DOUBLE);
            Rng rng = new Rng(9);
            int[] lengths = {9, 4, 7};
            var x = rng.uniform(DataType.DOUBLE, -2, 2, 3, 9, 3);
            var mask = Sequences.mask(lengths, 9, DataType.DOUBLE);
            x.muli(mask.reshape(3, 9, 1).broadcast(3, 9, 3));
            try (var off = org.seqlab.autograd.GradMode.off()) {
                LasModel.Encoded enc = las.listen(x, mask);
                int[][] batched = las.greedy(enc);
                var one = new org.seqlab.decode.las.LasBeamSearch(
                        new org.seqlab.decode.las.LasBeamSearch.Options(1, false, 0.0, 0.0, 0.0, 300), null, k -> "c" + k);
                int spelled = 0;
                for (int row = 0; row < 3; row++) {
                    int[] alone = one.withMaxLength(enc.lengths()[row]).decode(las.speller(enc, row), null).get(0).labels();
                    assertArrayEquals(alone, batched[row], attention + " row " + row);
                    assertTrue(batched[row].length <= enc.lengths()[row], "at most one label per encoder frame");
                    spelled += batched[row].length;
                }
                assertTrue(spelled > 0, "an untrained speller spells something to compare");
            }
        }
    }

    @TempDir
    Path root;

    @Test
    void lasLearnsTheToySpellingTask() {
        RunResult r = Experiment.named("las-spelling")
                .data(org.seqlab.experiment.spec.DataSpec.of(Choice.of("toy-spelling").with("train", 240).with("validation", 40).with("test", 40)))
                .model(Models.las().listenerLayers(1).listenerHidden(24).pyramid(1).spellerHidden(32).embedding(8)
                        .attentionSize(16).attention("location"))
                .loss(Losses.seq2seqCrossEntropy().smoothing(0.0))
                .decoder(Choice.of("las-beam").with("beam", 3).with("max-length", 12))
                .train(Train.adam(0.01).epochs(8).batch(16).clip(1.0).seed(1))
                .evaluate(Eval.metrics("token-error-rate").monitor("token-error-rate"))
                .root(root)
                .run().first();
        double ter = r.metrics().get("token-error-rate");
        // chance is near 1; when written, 8 epochs gave 0.17 on validation (0.20 on test after 10); the bar leaves room for rounding
        assertTrue(ter < 0.45, "test token error rate " + ter);
    }

    @Test
    void evaluatingInLargerBatchesSpellsTheSame() {
        // the validation's batched greedy spelling and the test's beam search must not depend on how rows are batched
        List<RunResult> byBatch = new ArrayList<>();
        for (int batch : new int[] {0, 40}) {
            byBatch.add(Experiment.named("las-eval-batch")
                    .data(org.seqlab.experiment.spec.DataSpec.of(Choice.of("toy-spelling").with("train", 64).with("validation", 40).with("test", 40)))
                    .model(Models.las().listenerLayers(1).listenerHidden(12).pyramid(1).spellerHidden(16).embedding(8)
                            .attentionSize(8).attention("location"))
                    .loss(Losses.seq2seqCrossEntropy().smoothing(0.0))
                    .decoder(Choice.of("las-beam").with("beam", 2).with("max-length", 12))
                    .train(Train.adam(0.01).epochs(3).batch(8).seed(3))
                    .evaluate(Eval.metrics("token-error-rate").monitor("token-error-rate").batch(batch))
                    .root(root.resolve("b" + batch))
                    .run().first());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(byBatch.get(0).history().get(i).validationMetrics().get("token-error-rate"),
                    byBatch.get(1).history().get(i).validationMetrics().get("token-error-rate"), 1e-12, "epoch " + (i + 1));
        }
        assertEquals(byBatch.get(0).metrics().get("token-error-rate"), byBatch.get(1).metrics().get("token-error-rate"), 1e-12);
        assertTrue(byBatch.get(0).metrics().get("token-error-rate") < 1.0, "a spelling to compare");
    }
}
