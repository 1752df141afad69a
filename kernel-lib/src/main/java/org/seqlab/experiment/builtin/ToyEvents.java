package org.seqlab.experiment.builtin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.seqlab.data.Checksums;
import org.seqlab.data.Event;
import org.seqlab.data.FrameLabels;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.batch.SequenceBatch;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * A sound-event-detection task made in memory, small enough to train in seconds: each class has a
 * fixed random spectral signature, a clip holds up to one event per class (present with
 * probability one half, at a random onset, 5 to 15 frames long), and a frame's features are the
 * sum of the signatures of the events active in it plus Gaussian noise. Clip lengths vary, so
 * padding and masks are exercised. Example {@code i} of a split depends only on (seed, split, i).
 */
final class ToyEvents {
    static final double HOP_SECONDS = 0.1;

    private final int classes;
    private final int features;
    private final int frames;
    private final double noise;
    private final long seed;
    private final float[][] signatures;
    private final List<String> names = new ArrayList<>();

    ToyEvents(int classes, int features, int frames, double noise, long seed) {
        this.classes = classes;
        this.features = features;
        this.frames = frames;
        this.noise = noise;
        this.seed = seed;
        Random r = new Random(Checksums.seedFor(seed, "signatures", 0));
        signatures = new float[classes][features];
        for (int k = 0; k < classes; k++) {
            names.add("class-" + k);
            for (int f = 0; f < features; f++) {
                signatures[k][f] = (float) r.nextGaussian();
            }
        }
    }

    TaskData open(int train, int validation, int test, double fraction) {
        TaskShape shape = new TaskShape(features, classes, Task.TAGGING, names);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", split("train", Math.max(1, (int) Math.ceil(train * fraction))));
        splits.put("validation", split("validation", validation));
        splits.put("test", split("test", test));
        return new SequenceTasks.Data(shape, splits);
    }

    record Clip(float[][] x, List<Event> events, float[][] activity) {}

    Clip clip(String stream, int index) {
        Random r = new Random(Checksums.seedFor(seed, stream, index));
        int length = frames / 2 + r.nextInt(frames - frames / 2 + 1);
        List<Event> events = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            if (r.nextBoolean()) {
                int duration = Math.min(length, 5 + r.nextInt(11));
                int onset = r.nextInt(length - duration + 1);
                events.add(new Event(onset * HOP_SECONDS, (onset + duration) * HOP_SECONDS, names.get(k)));
            }
        }
        float[][] activity = FrameLabels.of(events, names, length, HOP_SECONDS);
        float[][] x = new float[length][features];
        for (int t = 0; t < length; t++) {
            for (int f = 0; f < features; f++) {
                double v = noise * r.nextGaussian();
                for (int k = 0; k < classes; k++) {
                    v += activity[t][k] * signatures[k][f];
                }
                x[t][f] = (float) v;
            }
        }
        return new Clip(x, events, activity);
    }

    private Split split(String stream, int n) {
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clips.add(clip(stream, i));
        }
        return new Split() {
            @Override
            public int size() {
                return clips.size();
            }

            @Override
            public int length(int i) {
                return clips.get(i).x().length;
            }

            @Override
            public Batch batch(int[] idx) {
                List<Sequence<Clip>> xs = new ArrayList<>();
                for (int i : idx) {
                    xs.add(new Sequence<>(stream + "/" + i, clips.get(i).x(), clips.get(i)));
                }
                SequenceBatch<Clip> p = SequenceBatch.of(xs);
                float[][] tags = new float[idx.length][];
                float[][][] activity = new float[idx.length][p.maxLength()][classes];
                List<List<Event>> events = new ArrayList<>();
                for (int b = 0; b < idx.length; b++) {
                    Clip c = clips.get(idx[b]);
                    tags[b] = FrameLabels.tags(c.events().stream().map(Event::label).toList(), names);
                    for (int t = 0; t < c.activity().length; t++) {
                        activity[b][t] = c.activity()[t].clone();
                    }
                    events.add(c.events());
                }
                return Batch.of(p, new Target.Tags(tags, activity, events, names, HOP_SECONDS));
            }
        };
    }
}
