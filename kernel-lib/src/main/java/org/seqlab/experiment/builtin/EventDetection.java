package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.seqlab.metrics.sed.EmptyOutput;
import org.seqlab.metrics.sed.EventBasedMetrics;
import org.seqlab.metrics.sed.SedData;
import org.seqlab.metrics.sed.TaggingMetrics;

/**
 * Clip to tags and frame activity (sound event detection). The model scores every frame and
 * class ([batch, time, classes] logits). It trains on strong labels (binary cross-entropy per
 * frame) or on weak ones (the clip's logit is the largest of its frames' logits, scored against
 * the clip tags), and is scored on strong events either way. Event and tag F1 are computed by
 * {@code org.seqlab.metrics.sed} (sed_eval 0.2.1 semantics); only frame F1 is counted here.
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

    /**
     * A model with an attention head (crnn {@code attention: true}) outputs [B, T, 2C], class
     * logits first; the probabilities are those of the first C columns.
     */
    static Prediction.FrameProbabilities probabilities(INDArray output, Batch batch) {
        float[] s = Outputs.rows(output);
        int width = Outputs.classes(output);
        int c = batch.target() instanceof Target.Tags tags ? Math.min(width, tags.classes().size()) : width;
        int steps = batch.steps();
        int[] lengths = LastStep.lengths(batch.mask(), batch.size(), steps);
        float[][][] p = new float[batch.size()][][];
        for (int b = 0; b < p.length; b++) {
            p[b] = new float[lengths[b]][c];
            for (int t = 0; t < lengths[b]; t++) {
                for (int k = 0; k < c; k++) {
                    p[b][t][k] = (float) (1 / (1 + Math.exp(-s[(b * steps + t) * width + k])));
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
            for (int b = 0; b < frames.p().length; b++) {
                out.add(events(frames.p()[b], threshold, minFrames, tags.classes(), tags.hopSeconds(), tags.end(b)));
            }
            return new Prediction.Events(out, frames);
        };
    }

    static List<Event> events(float[][] p, double threshold, int minFrames, List<String> classes, double hop, double end) {
        List<Event> out = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            addRuns(p, k, threshold, minFrames, classes.get(k), hop, end, out);
        }
        out.sort(java.util.Comparator.comparingDouble(Event::onset));
        return out;
    }

    /**
     * Appends to {@code out} each run of frames where class {@code k} reaches {@code threshold}
     * for at least {@code minFrames}, cut at {@code end} seconds (the clip's duration: its last
     * frame may reach past it, see {@link Target.Tags#seconds}); a run wholly past the end is dropped.
     */
    static void addRuns(float[][] p, int k, double threshold, int minFrames, String label, double hop, double end,
            List<Event> out) {
        int start = -1;
        for (int t = 0; t <= p.length; t++) {
            boolean on = t < p.length && p[t][k] >= threshold;
            if (on && start < 0) {
                start = t;
            } else if (!on && start >= 0) {
                double onset = Math.min(start * hop, end);
                double offset = Math.min(t * hop, end);
                if (t - start >= minFrames && offset > onset) {
                    out.add(new Event(onset, offset, label));
                }
                start = -1;
            }
        }
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

    /**
     * Micro F1 of clip tags as sed_eval's audio tagging metrics ({@link TaggingMetrics}) count it:
     * a clip has a class when any of its valid frames reaches {@code threshold}; the reference
     * tags are the clip's labels (weak or derived from its strong ones). Tagging nothing scores 0
     * ({@link EmptyOutput#ZERO_SCORE}).
     */
    static Metric<Prediction.FrameProbabilities, Target.Tags> tagF1(double threshold) {
        return new Metric<>() {
            final Clips clips = new Clips();

            @Override
            public void add(INDArray output, Prediction.FrameProbabilities predictions, Target.Tags references) {
                float[][][] p = predictions.p();
                for (int b = 0; b < p.length; b++) {
                    List<String> ref = new ArrayList<>();
                    List<String> est = new ArrayList<>();
                    for (int k = 0; k < references.classes().size(); k++) {
                        boolean tagged = false;
                        for (float[] frame : p[b]) {
                            tagged |= frame[k] >= threshold;
                        }
                        if (tagged) {
                            est.add(references.classes().get(k));
                        }
                        if (references.clip()[b][k] > 0.5f) {
                            ref.add(references.classes().get(k));
                        }
                    }
                    clips.addTags(ref, est, references.classes());
                }
            }

            @Override
            public double value() {
                return TaggingMetrics.score(clips.data()).overall().fMeasure(EmptyOutput.ZERO_SCORE);
            }
        };
    }

    /**
     * Event-based micro F1 as sed_eval 0.2.1 computes it ({@link EventBasedMetrics}): an estimate
     * matches a reference event of the same class when the onsets differ by at most
     * {@code tCollar} seconds and the offsets by at most max(tCollar, {@code percentageOfLength}
     * x the reference's length). The registry's defaults are DCASE task 4's (0.2 s, 0.2).
     * Detecting nothing scores 0, not sed_eval's default NaN ({@link EmptyOutput#ZERO_SCORE}), so
     * that a silent model ranks last instead of leaving its seed out of means; the F1 is NaN only
     * when the split has no event to find.
     */
    static Metric<Prediction.Events, Target.Tags> eventF1(double tCollar, double percentageOfLength) {
        EventBasedMetrics.Settings settings = new EventBasedMetrics.Settings(tCollar, percentageOfLength, true, true);
        return new Metric<>() {
            final Clips clips = new Clips();

            @Override
            public void add(INDArray output, Prediction.Events predictions, Target.Tags references) {
                for (int b = 0; b < references.events().size(); b++) {
                    clips.addEvents(references.events().get(b), predictions.events().get(b), references.classes());
                }
            }

            @Override
            public double value() {
                return EventBasedMetrics.score(clips.data(), settings).overall().fMeasure(EmptyOutput.ZERO_SCORE);
            }
        };
    }

    /**
     * A split's clips as the file-keyed tables {@code org.seqlab.metrics.sed} scores: clip i of
     * the split is file {@code clip-i}; a tag is an event spanning its clip (tagging reads labels only).
     */
    static final class Clips {
        private final List<String> files = new ArrayList<>();
        private final Set<String> classes = new TreeSet<>();
        private final Map<String, List<org.seqlab.metrics.sed.Event>> reference = new HashMap<>();
        private final Map<String, List<org.seqlab.metrics.sed.Event>> estimate = new HashMap<>();

        void addEvents(List<Event> ref, List<Event> est, List<String> labels) {
            String file = "clip-" + files.size();
            files.add(file);
            classes.addAll(labels);
            reference.put(file, inFile(file, ref));
            estimate.put(file, inFile(file, est));
        }

        void addTags(List<String> ref, List<String> est, List<String> labels) {
            addEvents(tags(ref), tags(est), labels);
        }

        SedData data() {
            return new SedData(List.copyOf(files), new ArrayList<>(classes), reference, estimate, null);
        }

        private static List<Event> tags(List<String> labels) {
            List<Event> out = new ArrayList<>();
            for (String l : labels) {
                out.add(new Event(0, 1, l));
            }
            return out;
        }

        private static List<org.seqlab.metrics.sed.Event> inFile(String file, List<Event> events) {
            List<org.seqlab.metrics.sed.Event> out = new ArrayList<>();
            for (Event e : events) {
                out.add(org.seqlab.metrics.sed.Event.in(file, e));
            }
            out.sort(java.util.Comparator.comparingDouble(org.seqlab.metrics.sed.Event::onset));
            return out;
        }
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
