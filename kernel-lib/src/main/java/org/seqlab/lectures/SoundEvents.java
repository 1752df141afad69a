package org.seqlab.lectures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.data.Corpus;
import org.seqlab.data.Datasets;
import org.seqlab.data.Example;
import org.seqlab.data.LabelledSpectrogram;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.builtin.SedPostProcessing;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunModels;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.features.Features;
import org.seqlab.losses.WeakLabels;
import org.seqlab.metrics.sed.Counts;
import org.seqlab.metrics.sed.EmptyOutput;
import org.seqlab.metrics.sed.Event;
import org.seqlab.metrics.sed.EventBasedMetrics;
import org.seqlab.metrics.sed.EventTable;
import org.seqlab.metrics.sed.EventTsv;
import org.seqlab.metrics.sed.Durations;
import org.seqlab.metrics.sed.PsdsEval;
import org.seqlab.metrics.sed.PsdsScore;
import org.seqlab.metrics.sed.SedData;
import org.seqlab.metrics.sed.SedScores;
import org.seqlab.results.Results;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lecture 04 (weakly labelled sound event detection): the analyses its notebook shows, computed
 * from finished runs (their folders, {@code detections.tsv} and {@code reference.tsv}, and their
 * best checkpoints), so the notebook states what to look at and the library does the counting.
 * Event F1 is always sed_eval 0.2.1's event-based metric with DCASE collars (200 ms onset,
 * max(200 ms, 20% of the length) offset), as {@code seqlab score sed} computes it.
 */
public final class SoundEvents {
    /** The features of the lecture's configs: 64 log-mel bands, 64 ms windows, 40 ms hop at 16 kHz. */
    public static final Map<String, Object> FEATURES = Map.of("name", "logmel", "bins", 64, "sample_rate", 16000,
            "win", 1024, "hop", 640, "fft", 1024);

    private SoundEvents() {}

    /** A clip's log-mel spectrogram with its strong labels drawn under it; the title gives its weak tags. */
    public static LabelledSpectrogram clip(String corpus, String split, int index) throws IOException {
        Corpus c = Datasets.get(corpus).prepare();
        var fx = Features.fromMap(FEATURES);
        Example e = c.split(split).get(index);
        float[][] frames = c.features(fx).split(split).get(index);
        List<org.seqlab.data.Event> events = e.events();
        return new LabelledSpectrogram(frames, 0.04, events, e.id() + ": tags " + e.labels());
    }

    /**
     * Event F1 per class of every run, read from its {@code detections.tsv} and
     * {@code reference.tsv}: a long results table (target = class, metric {@code event-f1}) with
     * the column {@code key} and the class's mean reference event length, rows ordered from the
     * shortest class to the longest, so plots show F1 against typical duration. A class never
     * detected scores 0, as in the run's own {@code event-f1} ({@link EmptyOutput#ZERO_SCORE}).
     */
    public static Table perClass(ExperimentRun runs, String key) {
        List<Row> rows = new ArrayList<>();
        Map<String, double[]> lengths = new HashMap<>();
        for (RunResult r : runs.runs()) {
            Map<String, List<Event>> ref = EventTsv.readEvents(r.path().resolve(RunDirectory.REFERENCE_EVENTS)).byFile();
            Map<String, List<Event>> est = EventTsv.readEvents(r.path().resolve(RunDirectory.DETECTIONS)).byFile();
            SedScores s = EventBasedMetrics.score(data(ref, est), EventBasedMetrics.Settings.DCASE);
            ref.values().forEach(l -> l.forEach(ev -> {
                double[] a = lengths.computeIfAbsent(ev.label(), k -> new double[2]);
                a[0] += ev.offset() - ev.onset();
                a[1]++;
            }));
            String value = Results.config(r).getOrDefault(key, "");
            s.classWise().forEach((label, counts) ->
                    rows.add(new Row(r, value, label, counts.fMeasure(EmptyOutput.ZERO_SCORE))));
        }
        rows.sort(java.util.Comparator.comparingDouble((Row x) -> mean(lengths.get(x.label))).thenComparing(x -> x.value));
        Table t = Table.create("event F1 per class");
        StringColumn run = StringColumn.create(Results.RUN);
        StringColumn k = StringColumn.create(key);
        LongColumn seed = LongColumn.create(Results.SEED);
        StringColumn metric = StringColumn.create(Results.METRIC);
        StringColumn target = StringColumn.create(Results.TARGET);
        DoubleColumn length = DoubleColumn.create("mean length (s)");
        DoubleColumn value = DoubleColumn.create(Results.VALUE);
        for (Row x : rows) {
            run.append(x.run.run());
            k.append(x.value);
            seed.append(x.run.seed());
            metric.append("event-f1");
            target.append(x.label);
            length.append(Math.round(100 * mean(lengths.get(x.label))) / 100.0);
            value.append(x.f1);
        }
        return t.addColumns(run, k, seed, metric, target, length, value);
    }

