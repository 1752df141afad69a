package org.seqlab.experiment.builtin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.seqlab.audio.AudioFiles;
import org.seqlab.data.Corpus;
import org.seqlab.data.CorpusException;
import org.seqlab.data.Event;
import org.seqlab.data.Example;
import org.seqlab.data.FrameLabels;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.batch.SequenceBatch;
import org.seqlab.experiment.CorpusMissingException;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.DataContext;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.features.FeatureSpec;
import org.seqlab.features.GlobalStats;

/**
 * A sound event detection corpus in the DESED / DCASE 2018 task 4 layout (the generated
 * {@code soundscapes} recipes, or a real DESED folder named in datasets.yaml) as a tagging task:
 * features per frame, clip tags, frame activity and events. Training reads the weak split
 * ({@code train/weak}) with its clip tags; {@code train-labels: strong} trains on the same clips'
 * events instead, from the split itself when it is strongly labelled or from the generator's
 * {@code truth/train_strong.tsv} (the strong-label table and the upper bound of lecture 04).
 * Validation and test are strongly labelled, and event metrics score their events.
 */
final class SoundscapeEvents {
    private SoundscapeEvents() {}

    static TaskData open(Params p, DataContext ctx) {
        String name = p.string("corpus");
        if (ctx.features() == null) {
            throw new ConfigException(null, "data.features",
                    "corpus '" + name + "' is audio: choose features, e.g. features: {name: logmel, bins: 64, hop: 640}");
        }
        Corpus corpus = ctx.corpus(name);
        if (!corpus.isReady()) {
            throw new CorpusMissingException(name, "it is not built under " + corpus.dir()
                    + "; generate it with ./seqlab datasets prepare " + name + " (or place a DESED folder there)");
        }
        for (String key : List.of("train-split", "validation-split", "test-split")) {
            CorpusSplits.require(corpus, key, p.string(key));
        }
        boolean strong = p.string("train-labels").equals("strong");
        int cap = p.integer("max-examples");
        var fx = corpus.features(ctx.features());
        List<Sequence<Example>> train = capped(fx.split(p.string("train-split")).sequences(), cap);
        train = SequenceTasks.fraction(train, ctx.trainFraction());
        if (strong) {
            train = withStrongLabels(train, corpus.dir(), p.string("train-split"));
        }
        List<Sequence<Example>> validation = capped(fx.split(p.string("validation-split")).sequences(), cap);
        List<Sequence<Example>> test = capped(fx.split(p.string("test-split")).sequences(), cap);
        GlobalStats stats = TrainStatistics.fit(train);
        train = TrainStatistics.apply(stats, train);
        validation = TrainStatistics.apply(stats, validation);
        test = TrainStatistics.apply(stats, test);
        TreeSet<String> labels = new TreeSet<>();
        for (List<Sequence<Example>> split : List.of(train, validation, test)) {
            for (Sequence<Example> s : split) {
                labels.addAll(s.target().labels());
                s.target().events().forEach(e -> labels.add(e.label()));
            }
        }
        List<String> classes = new ArrayList<>(labels);
        double hop = hopSeconds(ctx.features());
        TaskShape shape = new TaskShape(ctx.features().dimension(), classes.size(), Task.TAGGING, classes);
        Map<String, Split> splits = new LinkedHashMap<>();
        splits.put("train", Clips.of(train, classes, hop));
        splits.put("validation", Clips.of(validation, classes, hop));
        splits.put("test", Clips.of(test, classes, hop));
        return new SequenceTasks.Data(shape, splits);
    }

