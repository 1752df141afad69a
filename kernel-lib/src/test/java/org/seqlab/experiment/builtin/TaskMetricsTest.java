package org.seqlab.experiment.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.Event;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;

/** The decoders and metrics of the newer task shapes against hand-worked cases and brute force. */
class TaskMetricsTest {
    /** The registry's eer over rows of scores with their true target, read as detection trials. */
    static double eer(int[] truth, float[][] scores) {
        var m = TargetScoring.equalErrorRate();
        m.add(null, new Prediction.Scores(scores), new Target.Classes(truth));
        return m.value();
    }

    @Test
    void equalErrorRateOnHandWorkedTrials() {
        // each row: its true target's score is a target trial, the other a non-target trial
        assertEquals(0.0, eer(new int[] {0, 1}, new float[][] {{3, 1}, {2, 4}}), 0);
        assertEquals(1.0, eer(new int[] {0, 1}, new float[][] {{1, 3}, {4, 2}}), 0);
        // targets 1, 3, 5; non-targets 2, 4, 6: accepting scores above 3 misses 1 and 3 (2/3) and
        // falsely accepts 4 and 6 (2/3)
        assertEquals(2.0 / 3, eer(new int[] {0, 0, 1}, new float[][] {{1, 2}, {3, 4}, {6, 5}}), 1e-12);
        // targets 2, 4, 6; non-targets 1, 3, 5: above 3, miss 2 (1/3), false alarm 5 (1/3)
        assertEquals(1.0 / 3, eer(new int[] {1, 1, 0}, new float[][] {{1, 2}, {3, 4}, {6, 5}}), 1e-12);
        // targets 2, 2, 2; non-targets 1, 3 (three each): the DET steps from (P_miss 0, P_fa 1/2) to (1, 1/2);
        // NIST's rule (metrics.lid) interpolates the crossing, 0.5 (the former "mean where closest" rule gave 0.25)
        assertEquals(0.5, eer(new int[] {0, 1, 2}, new float[][] {{2, 1, 3}, {1, 2, 3}, {1, 3, 2}}), 1e-12);
        // a target no row has is left out with its non-target scores: as if the table had columns 0 and 2 only
        assertEquals(0.5, eer(new int[] {0, 2}, new float[][] {{2, 9, 1}, {3, 9, 2}}), 1e-12);
    }

    @Test
    void tokenErrorRateSumsEditsOverTheSplit() {
        var ter = Transcription.tokenErrorRate();
        // {1,2,3} -> {1,3}: one deletion; {2,2} -> {2}: one deletion; 2 edits over 5 reference tokens
        ter.add(null, new Prediction.Tokens(new int[][] {{1, 3}, {2}}, new double[2]),
                new Target.Tokens(new int[][] {{1, 2, 3}, {2, 2}}, null));
        assertEquals(2.0 / 5, ter.value(), 1e-12);
        // {1,2} -> {2,1,2,2}: two insertions (jiwer); now 4 edits over 7
        ter.add(null, new Prediction.Tokens(new int[][] {{2, 1, 2, 2}}, new double[1]),
                new Target.Tokens(new int[][] {{1, 2}}, null));
        assertEquals(4.0 / 7, ter.value(), 1e-12);
    }

