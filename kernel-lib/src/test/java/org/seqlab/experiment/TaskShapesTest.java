package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.EpochRecord;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ConfigException;

/**
 * Every task shape end to end at toy scale: a tiny recurrent model trains a few epochs on data
 * made in memory, and its task's decoder and metrics move the way learning should move them.
 * Bars are far from chance but loose enough for any BLAS rounding: each was met with a wide
 * margin when written (the numbers are in the messages).
 */
class TaskShapesTest {
    @TempDir
    Path root;

    private static double first(RunResult r, String metric) {
        return r.history().get(0).validationMetrics().get(metric);
    }

    private static double best(RunResult r, String metric, boolean higher) {
        return r.history().stream().mapToDouble(e -> e.validationMetrics().get(metric))
                .reduce(higher ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, higher ? Math::max : Math::min);
    }

    private static String curve(RunResult r) {
        return r.history().stream().map(EpochRecord::validationMetrics).toList() + " test " + r.metrics();
    }

    static Experiment events(String labels) {
        return Experiment.named("toy-sed-" + labels)
                .data(Data.corpus("toy-events").with("train", 240).with("validation", 60).with("test", 60))
                .model("gru", "hidden", 24)
                .loss("binary-cross-entropy", "labels", labels)
                .decoder(Choice.of("events"))
                .train(Train.adam(0.005).epochs(6).batch(16).seed(1))
                .evaluate(Eval.metrics("frame-f1", "tag-f1", "event-f1").monitor("frame-f1"));
    }

    @Test
    void frameTaggingFromStrongLabelsFindsTheEvents() {
        RunResult r = events("strong").root(root).run().first();
        assertTrue(r.metrics().get("frame-f1") > 0.8, curve(r));
        assertTrue(r.metrics().get("tag-f1") > 0.8, curve(r));
        assertTrue(r.metrics().get("event-f1") > 0.5, curve(r));
        assertTrue(best(r, "event-f1", true) > first(r, "event-f1") + 0.2, curve(r));
    }

    @Test
    void taggingFromWeakLabelsLearnsTheTags() {
        RunResult r = events("weak").root(root).run().first();
        assertTrue(r.metrics().get("tag-f1") > 0.75, curve(r));
        assertTrue(best(r, "tag-f1", true) > first(r, "tag-f1") + 0.05, curve(r));
        // trained on clip tags only, the frames still localise the events: calling every frame active would score
        // 2a/(1+a) with a the active fraction, about 1/6 here (one event of 5-15 frames in half the clips of 20-40), so F1 0.29
        assertTrue(r.metrics().get("frame-f1") > 0.6, curve(r));
    }

    @Test
    void transcriptionDecodesTokenStrings() {
        RunResult r = Experiment.named("toy-asr")
                .data(Data.corpus("toy-spelling").with("train", 240).with("validation", 60).with("test", 60))
                .model("gru", "hidden", 24)
                .loss("cross-entropy")
                .decoder(Choice.of("ctc-greedy"))
                .train(Train.adam(0.01).epochs(6).batch(16).seed(1))
                .evaluate(Eval.metrics("token-error-rate").monitor("token-error-rate"))
                .root(root).run().first();
        assertTrue(r.metrics().get("token-error-rate") < 0.15, curve(r));
        assertTrue(best(r, "token-error-rate", false) < first(r, "token-error-rate") - 0.1, curve(r));
    }

    @Test
    void classificationScoresPerTargetGiveAnEqualErrorRate() {
        RunResult r = Experiment.named("toy-lid")
                .data(Data.corpus("toy-sign").with("length", 6).with("train", 160))
                .model("toy-linear", "init-scale", 0.5)
                .loss("toy-xent")
                .decoder(Choice.of("scores"))
                .train(Train.with(Choice.of("toy-sgd").with("lr", 0.5).with("momentum", 0.5)).epochs(6).batch(16).seed(4))
                .evaluate(Eval.metrics("eer", "accuracy").monitor("eer"))
                .root(root).run().first();
        // two targets: every utterance gives one target and one non-target trial
        assertTrue(r.metrics().get("eer") < 0.2, curve(r));
        assertTrue(r.metrics().get("accuracy") > 0.8, "scores read as classes by their argmax: " + curve(r));
    }

    @Test
    void aDecoderOfAnotherTaskFailsBeforeTheRunStartsAndSaysWhatFits() throws IOException {
        Experiment lid = Experiment.named("mismatch")
                .data(Data.corpus("toy-sign"))
                .model("toy-linear")
                .loss("toy-xent")
                .decoder(Choice.of("ctc-greedy"))
                .evaluate(Eval.metrics("accuracy"))
                .root(root);
        ConfigException e = assertThrows(ConfigException.class, lid::run);
        assertEquals("decoder: decoder 'ctc-greedy' cannot decode it: dataset 'toy-sign' is a classification task"
                + " (sequence -> class); decoders for it: argmax, scores, detection-llr", e.getMessage());
        assertFalse(Files.exists(root.resolve("mismatch")), "no run folder for a spec that cannot run");

        ConfigException metric = assertThrows(ConfigException.class,
                () -> lid.decoder(Choice.of("argmax")).evaluate(Eval.metrics("token-error-rate")).run());
        assertTrue(metric.getMessage().startsWith("evaluate.metrics: metric 'token-error-rate' does not apply"), metric.getMessage());
        assertTrue(metric.getMessage().contains("accuracy"), metric.getMessage());

        ConfigException reads = assertThrows(ConfigException.class,
                () -> lid.decoder(Choice.of("argmax")).evaluate(Eval.metrics("eer")).run());
        assertEquals("decoder: metric 'eer' reads scores but decoder 'argmax' gives classes; decoders giving them: scores, detection-llr",
                reads.getMessage());

        ConfigException loss = assertThrows(ConfigException.class, () -> lid.loss("binary-cross-entropy").run());
        assertTrue(loss.getMessage().startsWith("loss: loss 'binary-cross-entropy' cannot train it"), loss.getMessage());
        assertTrue(loss.getMessage().contains("cross-entropy, toy-xent") || loss.getMessage().contains("toy-xent"), loss.getMessage());
    }

    @Test
    void aMetricOfTheRawScoresNeedsNoDecoder() {
        // the adding problem keeps the default decoder (argmax, for classes) because mse reads the scores themselves
        RunResult r = Experiment.named("adding")
                .data(Data.corpus("adding").with("length", 5).with("train", 32).with("validation", 16).with("test", 16))
                .model("rnn", "hidden", 4)
                .loss("mse")
                .train(Train.adam(0.01).epochs(1).batch(16).seed(1))
                .evaluate(Eval.metrics("mse"))
                .root(root).run().first();
        assertTrue(Double.isFinite(r.metrics().get("mse")));
        assertEquals(List.of("loss", "mse"), List.copyOf(r.metrics().keySet()));
    }
}