    /** Seconds per feature frame: the extractor's hop over its sample rate (10 ms when it does not say). */
    static double hopSeconds(FeatureExtractor fx) {
        if (fx instanceof FeatureSpec spec) {
            Map<String, Object> m = spec.toMap();
            Object mel = m.get("mel");
            if (mel instanceof Map<?, ?> inner) {
                m = new LinkedHashMap<>();
                for (var e : inner.entrySet()) {
                    m.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
            if (m.get("hop") instanceof Number hop && m.get("sample_rate") instanceof Number rate) {
                return hop.doubleValue() / rate.doubleValue();
            }
        }
        return 0.01;
    }

    /**
     * The clips with their events: from the split when it is strongly labelled, else from
     * {@code truth/train_strong.tsv} (written by the soundscapes generator beside the weak split).
     */
    static List<Sequence<Example>> withStrongLabels(List<Sequence<Example>> clips, Path root, String split) {
        boolean any = clips.stream().anyMatch(s -> s.target().hasStrongLabels());
        if (any) {
            return clips;
        }
        Path truth = root.resolve("truth/train_strong.tsv");
        if (!Files.isRegularFile(truth)) {
            throw new ConfigException(null, "data.corpus.train-labels", "split '" + split + "' has clip tags only and "
                    + truth + " does not exist; train on a strongly labelled split (train-split) or use train-labels: weak");
        }
        Map<String, List<Event>> events = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(truth);
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split("\t", -1);
                if (c.length < 4) {
                    throw new CorpusException(truth + ":" + (i + 1) + ": expected filename, onset, offset, event_label");
                }
                List<Event> list = events.computeIfAbsent(c[0], k -> new ArrayList<>());
                if (!c[1].isBlank()) {
                    list.add(new Event(Double.parseDouble(c[1]), Double.parseDouble(c[2]), c[3].trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new CorpusException(truth + ": " + e.getMessage());
        }
        List<Sequence<Example>> out = new ArrayList<>();
        for (Sequence<Example> s : clips) {
            Example e = s.target();
            List<Event> ev = events.getOrDefault(e.id(), List.of());
            out.add(new Sequence<>(s.id(), s.frames(), new Example(e.id(), e.audio(), e.speaker(), e.transcript(), e.labels(), ev)));
        }
        return out;
    }

    private static <T> List<T> capped(List<T> l, int cap) {
        return cap > 0 && l.size() > cap ? l.subList(0, cap) : l;
    }

    /**
     * A split of clips as tagging batches: clip tags, frame activity from the events (zeros when
     * only tags are known), and each clip's duration ({@code seconds}), where decoded events end.
     */
    record Clips(List<Sequence<Example>> clips, List<String> classes, double hop, double[] seconds) implements Split {
        /** The clips with their durations read from their audio files' headers. */
        static Clips of(List<Sequence<Example>> clips, List<String> classes, double hop) {
            double[] seconds = new double[clips.size()];
            for (int i = 0; i < seconds.length; i++) {
                Path audio = clips.get(i).target().audio();
                try {
                    seconds[i] = AudioFiles.seconds(audio);
                } catch (org.seqlab.audio.AudioFormatException e) {
                    throw new CorpusException("cannot read a clip's duration: " + e.getMessage());
                } catch (IOException e) {
                    throw new CorpusException(audio + ": cannot read the clip's duration: " + e);
                }
            }
            return new Clips(clips, classes, hop, seconds);
        }

        @Override
        public int size() {
            return clips.size();
        }

        /** The clip's file name, so a run's detections.tsv names the corpus' files. */
        @Override
        public String id(int i) {
            return clips.get(i).target().id();
        }

        @Override
        public int length(int i) {
            return clips.get(i).length();
        }

        @Override
        public Batch batch(int[] idx) {
            List<Sequence<Example>> xs = new ArrayList<>();
            for (int i : idx) {
                xs.add(clips.get(i));
            }
            SequenceBatch<Example> p = SequenceBatch.of(xs);
            float[][] tags = new float[idx.length][];
            double[] durations = new double[idx.length];
            float[][][] activity = new float[idx.length][p.maxLength()][classes.size()];
            List<List<Event>> events = new ArrayList<>();
            for (int b = 0; b < idx.length; b++) {
                Sequence<Example> s = clips.get(idx[b]);
                tags[b] = FrameLabels.tags(s.target().labels(), classes);
                float[][] a = FrameLabels.of(s.target().events(), classes, s.length(), hop);
                for (int t = 0; t < a.length; t++) {
                    activity[b][t] = a[t];
                }
                events.add(s.target().events());
                durations[b] = seconds[idx[b]];
            }
            return Batch.of(p, new Target.Tags(tags, activity, events, classes, hop, durations));
        }
    }
}