    /**
     * The overall event F1 of a run's {@code detections.tsv} against its {@code reference.tsv},
     * read back from the files as {@code seqlab score sed} reads them: equal to the run's own
     * {@code event-f1} when the written detections are what the run scored. With no detection at
     * all it is 0, as the run's metric, where {@code score sed} prints sed_eval's default NaN.
     */
    public static double rescoredEventF1(RunResult r) {
        Map<String, List<Event>> ref = EventTsv.readEvents(r.path().resolve(RunDirectory.REFERENCE_EVENTS)).byFile();
        Map<String, List<Event>> est = EventTsv.readEvents(r.path().resolve(RunDirectory.DETECTIONS)).byFile();
        return EventBasedMetrics.score(data(ref, est), EventBasedMetrics.Settings.DCASE).overall()
                .fMeasure(EmptyOutput.ZERO_SCORE);
    }

    private record Row(RunResult run, String value, String label, double f1) {}

    private static double mean(double[] a) {
        return a == null || a[1] == 0 ? 0 : a[0] / a[1];
    }

    private static SedData data(Map<String, List<Event>> ref, Map<String, List<Event>> est) {
        TreeSet<String> files = new TreeSet<>(ref.keySet());
        files.addAll(est.keySet());
        TreeSet<String> classes = new TreeSet<>();
        ref.values().forEach(l -> l.forEach(e -> classes.add(e.label())));
        est.values().forEach(l -> l.forEach(e -> classes.add(e.label())));
        Map<String, List<Event>> r = new HashMap<>();
        Map<String, List<Event>> e = new HashMap<>();
        for (String f : files) {
            r.put(f, ref.getOrDefault(f, List.of()));
            e.put(f, est.getOrDefault(f, List.of()));
        }
        return new SedData(List.copyOf(files), new ArrayList<>(classes), r, e, null);
    }

    /** A trained run's test-split outputs, computed once for the analyses that re-decode them. */
    private record Outputs(List<INDArray> outputs, List<Batch> batches, List<String> classes) {}

