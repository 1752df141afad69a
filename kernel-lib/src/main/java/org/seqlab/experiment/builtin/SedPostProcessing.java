package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.data.Event;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;

/**
 * Frame probabilities to events as the DCASE systems post-process them: a median filter over
 * time per class (an odd window of frames; it commutes with thresholding, so filtering
 * probabilities and then thresholding equals filtering the binary decisions), a threshold per
 * class, runs of active frames as events. With {@code two-pass} a clip is first tagged (its clip
 * probability, the attention pooling when the model has an attention head, else the largest
 * frame probability, reaching {@code tag-threshold}) and only tagged classes are localised,
 * which removes short false alarms of classes absent from the clip.
 */
public final class SedPostProcessing {
    private SedPostProcessing() {}

    public record Settings(double threshold, Map<String, Double> classThresholds, int medianWindow, boolean twoPass,
                    double tagThreshold, int minFrames) {}

    /** "dog_bark=0.3, alarm=0.6" -> map; labels checked against the task's classes. */
    static Map<String, Double> classThresholds(String spec, List<String> classes) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new ConfigException(null, "decoder.class-thresholds", "expected label=threshold, got '" + part.trim() + "'");
            }
            String label = kv[0].trim();
            if (!classes.isEmpty() && !classes.contains(label)) {
                throw new ConfigException(null, "decoder.class-thresholds", "'" + label + "' is not a class; classes: " + classes);
            }
            try {
                double t = Double.parseDouble(kv[1].trim());
                if (!(t >= 0 && t <= 1)) {
                    throw new NumberFormatException();
                }
                out.put(label, t);
            } catch (NumberFormatException e) {
                throw new ConfigException(null, "decoder.class-thresholds", "threshold of '" + label + "' must be a number in [0, 1]");
            }
        }
        return out;
    }

    /** "click, knock" -> [click, knock], each checked against the task's classes (when it names them). */
    static List<String> classList(String spec, List<String> classes) {
        List<String> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String label = part.trim();
            if (label.isEmpty()) {
                continue;
            }
            if (!classes.isEmpty() && !classes.contains(label)) {
                throw new ConfigException(null, "evaluate.metrics.classes", "class-event-f1: '" + label + "' is not a class of"
                        + " the corpus; its classes: " + classes + " (the default names the generated recipe's short classes:"
                        + " give {name: class-event-f1, classes: ...} or leave class-event-f1 out of evaluate.metrics)");
            }
            out.add(label);
        }
        if (out.isEmpty()) {
            throw new ConfigException(null, "evaluate.metrics.classes", "name at least one class");
        }
        return out;
    }

    public static Decoder<Prediction.Events> decoder(Settings s) {
        return (INDArray output, Batch batch) -> {
            Target.Tags tags = (Target.Tags) batch.target();
            Prediction.FrameProbabilities frames = EventDetection.probabilities(output, batch);
            float[][] clip = s.twoPass() ? clipProbabilities(output, batch, frames) : null;
            List<List<Event>> out = new ArrayList<>();
            float[][][] filtered = new float[frames.p().length][][];
            for (int b = 0; b < frames.p().length; b++) {
                filtered[b] = median(frames.p()[b], s.medianWindow());
                out.add(events(filtered[b], s, clip == null ? null : clip[b], tags.classes(), tags.hopSeconds(), tags.end(b)));
            }
            return new Prediction.Events(out, new Prediction.FrameProbabilities(filtered));
        };
    }

    /** The events of one clip that ends at {@code end} seconds (infinity when not known). */
    static List<Event> events(float[][] p, Settings s, float[] clip, List<String> classes, double hop, double end) {
        List<Event> out = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            if (clip != null && clip[k] < s.tagThreshold()) {
                continue;
            }
            double threshold = s.classThresholds().getOrDefault(classes.get(k), s.threshold());
            EventDetection.addRuns(p, k, threshold, s.minFrames(), classes.get(k), hop, end, out);
        }
        out.sort(java.util.Comparator.comparingDouble(Event::onset));
        return out;
    }

    /** Per class, the median of the frames within window/2 of each frame (the window shrinks at the clip's edges). */
    static float[][] median(float[][] p, int window) {
        if (window <= 1 || p.length == 0) {
            return p;
        }
        int half = window / 2;
        int c = p[0].length;
        float[][] out = new float[p.length][c];
        float[] buf = new float[2 * half + 1];
        for (int k = 0; k < c; k++) {
            for (int t = 0; t < p.length; t++) {
                int from = Math.max(0, t - half);
                int to = Math.min(p.length - 1, t + half);
                int n = 0;
                for (int u = from; u <= to; u++) {
                    buf[n++] = p[u][k];
                }
                Arrays.sort(buf, 0, n);
                out[t][k] = n % 2 == 1 ? buf[n / 2] : (buf[n / 2 - 1] + buf[n / 2]) / 2;
            }
        }
        return out;
    }

    /**
     * Each clip's tag probability per class: attention pooling of the frame probabilities when
     * the output carries attention logits ([B, T, 2C]), else the largest frame probability.
     */
    static float[][] clipProbabilities(INDArray output, Batch batch, Prediction.FrameProbabilities frames) {
        Target.Tags tags = (Target.Tags) batch.target();
        int c = tags.classes().size();
        int width = Outputs.classes(output);
        float[][][] p = frames.p();
        float[][] out = new float[p.length][c];
        float[] s = width == 2 * c ? Outputs.rows(output) : null;
        int steps = batch.steps();
        for (int b = 0; b < p.length; b++) {
            for (int k = 0; k < c; k++) {
                if (s == null) {
                    float m = 0;
                    for (float[] frame : p[b]) {
                        m = Math.max(m, frame[k]);
                    }
                    out[b][k] = m;
                } else {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < p[b].length; t++) {
                        max = Math.max(max, s[(b * steps + t) * width + c + k]);
                    }
                    double num = 0;
                    double den = 0;
                    for (int t = 0; t < p[b].length; t++) {
                        double w = Math.exp(s[(b * steps + t) * width + c + k] - max);
                        num += w * p[b][t][k];
                        den += w;
                    }
                    out[b][k] = (float) (num / den);
                }
            }
        }
        return out;
    }
}