    @Test
    void ctcLossEntryIsTorchsMeanOfPerExampleLossesOverLabelLengths() {
        Random r = new Random(5);
        float[][][] x = new float[2][5][3];
        for (float[][] u : x) {
            for (float[] f : u) {
                for (int k = 0; k < f.length; k++) {
                    f[k] = (float) r.nextGaussian();
                }
            }
        }
        float[][] mask = {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}};
        int[][] tokens = {{1, 2}, {2}};
        Batch batch = new Batch(Nd4j.zeros(DataType.FLOAT, 2, 5, 1), Nd4j.create(mask), new Target.Tokens(tokens, null));
        double loss = Transcription.ctcLoss(0).loss(Tensor.variable(Nd4j.create(x).castTo(DataType.DOUBLE)), batch).value().getDouble(0);
        // the oracle: the forward recursion of each example alone on its valid frames, over its label length
        double expected = 0;
        int[] lengths = {5, 3};
        for (int b = 0; b < 2; b++) {
            double[][] logits = new double[lengths[b]][3];
            for (int t = 0; t < lengths[b]; t++) {
                for (int k = 0; k < 3; k++) {
                    logits[t][k] = x[b][t][k];
                }
            }
            double[][] lp = org.seqlab.decode.ctc.LogProbs.logSoftmax(logits);
            expected += -org.seqlab.losses.CtcLoss.logLikelihood(lp, tokens[b], 0) / tokens[b].length / 2;
        }
        // float32 inputs widened exactly; only summation order differs
        assertEquals(expected, loss, 1e-9);
    }

    @Test
    void prefixBeamFusesACharacterLmReadFromAnArpaFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // one frame: blank 0.1, 'a' 0.4, 'b' 0.5; acoustically "b" wins
        float[][][] p = {{{(float) Math.log(0.1), (float) Math.log(0.4), (float) Math.log(0.5)}}};
        Batch batch = new Batch(Nd4j.zeros(DataType.FLOAT, 1, 1, 1), Nd4j.create(new float[][] {{1}}),
                new Target.Tokens(new int[1][], null));
        var options = org.seqlab.decode.ctc.CtcPrefixBeamSearch.Options.defaults().withBeamWidth(4);
        List<String> names = List.of("<blank>", "a", "b");
        Prediction.Tokens plain = Transcription.prefixBeam(Transcription.prefixBeam(names, 3, options, ""))
                .decode(Nd4j.create(p), batch);
        assertArrayEquals(new int[] {2}, plain.tokens()[0]);
        // a character LM that has seen "a" nine times as often as "b" turns it around at weight 1
        java.nio.file.Path arpa = dir.resolve("chars.arpa");
        List<String> lines = new java.util.ArrayList<>(java.util.Collections.nCopies(9, "a"));
        lines.add("b");
        org.seqlab.decode.lm.Arpa.write(org.seqlab.decode.lm.CharLm.train(lines, 2).model(), arpa);
        Prediction.Tokens fused = Transcription.prefixBeam(Transcription.prefixBeam(names, 3, options.withAlpha(1.0),
                arpa.toString())).decode(Nd4j.create(p), batch);
        assertArrayEquals(new int[] {1}, fused.tokens()[0]);
        var missing = org.junit.jupiter.api.Assertions.assertThrows(org.seqlab.experiment.spec.ConfigException.class,
                () -> Transcription.prefixBeam(names, 3, options, dir.resolve("none.arpa").toString()));
        assertEquals("decoder.lm: " + dir.resolve("none.arpa") + ": cannot read the file", missing.getMessage());
    }

    @Test
    void greedyDecodingMergesRepeatsAndDropsBlanksWithinEachLength() {
        // two utterances of 6 frames over {blank, 1, 2}; the second is 4 frames long
        int[][] best = {{0, 1, 1, 0, 1, 2}, {2, 2, 0, 2, 1, 1}};
        float[][][] scores = new float[2][6][3];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                scores[b][t][best[b][t]] = 5f;
            }
        }
        float[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
        Batch batch = new Batch(Nd4j.zeros(DataType.FLOAT, 2, 6, 1), Nd4j.create(mask), new Target.Tokens(new int[2][], null));
        Prediction.Tokens p = Transcription.greedy().decode(Nd4j.create(scores), batch);
        assertArrayEquals(new int[] {1, 1, 2}, p.tokens()[0]);
        assertArrayEquals(new int[] {2, 2}, p.tokens()[1]);
        // each frame's winner has probability e^5 / (e^5 + 2): the score is the sum of their logs over the valid frames
        assertEquals(4 * Math.log(Math.exp(5) / (Math.exp(5) + 2)), p.scores()[1], 1e-5);
    }

    @Test
    void eventsAreRunsAboveTheThresholdInSeconds() {
        float[][] p = {{0.1f, 0.9f}, {0.6f, 0.9f}, {0.7f, 0.2f}, {0.2f, 0.8f}, {0.9f, 0.1f}};
        List<Event> e = EventDetection.events(p, 0.5, 1, List.of("a", "b"), 0.1, Double.POSITIVE_INFINITY);
        assertEquals(List.of(new Event(0.0, 0.2, "b"), new Event(0.1, 0.30000000000000004, "a"),
                new Event(0.30000000000000004, 0.4, "b"), new Event(0.4, 0.5, "a")), e);
        assertEquals(List.of(new Event(0.0, 0.2, "b"), new Event(0.1, 0.30000000000000004, "a")),
                EventDetection.events(p, 0.5, 2, List.of("a", "b"), 0.1, Double.POSITIVE_INFINITY));
    }

    @Test
    void eventF1UsesCollarsAndAMaximumMatching() {
        List<Event> ref = List.of(new Event(1.0, 2.0, "dog"), new Event(1.1, 3.0, "dog"), new Event(5.0, 6.0, "cat"));
        List<Event> est = List.of(new Event(1.15, 2.1, "dog"), new Event(0.9, 2.0, "dog"),
                new Event(5.3, 6.0, "cat"), new Event(5.0, 6.0, "dog"));
        Target.Tags tags = new Target.Tags(new float[1][2], new float[1][1][2], List.of(ref), List.of("dog", "cat"), 0.1);
        Prediction.Events events = new Prediction.Events(List.of(est), new Prediction.FrameProbabilities(new float[1][][]));
        // DCASE collars (0.2 s, 20% of the length): the second dog reference (1.9 s long) allows 0.38 s at the
        // offset, so neither estimate fits it; the cat is 0.3 s late; the dog at 5.0 has the wrong label:
        // 1 hit of 4 estimates and 3 references
        var dcase = EventDetection.eventF1(0.2, 0.2);
        dcase.add(null, events, tags);
        assertEquals(2.0 * 1 / (4 + 3), dcase.value(), 1e-12);
        // with 50% of the length the first estimate fits both dog references, the second only the first:
        // pairing the first estimate with the first reference would leave one hit; the maximum matching finds two
        var wide = EventDetection.eventF1(0.2, 0.5);
        wide.add(null, events, tags);
        assertEquals(2.0 * 2 / (4 + 3), wide.value(), 1e-12);
    }

    @Test
    void aModelThatDetectsNothingScoresZeroNotNaN() {
        List<Event> ref = List.of(new Event(1.0, 2.0, "dog"));
        Target.Tags tags = new Target.Tags(new float[][] {{1, 0}}, new float[1][2][2], List.of(ref), List.of("dog", "cat"), 0.1);
        float[][][] silent = {{{0.1f, 0.2f}, {0.3f, 0.0f}}};
        var events = EventDetection.eventF1(0.2, 0.2);
        events.add(null, new Prediction.Events(List.of(List.of()), new Prediction.FrameProbabilities(silent)), tags);
        assertEquals(0.0, events.value(), "sed_eval zero_score: precision 0 with no output, recall 0, F1 0");
        var clips = EventDetection.tagF1(0.5);
        clips.add(null, new Prediction.FrameProbabilities(silent), tags);
        assertEquals(0.0, clips.value());
        // nothing to find and nothing found: F1 stays undefined
        var empty = EventDetection.eventF1(0.2, 0.2);
        empty.add(null, new Prediction.Events(List.of(List.of()), new Prediction.FrameProbabilities(silent)),
                new Target.Tags(new float[1][2], new float[1][2][2], List.of(List.of()), List.of("dog", "cat"), 0.1));
        assertTrue(Double.isNaN(empty.value()));
    }

    @Test
    void frameAndTagF1CountValidFramesOnly() {
        float[][][] p = {{{0.9f, 0.1f}, {0.6f, 0.7f}}, {{0.2f, 0.1f}}};
        float[][][] ref = {{{1, 0}, {0, 1}}, {{1, 0}, {1, 1}}};   // the second clip's second frame is padding
        Target.Tags tags = new Target.Tags(new float[][] {{1, 1}, {1, 0}}, ref, List.of(List.of(), List.of()),
                List.of("a", "b"), 0.1);
        var frames = EventDetection.frameF1(0.5);
        frames.add(null, new Prediction.FrameProbabilities(p), tags);
        // TP: (0,0,a), (0,1,b); FP: (0,1,a); FN: (1,0,a)
        assertEquals(2.0 * 2 / (4 + 1 + 1), frames.value(), 1e-12);
        var clips = EventDetection.tagF1(0.5);
        clips.add(null, new Prediction.FrameProbabilities(p), tags);
        // clip 0 tagged a, b (both right); clip 1 tagged nothing (a missed)
        assertEquals(2.0 * 2 / (4 + 0 + 1), clips.value(), 1e-12);
    }

    @Test
    void maxPoolingPassesTheGradientToTheWinningValidStep() {
        float[][][] x = {{{1, 5}, {3, 2}, {9, 9}}, {{0, -1}, {-2, 4}, {7, 7}}};
        Tensor seq = Tensor.variable(Nd4j.create(x));
        int[] lengths = {2, 3};
        Tensor pooled = LastStep.max(seq, lengths);
        assertArrayEquals(new float[] {3, 5, 7, 7}, pooled.value().dup('c').data().asFloat());
        // a weighted sum as the loss, so each pooled value gets a distinct upstream gradient
        org.nd4j.linalg.api.ndarray.INDArray w = Nd4j.create(new float[][] {{1, 2}, {3, 4}});
        Tensor loss = Tensor.result(pooled.value().mul(w).sum(), g -> pooled.addGrad(w.mul(g.getDouble(0))), pooled);
        loss.backward();
        float[] g = seq.grad().dup('c').data().asFloat();
        assertArrayEquals(new float[] {0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 3, 4}, g);
    }
}
