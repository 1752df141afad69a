package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.Event;
import org.seqlab.data.Example;
import org.seqlab.data.batch.Sequence;
import org.seqlab.experiment.Experiment;
import org.seqlab.experiment.Losses;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.testing.Cli;

/** Lecture 04's entries: post-processing by hand, model shapes, the loss per pooling, and a run's TSV scored by the CLI. */
class SedEntriesTest {
    @TempDir
    Path root;

    private static final List<String> CLASSES = List.of("a", "b");
    private static final double UNKNOWN_END = Double.POSITIVE_INFINITY;

    @Test
    void medianFilterRemovesIsolatedFramesAndFillsIsolatedGaps() {
        float[][] p = {{0.9f, 0.1f}, {0.1f, 0.9f}, {0.9f, 0.9f}, {0.9f, 0.1f}, {0.1f, 0.9f}, {0.9f, 0.9f}};
        float[][] m = SedPostProcessing.median(p, 3);
        // class a: 0.9 0.1 0.9 0.9 0.1 0.9 -> edges shrink the window to 2 (mean of the two middle values)
        assertArrayEquals(new float[] {0.5f, 0.9f, 0.9f, 0.9f, 0.9f, 0.5f}, column(m, 0), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.9f, 0.9f, 0.9f, 0.9f, 0.9f}, column(m, 1), 1e-6f);
        assertEquals(p, SedPostProcessing.median(p, 1));
    }

    private static float[] column(float[][] m, int k) {
        float[] c = new float[m.length];
        for (int t = 0; t < m.length; t++) {
            c[t] = m[t][k];
        }
        return c;
    }

    @Test
    void perClassThresholdsAndTheTaggingPassDecideWhichRunsBecomeEvents() {
        float[][] p = {{0.4f, 0.2f}, {0.4f, 0.2f}, {0.1f, 0.2f}, {0.1f, 0.6f}};
        var plain = new SedPostProcessing.Settings(0.5, Map.of(), 1, false, 0.5, 1);
        assertEquals(List.of(new Event(0.3, 0.4, "b")), round(SedPostProcessing.events(p, plain, null, CLASSES, 0.1, UNKNOWN_END)));
        var lower = new SedPostProcessing.Settings(0.5, Map.of("a", 0.3), 1, false, 0.5, 1);
        assertEquals(List.of(new Event(0.0, 0.2, "a"), new Event(0.3, 0.4, "b")),
                round(SedPostProcessing.events(p, lower, null, CLASSES, 0.1, UNKNOWN_END)));
        var twoPass = new SedPostProcessing.Settings(0.5, Map.of("a", 0.3), 1, true, 0.5, 1);
        // tag a only: b is not localised however high its frames
        assertEquals(List.of(new Event(0.0, 0.2, "a")),
                round(SedPostProcessing.events(p, twoPass, new float[] {0.8f, 0.3f}, CLASSES, 0.1, UNKNOWN_END)));
        var longOnly = new SedPostProcessing.Settings(0.3, Map.of(), 1, false, 0.5, 2);
        assertEquals(List.of(new Event(0.0, 0.2, "a")), round(SedPostProcessing.events(p, longOnly, null, CLASSES, 0.1, UNKNOWN_END)));
    }

    private static List<Event> round(List<Event> events) {
        return events.stream().map(e -> new Event(Math.round(e.onset() * 1e6) / 1e6, Math.round(e.offset() * 1e6) / 1e6,
                e.label())).toList();
    }

    @Test
    void classEventF1ScoresOnlyTheNamedClassesAndNothingFoundIsZero() {
        List<String> classes = List.of("click", "hum");
        List<Event> ref = List.of(new Event(1.0, 1.2, "click"), new Event(0.0, 8.0, "hum"));
        Target.Tags tags = new Target.Tags(new float[][] {{1, 1}}, new float[1][1][2], List.of(ref), classes, 0.04);
        var found = SedEntries.classEventF1(List.of("click"));
        // the click is found within the collars, the hum is missed: all-class F1 would be 2/3
        found.add(null, new Prediction.Events(List.of(List.of(new Event(1.05, 1.25, "click"))), null), tags);
        assertEquals(1.0, found.value(), 1e-12);
        var none = SedEntries.classEventF1(List.of("click"));
        none.add(null, new Prediction.Events(List.of(List.of(new Event(0.0, 8.0, "hum"))), null), tags);
        assertEquals(0.0, none.value(), 1e-12, "sed_eval's NaN (nothing detected) counts as 0 when there was something to find");
        ConfigException e = assertThrows(ConfigException.class, () -> SedPostProcessing.classList("click, bark", classes));
        assertTrue(e.getMessage().contains("'bark'"), e.getMessage());
    }

    /**
     * Centred framing gives a 10 s clip with a 40 ms hop 251 frames, the last covering 10.00-10.04 s;
     * here 5 frames of 0.1 s for a clip of 0.45 s: a run to the last frame ends at 0.45, not 0.5,
     * and a run that starts at or past the end (clip of 0.4 s) is no event.
     */
    @Test
    void decodedEventsEndAtTheClipsDurationWhenItIsKnown() {
        // logits [1 clip, 5 frames, 2 classes]: a active on frames 2-4, b on frame 4 only
        INDArray out = Nd4j.createFromArray(new float[] {-5, -5, -5, -5, 5, -5, 5, -5, 5, 5}).reshape(1, 5, 2);
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 5, 3);
        var settings = new SedPostProcessing.Settings(0.5, Map.of(), 1, false, 0.5, 1);
        for (var decoder : List.of(SedPostProcessing.decoder(settings), EventDetection.events(0.5, 1))) {
            assertEquals(List.of(new Event(0.2, 0.5, "a"), new Event(0.4, 0.5, "b")),
                    round(decoder.decode(out, new Batch(x, null, tags(null))).events().get(0)), "duration unknown");
            assertEquals(List.of(new Event(0.2, 0.45, "a"), new Event(0.4, 0.45, "b")),
                    round(decoder.decode(out, new Batch(x, null, tags(new double[] {0.45}))).events().get(0)));
            assertEquals(List.of(new Event(0.2, 0.4, "a")),
                    round(decoder.decode(out, new Batch(x, null, tags(new double[] {0.4}))).events().get(0)));
        }
    }

    private static Target.Tags tags(double[] seconds) {
        return new Target.Tags(new float[][] {{1, 1}}, new float[1][5][2], List.of(List.of()), CLASSES, 0.1, seconds);
    }

    @Test
    void soundscapeClipsCarryTheDurationsOfTheirAudio() throws Exception {
        Path wav = root.resolve("clip.wav");
        org.seqlab.audio.Wav.write(wav, org.seqlab.audio.Audio.mono(new float[16_000 * 2 + 80], 16000));
        Example e = new Example("clip.wav", wav, null, null, List.of("a"), List.of(new Event(1.5, 2.005, "a")));
        var clips = SoundscapeEvents.Clips.of(List.of(new Sequence<>("0", new float[51][3], e)), CLASSES, 0.04);
        Target.Tags t = (Target.Tags) clips.batch(new int[] {0}).target();
        assertEquals(2.005, t.end(0), 1e-12);
        Example missing = new Example("gone.wav", root.resolve("gone.wav"), null, null, List.of("a"), List.of());
        var err = assertThrows(org.seqlab.data.CorpusException.class,
                () -> SoundscapeEvents.Clips.of(List.of(new Sequence<>("0", new float[1][3], missing)), CLASSES, 0.04));
        assertTrue(err.getMessage().contains("gone.wav"), err.getMessage());
    }

    @Test
    void classThresholdsNameTheirKeyWhenWrong() {
        assertEquals(Map.of("a", 0.3, "b", 0.7), SedPostProcessing.classThresholds("a=0.3, b=0.7", CLASSES));
        ConfigException e = assertThrows(ConfigException.class, () -> SedPostProcessing.classThresholds("c=0.3", CLASSES));
        assertTrue(e.getMessage().contains("decoder.class-thresholds") && e.getMessage().contains("'c'"), e.getMessage());
        assertThrows(ConfigException.class, () -> SedPostProcessing.classThresholds("a=1.5", CLASSES));
        assertThrows(ConfigException.class, () -> SedPostProcessing.classThresholds("a", CLASSES));
    }

    @Test
    void theAttentionTagPassIsTheSoftmaxWeightedMeanOfFrameProbabilities() {
        // one clip, 2 frames, 1 class: class logits (0, 0) -> p 0.5 each; attention logits equal -> tag 0.5
        INDArray out = Nd4j.createFromArray(new float[] {2f, 0f, -2f, 0f}).reshape(1, 2, 2);
        Batch b = new Batch(Nd4j.zeros(DataType.FLOAT, 1, 2, 3), null,
                new Target.Tags(new float[][] {{1}}, new float[1][2][1], List.of(List.of()), List.of("a"), 0.1));
        Prediction.FrameProbabilities f = EventDetection.probabilities(out, b);
        assertEquals(1, f.p()[0][0].length, "the attention logits are not class probabilities");
        float[][] clip = SedPostProcessing.clipProbabilities(out, b, f);
        assertEquals((sig(2) + sig(-2)) / 2, clip[0][0], 1e-6);
    }

    private static double sig(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static Batch tagging(int b, int t, int features, int classes) {
        Rng rng = new Rng(3);
        INDArray x = rng.normal(DataType.FLOAT, 0, 1, b, t, features);
        float[][] mask = new float[b][t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < (i == 0 ? t : t - 3); s++) {
                mask[i][s] = 1;
            }
        }
        float[][] tags = new float[b][classes];
        tags[0][0] = 1;
        tags[0][1] = 1;
        List<List<Event>> events = new java.util.ArrayList<>();
        for (int i = 0; i < b; i++) {
            events.add(List.of());
        }
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("c" + k);
        }
        return new Batch(x, Nd4j.create(mask), new Target.Tags(tags, new float[b][t][classes], events, names, 0.04));
    }

    private static Params params(String owner, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new Params(owner, m);
    }

    @Test
    void crnnKeepsEveryFrameAndItsAttentionHeadDoublesTheOutputs() {
        Batch batch = tagging(2, 12, 16, 3);
        TaskShape shape = new TaskShape(16, 3, Task.TAGGING, List.of("c0", "c1", "c2"));
        for (boolean gated : new boolean[] {false, true}) {
            for (boolean attention : new boolean[] {false, true}) {
                Crnn m = new Crnn(params("crnn", "channels", 4, "pools", List.of(2, 2, 2), "hidden", 5, "gated", gated,
                        "attention", attention, "dropout", 0.1), shape, 7);
                Tensor out = m.forward(batch);
                assertArrayEquals(new long[] {2, 12, attention ? 6 : 3}, out.shape());
                for (String pooling : SedEntries.POOLINGS) {
                    if (pooling.equals("attention") && !attention) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                () -> SedEntries.loss(pooling, 0.1, 3).loss(out, batch));
                        assertTrue(e.getMessage().contains("attention: true"), e.getMessage());
                        continue;
                    }
                    Tensor loss = SedEntries.loss(pooling, 0.1, 3).loss(m.forward(batch), batch);
                    loss.backward();
                    assertTrue(Double.isFinite(loss.item()) && loss.item() > 0, pooling + " " + loss.item());
                }
            }
        }
        assertThrows(ConfigException.class, () -> new Crnn(params("crnn", "channels", 4, "pools", List.of(8, 8),
                "hidden", 5, "gated", false, "attention", false, "dropout", 0.0), shape, 7));
    }

    /**
     * Clips of 6 and 10 frames, batched to 10 frames and to 14 (as if a longer clip had shared
     * the batch): with the padding out of the batch norm statistics and zero after it, every valid
     * frame scores the same in training (batch statistics) and in evaluation, and a clip scores
     * the same alone. Tolerance 1e-4: float32 convolutions and GRU over batches of different
     * shapes, so BLAS may sum in another order (about 1e-6 relative on logits of order 1).
     */
    @Test
    void crnnScoresDoNotDependOnThePaddingOfItsBatch() {
        Crnn m = new Crnn(params("crnn", "channels", 4, "pools", List.of(2, 2), "hidden", 5, "gated", false,
                "attention", false, "dropout", 0.0), new TaskShape(8, 3, Task.TAGGING, List.of("c0", "c1", "c2")), 7);
        INDArray clips = new Rng(11).normal(DataType.FLOAT, 0, 1, 2, 10, 8);
        int[] lengths = {6, 10};
        for (boolean training : new boolean[] {true, false}) {
            if (training) {
                m.train();
            } else {
                m.eval();
            }
            INDArray ten = m.forward(padded(clips, lengths, 10)).value();
            INDArray fourteen = m.forward(padded(clips, lengths, 14)).value();
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    for (int k = 0; k < 3; k++) {
                        assertEquals(ten.getDouble(b, t, k), fourteen.getDouble(b, t, k), 1e-4,
                                (training ? "training" : "evaluation") + " clip " + b + " frame " + t);
                    }
                }
            }
        }
        INDArray alone = m.forward(padded(clips.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), new int[] {6}, 6))
                .value();
        INDArray batched = m.forward(padded(clips, lengths, 10)).value();
        for (int t = 0; t < 6; t++) {
            assertEquals(alone.getDouble(0, t, 1), batched.getDouble(0, t, 1), 1e-4, "evaluation, clip 0 alone, frame " + t);
        }
    }

    /** {@code clips} [B, >= max(lengths), F] cut to each length and zero-padded to {@code steps} frames, with its mask. */
    private static Batch padded(INDArray clips, int[] lengths, int steps) {
        int b = lengths.length;
        int f = (int) clips.size(2);
        INDArray x = Nd4j.zeros(DataType.FLOAT, b, steps, f);
        float[][] mask = new float[b][steps];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                mask[i][t] = 1;
                for (int k = 0; k < f; k++) {
                    x.putScalar(new long[] {i, t, k}, clips.getDouble(i, t, k));
                }
            }
        }
        boolean padding = java.util.Arrays.stream(lengths).anyMatch(l -> l != steps);
        return new Batch(x, padding ? Nd4j.create(mask) : null, new Target.Tags(new float[b][3], new float[b][steps][3],
                java.util.Collections.nCopies(b, List.<Event>of()), List.of("c0", "c1", "c2"), 0.04));
    }

    @Test
    void frameMlpStacksNeighboursWithinTheValidFramesOnly() {
        INDArray x = Nd4j.createFromArray(new float[][][] {{{1}, {2}, {3}}, {{4}, {5}, {0}}});
        INDArray mask = Nd4j.createFromArray(new float[][] {{1, 1, 1}, {1, 1, 0}});
        INDArray s = FrameMlp.stack(x, mask, 1);
        assertArrayEquals(new float[] {0, 1, 2, 1, 2, 3, 2, 3, 0, 0, 4, 5, 4, 5, 0, 0, 0, 0}, s.dup('c').data().asFloat());
        Batch batch = tagging(2, 10, 8, 3);
        FrameMlp m = new FrameMlp(params("frame-mlp", "context", 2, "hidden", 16, "layers", 2, "dropout", 0.0),
                new TaskShape(8, 3, Task.TAGGING, List.of()), 1);
        assertArrayEquals(new long[] {2, 10, 3}, m.forward(batch).shape());
        // (5*8 + 1) * 16 + (16 + 1) * 16 + (16 + 1) * 3
        assertEquals(41 * 16 + 17 * 16 + 17 * 3, m.parameterCount());
    }

    @Test
    void strongTrainingLabelsComeFromTheGeneratorsTruthFile() throws Exception {
        Files.createDirectories(root.resolve("truth"));
        Files.writeString(root.resolve("truth/train_strong.tsv"),
                "filename\tonset\toffset\tevent_label\ntrain_0000.wav\t0.5\t1.25\tdog_bark\ntrain_0001.wav\t\t\t\n");
        Example weak = new Example("train_0000.wav", root.resolve("a.wav"), null, null, List.of("dog_bark"), List.of());
        Example empty = new Example("train_0001.wav", root.resolve("b.wav"), null, null, List.of(), List.of());
        var strong = SoundscapeEvents.withStrongLabels(List.of(new Sequence<>("0", new float[1][1], weak),
                new Sequence<>("1", new float[1][1], empty)), root, "train/weak");
        assertEquals(List.of(new Event(0.5, 1.25, "dog_bark")), strong.get(0).target().events());
        assertEquals(List.of(), strong.get(1).target().events());
        ConfigException e = assertThrows(ConfigException.class, () -> SoundscapeEvents.withStrongLabels(
                List.of(new Sequence<>("0", new float[1][1], weak)), root.resolve("elsewhere"), "train/weak"));
        assertTrue(e.getMessage().contains("train-labels"), e.getMessage());
        assertEquals(0.04, SoundscapeEvents.hopSeconds(org.seqlab.features.Features.fromMap(
                Map.of("name", "logmel", "bins", 64, "sample_rate", 16000, "hop", 640))), 1e-12);
    }

    /**
     * A tagging run writes its test detections and references as DCASE TSVs; {@code seqlab score
     * sed} on them gives the run's own event F1 (the same sed_eval semantics, reached by another path).
     */
    @Test
    void aRunsDetectionsScoredByTheCommandLineGiveItsEventF1() throws Exception {
        RunResult r = Experiment.named("toy-sed")
                .data(org.seqlab.experiment.Data.corpus("toy-events").with("train", 96).with("validation", 24).with("test", 24))
                .model("gru", "hidden", 16, "bidirectional", true)
                .loss(Losses.weakLabels().pooling("max-cosine").alpha(0.1))
                .decoder(Choice.of("sed-events").with("median", 3))
                .train(org.seqlab.experiment.Train.adam(0.02).epochs(4).batch(16).seed(1))
                .evaluate(org.seqlab.experiment.Eval.metrics("event-f1").monitor("event-f1"))
                .root(root).run().first();
        Path dir = r.path();
        Path det = dir.resolve("detections.tsv");
        Path ref = dir.resolve("reference.tsv");
        assertTrue(Files.exists(det) && Files.exists(ref), "a tagging run writes both TSVs");
        Object[] out = Cli.run("score", "sed", "--reference", ref.toString(), "--estimate", det.toString(),
                "--t-collar", "0.2", "--percentage-of-length", "0.2", "--json");
        assertEquals(0, out[0], (String) out[2]);
        Map<String, Object> json = Json.readObject((String) out[1]);
        @SuppressWarnings("unchecked")
        Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) json.get("event_based")).get("overall");
        double cli = ((Number) overall.get("f_measure")).doubleValue();
        double run = r.metrics().get("event-f1");
        assertTrue(run > 0.2, "the toy task is learnt: event F1 " + run);
        assertEquals(run, cli, 1e-12);
    }
}
