package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Tensor;
import org.seqlab.data.Event;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Objective;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.losses.BinaryCrossEntropy;

/**
 * Clip to tags and frame activity (sound event detection). The model scores every frame and
 * class ([batch, time, classes] logits). It trains on strong labels (binary cross-entropy per
 * frame) or on weak ones (the clip's logit is the largest of its frames' logits, scored against
 * the clip tags), and is scored on strong events either way. The sed_eval-style segment and
 * event metrics and PSDS (branch {@code score-sed}, {@code org.seqlab.metrics.sed}) plug in as
 * metrics reading {@link Prediction.Events} or {@link Prediction.FrameProbabilities}.
 */
final class EventDetection {
    private EventDetection() {}

    /**
     * Binary cross-entropy on frame activity ({@code weak=false}) or on max-pooled clip logits: a
     * clip has a class when some frame has it, so its logit is its frames' largest (the max pooling
     * of weak-label SED, which keeps frame scores meaningful for localisation).
     */
    static Objective loss(boolean weak) {
        return (Tensor out, Batch batch) -> {
            Target.Tags tags = (Target.Tags) batch.target();
            if (weak) {
                int[] lengths = LastStep.lengths(batch.mask(), batch.size(), batch.steps());
                return BinaryCrossEntropy.withLogits(LastStep.max(out, lengths),
                        Nd4j.create(tags.clip()).castTo(out.dtype()));
            }
            return BinaryCrossEntropy.withLogits(out, Nd4j.create(tags.frames()).castTo(out.dtype()), batch.mask());
        };
    }

    /** The sigmoid of each frame's logits, valid frames only. */
    static Decoder<Prediction.FrameProbabilities> probabilities() {
        return EventDetection::probabilities;
    }

    private static Prediction.FrameProbabilities probabilities(INDArray output, Batch batch) {
        float[] s = Outputs.rows(output);
        int c = Outputs.classes(output);
        int steps = batch.steps();
        int[] lengths = LastStep.lengths(batch.mask(), batch.size(), steps);
        float[][][] p = new float[batch.size()][][];
        for (int b = 0; b < p.length; b++) {
            p[b] = new float[lengths[b]][c];
            for (int t = 0; t < lengths[b]; t++) {
                for (int k = 0; k < c; k++) {
                    p[b][t][k] = (float) (1 / (1 + Math.exp(-s[(b * steps + t) * c + k])));
                }
            }
        }
        return new Prediction.FrameProbabilities(p);
    }

    /**
     * Events as runs of frames whose probability reaches {@code threshold}, at least
     * {@code minFrames} long; frame t covers [t, t+1) hops.
     */
    static Decoder<Prediction.Events> events(double threshold, int minFrames) {
        return (INDArray output, Batch batch) -> {
            Target.Tags tags = (Target.Tags) batch.target();
            Prediction.FrameProbabilities frames = probabilities(output, batch);
            List<List<Event>> out = new ArrayList<>();
            for (float[][] clip : frames.p()) {
                out.add(events(clip, threshold, minFrames, tags.classes(), tags.hopSeconds()));
            }
            return new Prediction.Events(out, frames);
        };
    }

