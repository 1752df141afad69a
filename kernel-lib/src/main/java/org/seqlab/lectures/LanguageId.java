package org.seqlab.lectures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.audio.AudioPlayer;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.data.Corpus;
import org.seqlab.data.DataHome;
import org.seqlab.data.Datasets;
import org.seqlab.data.Event;
import org.seqlab.data.LabelledSpectrogram;
import org.seqlab.data.generate.Espeak;
import org.seqlab.data.generate.LidGenerator.Stretch;
import org.seqlab.data.generate.WordLists;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.builtin.HierarchicalGru;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.yaml.SpecYaml;
import org.seqlab.features.LogMel;
import org.seqlab.metrics.lid.DetPoint;
import org.seqlab.metrics.lid.LanguageScores;
import org.seqlab.metrics.lid.LidMetrics;
import org.seqlab.metrics.lid.LidScore;
import org.seqlab.nn.Checkpoint;
import org.seqlab.results.Results;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Lecture 06 (language identification) analyses over runs of {@code experiments/lid}: the test
 * scores split by duration condition and by presence of non-speech (from each run's
 * {@code SCORES.tsv} and the corpus's {@code utterances.tsv}), DET points and confusion counts
 * for plots, and where a hierarchical model's attention goes against the known positions of the
 * inserted non-speech stretches. Tables come in the long results format so claims judge them.
 */
public final class LanguageId {
    private LanguageId() {}

    /** "Today the weather is fine and we go to the market." in the lid corpus's languages. */
    public static final Map<String, String> SENTENCE = Map.of(
            "en", "Today the weather is fine and we are going to the market.",
            "fr", "Aujourd'hui il fait beau et nous allons au marché.",
            "de", "Heute ist das Wetter schön und wir gehen auf den Markt.",
            "es", "Hoy hace buen tiempo y vamos al mercado.",
            "it", "Oggi il tempo è bello e andiamo al mercato.",
            "pt", "Hoje o tempo está bom e vamos ao mercado.",
            "nl", "Vandaag is het mooi weer en we gaan naar de markt.",
            "sv", "I dag är vädret fint och vi går till torget.");

    /** One test utterance's ground truth from {@code utterances.tsv}. */
    public record Utterance(String id, String language, double seconds, String condition, List<Stretch> nonspeech) {}

    /** Every utterance of a corpus's split, keyed by the loader's id ({@code <language>/<file>}). */
    public static Map<String, Utterance> utterances(String corpus, String split) throws IOException {
        Path table = Datasets.get(corpus).dir().resolve("utterances.tsv");
        if (!Files.exists(table)) {
            throw new IllegalArgumentException(table + " does not exist: prepare the corpus (./seqlab datasets prepare " + corpus
                    + "); only generated lid corpora record durations and non-speech positions");
        }
        Map<String, Utterance> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (!f[0].startsWith(split + "/")) {
                continue;
            }
            String id = f[0].substring(split.length() + 1);
            out.put(id, new Utterance(id, f[1], Double.parseDouble(f[3]), f[4], Stretch.parseAll(f[5])));
        }
        return out;
    }

    /** The same sentence spoken by espeak-ng in each language: a log-mel spectrogram and a player each. */
    public static List<Object> sameSentence(List<String> languages) throws IOException {
        List<Object> out = new ArrayList<>();
        int rate = 16000;
        for (String lang : languages) {
            String text = SENTENCE.get(lang);
            if (text == null) {
                throw new IllegalArgumentException("no sentence for language '" + lang + "'; languages: " + SENTENCE.keySet());
            }
            float[] x = Espeak.speak(text, WordLists.language(lang).voice() + "+m3", 150, 50, rate);
            float[][] f = LogMel.bins(64).extract(x, rate);
            out.add(new LabelledSpectrogram(f, (double) x.length / rate / Math.max(1, f.length), List.of(), lang + ": " + text));
            out.add(AudioPlayer.of(x, rate).withCaption(lang + ": " + text));
        }
        return out;
    }

    /**
     * Test metrics per run by condition ({@code test.condition}: each duration condition such as
     * {@code 3s}, and {@code with-nonspeech} / {@code speech-only}), scored with
     * {@code metrics.lid} exactly as {@code seqlab score lid} scores each subset of SCORES.tsv.
     * Columns: experiment, run, the key columns of {@code runs.results()}, test.condition, seed,
     * split, metric (accuracy, cavg, min-cavg, eer), target, value.
     */
    public static Table byCondition(ExperimentRun runs, String corpus) throws IOException {
        Map<String, Utterance> truth = utterances(corpus, "test");
        Rows rows = new Rows(runs, "test.condition");
        for (RunResult r : runs.runs()) {
            LanguageScores s = LanguageScores.read(r.path().resolve(RunDirectory.SCORES));
            Map<String, List<Integer>> subsets = new LinkedHashMap<>();
            for (int i = 0; i < s.rows(); i++) {
                Utterance u = truth.get(s.utterances().get(i));
                if (u == null) {
                    throw new IllegalArgumentException(r.path() + ": utterance " + s.utterances().get(i) + " is not in " + corpus);
                }
                if (!u.condition().equals("-")) {
                    subsets.computeIfAbsent(u.condition(), k -> new ArrayList<>()).add(i);
                }
                subsets.computeIfAbsent(u.nonspeech().isEmpty() ? "speech-only" : "with-nonspeech", k -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<String, List<Integer>> e : subsets.entrySet()) {
                LanguageScores sub = subset(s, e.getValue());
                if (sub == null) {
                    continue;
                }
                LidScore score = LidScore.of(sub, LidScore.DEFAULT_P_TARGET);
                rows.add(r, e.getKey(), "accuracy", score.accuracy());
                rows.add(r, e.getKey(), "cavg", score.cavg());
                rows.add(r, e.getKey(), "min-cavg", score.minCavg());
                rows.add(r, e.getKey(), "eer", score.eer());
            }
        }
        return rows.table("LID test metrics by condition");
    }

    /** The rows {@code keep} of a score table, with the languages that keep a trial; null with fewer than two. */
    static LanguageScores subset(LanguageScores s, List<Integer> keep) {
        int n = s.languages().size();
        boolean[] has = new boolean[n];
        keep.forEach(r -> has[s.truth(r)] = true);
        List<String> langs = new ArrayList<>();
        int[] column = new int[n];
        for (int l = 0; l < n; l++) {
            column[l] = has[l] ? langs.size() : -1;
            if (has[l]) {
                langs.add(s.languages().get(l));
            }
        }
        if (langs.size() < 2) {
            return null;
        }
        List<String> utts = new ArrayList<>();
        int[] t = new int[keep.size()];
        double[][] scores = new double[keep.size()][langs.size()];
        for (int i = 0; i < keep.size(); i++) {
            int r = keep.get(i);
            utts.add(s.utterances().get(r));
            t[i] = column[s.truth(r)];
            for (int l = 0; l < n; l++) {
                if (column[l] >= 0) {
                    scores[i][column[l]] = s.score(r, l);
                }
            }
        }
        return LanguageScores.of(s.source(), langs, utts, t, scores);
    }

    /**
     * DET points of each configuration's first seed, as probits (the DET plot's axes:
     * {@code probit(p)} is the standard normal quantile, so a Gaussian-score system is a line).
     * Columns: model (the differing keys' values), p_fa, p_miss, probit_fa, probit_miss.
     */
    public static Table det(ExperimentRun runs) throws IOException {
        Table t = Table.create("DET points", StringColumn.create("model"), DoubleColumn.create("p_fa"),
                DoubleColumn.create("p_miss"), DoubleColumn.create("probit_fa"), DoubleColumn.create("probit_miss"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunResult r : runs.runs()) {
            String model = label(runs, r);
            if (!seen.add(model)) {
                continue;
            }
            for (DetPoint p : LidMetrics.det(LanguageScores.read(r.path().resolve(RunDirectory.SCORES)))) {
                double fa = clamp(p.pFa());
                double miss = clamp(p.pMiss());
                t.stringColumn("model").append(model);
                t.doubleColumn("p_fa").append(p.pFa());
                t.doubleColumn("p_miss").append(p.pMiss());
                t.doubleColumn("probit_fa").append(probit(fa));
                t.doubleColumn("probit_miss").append(probit(miss));
            }
        }
        return t;
    }

    private static double clamp(double p) {
        return Math.min(1 - 1e-3, Math.max(1e-3, p));
    }

    /** The standard normal quantile (Acklam's rational approximation refined by one Newton step; |error| < 1e-9). */
    static double probit(double p) {
        double q = p < 0.5 ? p : 1 - p;
        double t = Math.sqrt(-2 * Math.log(q));
        double x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
        for (int i = 0; i < 3; i++) {
            double cdf = 0.5 * org.apache.commons.math3.special.Erf.erfc(x / Math.sqrt(2));
            x += (cdf - q) / (Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI));
        }
        return p < 0.5 ? -x : x;
    }

    /** Counts of (true, predicted) language from a run's SCORES.tsv, for a heatmap. */
    public static Table confusion(Path runFolder) throws IOException {
        LanguageScores s = LanguageScores.read(runFolder.resolve(RunDirectory.SCORES));
        var m = LidMetrics.confusion(s);
        Table t = Table.create("confusion", StringColumn.create("true language"), StringColumn.create("predicted"),
                IntColumn.create("utterances"));
        for (int a = 0; a < m.classes(); a++) {
            for (int b = 0; b < m.classes(); b++) {
                t.stringColumn("true language").append(s.languages().get(a));
                t.stringColumn("predicted").append(s.languages().get(b));
                t.intColumn("utterances").append((int) m.count(a, b));
            }
        }
        return t;
    }

    /**
     * Pooling weight of every segment of every test utterance of a hierarchical run (its best
     * checkpoint on the run's own test features): utterance, segment, start and end (s), weight,
     * relative weight (weight times the utterance's number of segments, 1 = uniform) and kind:
     * {@code speech} (no overlap with an inserted stretch), {@code nonspeech} (at least half of it
     * inside one), or {@code mixed}.
     */
    public static Table attention(Path runFolder, String corpus) throws IOException {
        ExperimentSpec spec = SpecYaml.load(runFolder.resolve(RunDirectory.CONFIG), List.of(), Registry.global());
        Components c = Components.build(spec, Registry.global(), DataHome.get());
        if (!(c.model() instanceof HierarchicalGru model)) {
            throw new IllegalArgumentException(runFolder + " is a '" + spec.model().name() + "' run; attention needs an hgru run");
        }
        Checkpoint.load(Files.exists(runFolder.resolve(RunDirectory.BEST)) ? runFolder.resolve(RunDirectory.BEST)
                : runFolder.resolve(RunDirectory.LAST), model, null);
        model.eval();
        Map<String, Object> fx = spec.data().features().params();
        double frame = ((Number) fx.getOrDefault("hop", 160)).doubleValue() / ((Number) fx.getOrDefault("sample-rate", 16000)).doubleValue();
        Map<String, Utterance> truth = utterances(corpus, "test");
        Split test = c.data().split("test");
        Table t = Table.create("attention", StringColumn.create("utterance"), IntColumn.create("segment"),
                DoubleColumn.create("start"), DoubleColumn.create("end"), DoubleColumn.create("weight"),
                DoubleColumn.create("relative weight"), StringColumn.create("kind"));
        int batch = 8;
        try (GradMode off = GradMode.off()) {
            for (int from = 0; from < test.size(); from += batch) {
                int[] idx = java.util.stream.IntStream.range(from, Math.min(test.size(), from + batch)).toArray();
                try (MemoryScope scope = MemoryScope.open()) {
                    Batch b = test.batch(idx);
                    model.forward(b);
                    INDArray w = model.attentionWeights();
                    var layout = model.layout();
                    for (int i = 0; i < idx.length; i++) {
                        Utterance u = truth.get(test.id(idx[i]));
                        int count = layout.counts()[i];
                        for (int s = 0; s < count; s++) {
                            double start = layout.start(s) * frame;
                            double end = (layout.start(s) + layout.frames(i, s)) * frame;
                            t.stringColumn("utterance").append(test.id(idx[i]));
                            t.intColumn("segment").append(s);
                            t.doubleColumn("start").append(start);
                            t.doubleColumn("end").append(end);
                            t.doubleColumn("weight").append(w.getDouble(i, s));
                            t.doubleColumn("relative weight").append(w.getDouble(i, s) * count);
                            t.stringColumn("kind").append(kind(u == null ? List.of() : u.nonspeech(), start, end));
                        }
                    }
                }
            }
        }
        return t;
    }

    static String kind(List<Stretch> stretches, double start, double end) {
        double best = 0;
        for (Stretch s : stretches) {
            best = Math.max(best, Math.max(0, Math.min(end, s.end()) - Math.max(start, s.start())));
        }
        if (best <= 0) {
            return "speech";
        }
        return best >= 0.5 * (end - start) ? "nonspeech" : "mixed";
    }

    /**
     * Mean relative pooling weight of speech and of non-speech segments per hierarchical run,
     * over the test utterances that have non-speech stretches, in the long results format
     * (column {@code segment.kind}; metric {@code relative-weight}; 1 = uniform), for the claim that
     * attention puts less weight on non-speech.
     */
    public static Table attentionByKind(ExperimentRun runs, String corpus) throws IOException {
        Rows rows = new Rows(runs, "segment.kind");
        for (RunResult r : runs.runs()) {
            if (!"hgru".equals(Results.config(r).get("model.name"))) {
                continue;
            }
            Table a = attention(r.path(), corpus);
            Map<String, Utterance> truth = utterances(corpus, "test");
            for (String kind : List.of("speech", "nonspeech")) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < a.rowCount(); i++) {
                    Utterance u = truth.get(a.stringColumn("utterance").get(i));
                    if (u != null && !u.nonspeech().isEmpty() && a.stringColumn("kind").get(i).equals(kind)) {
                        sum += a.doubleColumn("relative weight").get(i);
                        n++;
                    }
                }
                if (n > 0) {
                    rows.add(r, kind, "relative-weight", sum / n);
                }
            }
        }
        return rows.table("Pooling weight by segment kind (1 = uniform)");
    }

    /**
     * One utterance's spectrogram with its non-speech stretches drawn as events, and the pooling
     * weight of each segment over time from an attention table ({@link #attention}).
     */
    public static List<Object> attentionPlot(Table attention, String corpus, String utterance) throws IOException {
        Corpus c = Datasets.get(corpus);
        Utterance u = utterances(corpus, "test").get(utterance);
        if (u == null) {
            throw new IllegalArgumentException("no test utterance " + utterance + " in " + corpus);
        }
        org.seqlab.data.Split split = c.split("test");
        int index = -1;
        for (int i = 0; i < split.size(); i++) {
            if (split.get(i).id().equals(utterance)) {
                index = i;
            }
        }
        org.seqlab.audio.Audio audio = org.seqlab.audio.Audio.read(split.get(index).audio());
        float[] x = audio.mono();
        int rate = audio.sampleRate();
        float[][] f = LogMel.bins(64).extract(x, rate);
        List<Event> events = u.nonspeech().stream().map(s -> new Event(s.start(), s.end(), s.kind())).toList();
        LabelledSpectrogram spec = new LabelledSpectrogram(f, (double) x.length / rate / Math.max(1, f.length), events,
                utterance + " (" + u.language() + "), non-speech stretches marked");
        Table rows = attention.where(attention.stringColumn("utterance").isEqualTo(utterance));
        Table line = Table.create("attention over time", DoubleColumn.create("time (s)"), DoubleColumn.create("relative weight"),
                StringColumn.create("segment"));
        for (int i = 0; i < rows.rowCount(); i++) {
            line.doubleColumn("time (s)").append((rows.doubleColumn("start").get(i) + rows.doubleColumn("end").get(i)) / 2);
            line.doubleColumn("relative weight").append(rows.doubleColumn("relative weight").get(i));
            line.stringColumn("segment").append("all segments");
        }
        return List.of(spec, org.seqlab.plots.Plots.line(line).x("time (s)").y("relative weight").group("segment")
                .labels("time (s), segment centre", "attention weight x segments (1 = uniform)")
                .title("Attention over " + utterance));
    }

    private static String label(ExperimentRun runs, RunResult r) {
        Map<String, String> cfg = Results.config(r);
        String name = cfg.getOrDefault("model.name", r.experiment());
        String pool = cfg.getOrDefault("model.pool", "");
        return name + (pool.isEmpty() ? "" : " " + pool);
    }

    /** Builds a long results table with the runs' key columns and one extra column. */
    private static final class Rows {
        final List<String> keys;
        final Table base;
        final StringColumn exp = StringColumn.create(Results.EXPERIMENT);
        final StringColumn run = StringColumn.create(Results.RUN);
        final List<StringColumn> keyCols = new ArrayList<>();
        final StringColumn extra;
        final LongColumn seed = LongColumn.create(Results.SEED);
        final StringColumn split = StringColumn.create(Results.SPLIT);
        final StringColumn metric = StringColumn.create(Results.METRIC);
        final StringColumn target = StringColumn.create(Results.TARGET);
        final DoubleColumn value = DoubleColumn.create(Results.VALUE);

        Rows(ExperimentRun runs, String extraColumn) {
            base = runs.results();
            List<String> names = base.columnNames();
            keys = names.subList(names.indexOf(Results.RUN) + 1, names.indexOf(Results.SEED));
            keys.forEach(k -> keyCols.add(StringColumn.create(k)));
            extra = StringColumn.create(extraColumn);
        }

        void add(RunResult r, String extraValue, String m, double v) {
            exp.append(r.experiment());
            run.append(r.run());
            Table own = base.where(base.stringColumn(Results.RUN).isEqualTo(r.run()));
            for (int k = 0; k < keys.size(); k++) {
                keyCols.get(k).append(own.rowCount() == 0 ? "" : own.stringColumn(keys.get(k)).get(0));
            }
            extra.append(extraValue);
            seed.append(r.seed());
            split.append("test");
            metric.append(m);
            target.append(Results.ALL);
            value.append(v);
        }

        Table table(String name) {
            Table t = Table.create(name);
            t.addColumns(exp, run);
            keyCols.forEach(t::addColumns);
            t.addColumns(extra, seed, split, metric, target, value);
            return t;
        }
    }
}