    private static Outputs outputs(Path run) {
        ExperimentSpec spec = SpecYaml.load(run.resolve(RunDirectory.CONFIG), List.of(), Registry.global());
        Components c = Components.build(spec, Registry.global(), org.seqlab.data.DataHome.get());
        TaskModel model = RunModels.trained(run);
        Split test = c.data().split(spec.evaluate().split());
        List<INDArray> outs = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < test.size(); from += 16) {
                int[] idx = java.util.stream.IntStream.range(from, Math.min(test.size(), from + 16)).toArray();
                Batch b = test.batch(idx);
                try (MemoryScope scope = MemoryScope.open()) {
                    outs.add(model.forward(b).value().dup());
                }
                batches.add(b);
            }
        }
        return new Outputs(outs, batches, c.data().shape().classNames());
    }

    /**
     * Event F1 of a trained run's test clips re-decoded with every median window (frames) and
     * threshold: how much the post-processing, not the model, decides the score. Columns
     * {@code median}, {@code threshold}, {@code event-f1}.
     */
    public static Table postProcessing(Path run, int[] medians, double[] thresholds) {
        Outputs o = outputs(run);
        Table t = Table.create("event F1 against post-processing");
        IntColumn med = IntColumn.create("median");
        DoubleColumn thr = DoubleColumn.create("threshold");
        DoubleColumn f1 = DoubleColumn.create("event-f1");
        for (int m : medians) {
            for (double th : thresholds) {
                Decoded d = decode(o, new SedPostProcessing.Settings(th, Map.of(), m, false, 0.5, 1));
                Map<String, List<Event>> ref = d.reference;
                Map<String, List<Event>> est = d.estimate;
                Counts overall = EventBasedMetrics.score(data(ref, est), EventBasedMetrics.Settings.DCASE).overall();
                med.append(m);
                thr.append(th);
                f1.append(overall.fMeasure(EmptyOutput.ZERO_SCORE));
            }
        }
        return t.addColumns(med, thr, f1);
    }

    /**
     * PSDS ROC curves of a trained run's test clips over decision thresholds (median filter
     * {@code median} frames), with the DESED settings: PSDS1 (dtc = gtc = 0.7, alpha_ct 0,
     * alpha_st 1, max eFPR 100 per hour) and PSDS2 (dtc = gtc = 0.1, cttc 0.3, alpha_ct 0.5,
     * alpha_st 1, max eFPR 100). A clip's duration is its audio's, at most its frames times the hop. Columns
     * {@code setting} (with its PSDS), {@code eFPR (per hour)}, {@code eTPR}.
     */
    public static Table psdsRoc(Path run, double[] thresholds, int median) {
        Outputs o = outputs(run);
        List<Event> gt = new ArrayList<>();
        Map<String, Double> durations = new LinkedHashMap<>();
        List<List<Event>> detections = new ArrayList<>();
        for (double th : thresholds) {
            Decoded d = decode(o, new SedPostProcessing.Settings(th, Map.of(), median, false, 0.5, 1));
            if (gt.isEmpty()) {
                d.reference.values().forEach(gt::addAll);
                durations.putAll(d.durations);
            }
            List<Event> est = new ArrayList<>();
            d.estimate.values().forEach(est::addAll);
            detections.add(est);
        }
        Table t = Table.create("PSDS ROC");
        StringColumn setting = StringColumn.create("setting");
        DoubleColumn x = DoubleColumn.create("eFPR (per hour)");
        DoubleColumn y = DoubleColumn.create("eTPR");
        double[][] settings = {{0.7, 0.7, 0.3, 0.0, 1.0, 100}, {0.1, 0.1, 0.3, 0.5, 1.0, 100}};
        for (int k = 0; k < settings.length; k++) {
            double[] st = settings[k];
            PsdsEval eval = new PsdsEval(EventTable.of("reference", gt), new Durations("clip durations", durations),
                    new PsdsEval.Thresholds(st[0], st[1], st[2]));
            for (int i = 0; i < thresholds.length; i++) {
                eval.add(EventTable.of("threshold " + thresholds[i], detections.get(i)));
            }
            PsdsScore score = eval.psds(st[3], st[4], st[5]);
            String name = String.format(java.util.Locale.ROOT, "PSDS%d = %.3f", k + 1, score.value());
            for (int i = 0; i < score.efpr().length; i++) {
                setting.append(name);
                x.append(score.efpr()[i]);
                y.append(score.etpr()[i]);
            }
        }
        return t.addColumns(setting, x, y);
    }

    /** Reference and detected events of every test clip (file clip-i) under one post-processing, and each clip's duration. */
    private record Decoded(Map<String, List<Event>> reference, Map<String, List<Event>> estimate, Map<String, Double> durations) {}

    private static Decoded decode(Outputs o, SedPostProcessing.Settings settings) {
        var decoder = SedPostProcessing.decoder(settings);
        Map<String, List<Event>> ref = new LinkedHashMap<>();
        Map<String, List<Event>> est = new LinkedHashMap<>();
        Map<String, Double> durations = new LinkedHashMap<>();
        int clip = 0;
        for (int i = 0; i < o.outputs.size(); i++) {
            Batch b = o.batches.get(i);
            var decoded = decoder.decode(o.outputs.get(i), b);
            Target.Tags tags = (Target.Tags) b.target();
            for (int j = 0; j < decoded.events().size(); j++) {
                String file = "clip-" + clip++;
                ref.put(file, tags.events().get(j).stream().map(e -> Event.in(file, e)).toList());
                est.put(file, decoded.events().get(j).stream().map(e -> Event.in(file, e)).toList());
                durations.put(file, Math.min(tags.end(j), decoded.frames().p()[j].length * tags.hopSeconds()));
            }
        }
        return new Decoded(ref, est, durations);
    }

    /**
     * The class-by-class cosine similarity of the frame probability curves of a trained run's
     * test clips, averaged over the clips where both classes are tagged (the pairs the penalty
     * acts on; 0 for a pair never tagged together): a (row, column, weight) table for a heatmap.
     */
    public static Table cosineSimilarity(Path run) {
        Outputs o = outputs(run);
        int c = o.classes.size();
        double[][] sum = new double[c][c];
        int[][] n = new int[c][c];
        for (int i = 0; i < o.outputs.size(); i++) {
            Batch b = o.batches.get(i);
            Target.Tags tags = (Target.Tags) b.target();
            INDArray out = o.outputs.get(i);
            int width = (int) out.size(2);
            float[] s = out.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            int steps = b.steps();
            for (int j = 0; j < b.size(); j++) {
                int length = b.mask() == null ? steps : (int) b.mask().getRow(j).sumNumber().doubleValue();
                float[][] p = new float[length][c];
                for (int t = 0; t < length; t++) {
                    for (int k = 0; k < c; k++) {
                        p[t][k] = (float) (1 / (1 + Math.exp(-s[(j * steps + t) * width + k])));
                    }
                }
                double[][] m = WeakLabels.cosineMatrix(p);
                for (int k = 0; k < c; k++) {
                    for (int l = 0; l < c; l++) {
                        if (tags.clip()[j][k] > 0.5f && tags.clip()[j][l] > 0.5f) {
                            sum[k][l] += m[k][l];
                            n[k][l]++;
                        }
                    }
                }
            }
        }
        Table t = Table.create("cosine similarity of frame curves");
        StringColumn row = StringColumn.create("class");
        StringColumn col = StringColumn.create("other class");
        DoubleColumn w = DoubleColumn.create("cosine");
        for (int k = 0; k < c; k++) {
            for (int l = 0; l < c; l++) {
                row.append(o.classes.get(k));
                col.append(o.classes.get(l));
                w.append(n[k][l] == 0 ? 0 : sum[k][l] / n[k][l]);
            }
        }
        return t.addColumns(row, col, w);
    }
}