    static List<Event> events(float[][] p, double threshold, int minFrames, List<String> classes, double hop) {
        List<Event> out = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            int start = -1;
            for (int t = 0; t <= p.length; t++) {
                boolean on = t < p.length && p[t][k] >= threshold;
                if (on && start < 0) {
                    start = t;
                } else if (!on && start >= 0) {
                    if (t - start >= minFrames) {
                        out.add(new Event(start * hop, t * hop, classes.get(k)));
                    }
                    start = -1;
                }
            }
        }
        out.sort(java.util.Comparator.comparingDouble(Event::onset));
        return out;
    }

    /** Micro-averaged F1 over (valid frame, class) pairs, a frame active when its probability reaches {@code threshold}. */
    static Metric<Prediction.FrameProbabilities, Target.Tags> frameF1(double threshold) {
        return new Metric<>() {
            final long[] counts = new long[3];

            @Override
            public void add(INDArray output, Prediction.FrameProbabilities predictions, Target.Tags references) {
                float[][][] p = predictions.p();
                for (int b = 0; b < p.length; b++) {
                    for (int t = 0; t < p[b].length; t++) {
                        for (int k = 0; k < p[b][t].length; k++) {
                            count(counts, p[b][t][k] >= threshold, references.frames()[b][t][k] > 0.5f);
                        }
                    }
                }
            }

            @Override
            public double value() {
                return f1(counts);
            }
        };
    }

    /** Micro-averaged F1 of clip tags, a clip tagged with a class when any of its frames reaches {@code threshold}. */
    static Metric<Prediction.FrameProbabilities, Target.Tags> tagF1(double threshold) {
        return new Metric<>() {
            final long[] counts = new long[3];

            @Override
            public void add(INDArray output, Prediction.FrameProbabilities predictions, Target.Tags references) {
                float[][][] p = predictions.p();
                for (int b = 0; b < p.length; b++) {
                    for (int k = 0; k < references.classes().size(); k++) {
                        boolean tagged = false;
                        for (float[] frame : p[b]) {
                            tagged |= frame[k] >= threshold;
                        }
                        count(counts, tagged, references.clip()[b][k] > 0.5f);
                    }
                }
            }

            @Override
            public double value() {
                return f1(counts);
            }
        };
    }

    /**
     * Event-based micro F1 as sed_eval defines it: an estimated event matches a reference event of
     * the same class when the onsets differ by at most {@code collar} seconds and the offsets by at
     * most max(collar, {@code offsetFraction} x the reference's duration); each event matches at
     * most once (a maximum bipartite matching).
     */
    static Metric<Prediction.Events, Target.Tags> eventF1(double collar, double offsetFraction) {
        return new Metric<>() {
            final long[] counts = new long[3];

            @Override
            public void add(INDArray output, Prediction.Events predictions, Target.Tags references) {
                for (int b = 0; b < references.events().size(); b++) {
                    List<Event> ref = references.events().get(b);
                    List<Event> est = predictions.events().get(b);
                    int matched = matches(ref, est, collar, offsetFraction);
                    counts[0] += matched;
                    counts[1] += est.size() - matched;
                    counts[2] += ref.size() - matched;
                }
            }

            @Override
            public double value() {
                return f1(counts);
            }
        };
    }

    /** The size of a maximum matching between reference and estimated events (Kuhn's augmenting paths). */
    static int matches(List<Event> ref, List<Event> est, double collar, double offsetFraction) {
        int[] owner = new int[est.size()];
        java.util.Arrays.fill(owner, -1);
        int n = 0;
        for (int r = 0; r < ref.size(); r++) {
            if (augment(r, ref, est, collar, offsetFraction, owner, new boolean[est.size()])) {
                n++;
            }
        }
        return n;
    }

    private static boolean augment(int r, List<Event> ref, List<Event> est, double collar, double offsetFraction,
                                   int[] owner, boolean[] seen) {
        for (int e = 0; e < est.size(); e++) {
            if (!seen[e] && fits(ref.get(r), est.get(e), collar, offsetFraction)) {
                seen[e] = true;
                if (owner[e] < 0 || augment(owner[e], ref, est, collar, offsetFraction, owner, seen)) {
                    owner[e] = r;
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean fits(Event ref, Event est, double collar, double offsetFraction) {
        double eps = 1e-9;
        return ref.label().equals(est.label())
                && Math.abs(ref.onset() - est.onset()) <= collar + eps
                && Math.abs(ref.offset() - est.offset()) <= Math.max(collar, offsetFraction * ref.duration()) + eps;
    }

    /** counts: true positives, false positives, false negatives. */
    private static void count(long[] counts, boolean predicted, boolean actual) {
        if (predicted && actual) {
            counts[0]++;
        } else if (predicted) {
            counts[1]++;
        } else if (actual) {
            counts[2]++;
        }
    }

    /** 2TP / (2TP + FP + FN); NaN when there is nothing to find and nothing was found. */
    static double f1(long[] counts) {
        long d = 2 * counts[0] + counts[1] + counts[2];
        return d == 0 ? Double.NaN : 2.0 * counts[0] / d;
    }
}
