package org.seqlab.results;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seqlab.experiment.run.EpochRecord;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunFiles;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.TrainingDivergedException;
import org.seqlab.experiment.yaml.YamlTree;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Results as one long table (STYLE.md 5): a row per (run, split, metric, target) with a column
 * per configuration key that differs between the runs, the seed and the value. Summaries, plots
 * and claims all read this one shape, so a notebook never builds columns by hand. Keys are the
 * dotted paths of the resolved {@code config.yaml} ({@code model.name}, {@code data.corpus.lag}),
 * exactly what {@code --set} and {@code --sweep} name.
 */
public final class Results {
    public static final String EXPERIMENT = "experiment";
    public static final String RUN = "run";
    public static final String SEED = "seed";
    public static final String SPLIT = "split";
    public static final String METRIC = "metric";
    public static final String TARGET = "target";
    public static final String VALUE = "value";
    public static final String EPOCH = "epoch";
    public static final String STEP = "step";
    /** The target of a metric that is one number for the whole split (not per class or language). */
    public static final String ALL = "all";
    /** 1 for a run whose loss or gradient stopped being finite, 0 for one that finished. */
    public static final String DIVERGED = "diverged";
    /** One name per split across the library: the held-out split used to pick checkpoints. */
    public static final String VALIDATION = "validation";

    private Results() {}

    /**
     * The long table of final results, with a column for each key in {@code keys} (in that order)
     * followed by every other key whose value differs between the runs.
     */
    public static Table of(List<RunResult> runs, Collection<String> keys) {
        return of(runs, List.of(), keys);
    }

    /**
     * As {@link #of(List, Collection)}, with runs that diverged: when there are any, every run
     * gets a row of metric {@code diverged} (1 or 0) on split {@code train}, so claims and
     * summaries can count divergences like any other metric.
     */
    public static Table of(List<RunResult> finished, List<TrainingDivergedException> diverged, Collection<String> keys) {
        List<RunResult> runs = new ArrayList<>(finished);
        for (TrainingDivergedException e : diverged) {
            runs.add(divergedRun(e));
        }
        List<Map<String, String>> configs = runs.stream().map(Results::config).toList();
        List<String> cols = keyColumns(configs, keys);
        Table t = Table.create("results");
        StringColumn exp = StringColumn.create(EXPERIMENT);
        StringColumn run = StringColumn.create(RUN);
        List<StringColumn> keyCols = cols.stream().map(StringColumn::create).toList();
        LongColumn seed = LongColumn.create(SEED);
        StringColumn split = StringColumn.create(SPLIT);
        StringColumn metric = StringColumn.create(METRIC);
        StringColumn target = StringColumn.create(TARGET);
        DoubleColumn value = DoubleColumn.create(VALUE);
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
            if (!diverged.isEmpty()) {
                metrics.put(DIVERGED, "diverged".equals(r.stopped()) ? 1.0 : 0.0);
            }
            for (Map.Entry<String, Double> m : metrics.entrySet()) {
                exp.append(r.experiment());
                run.append(r.run());
                for (int k = 0; k < cols.size(); k++) {
                    keyCols.get(k).append(configs.get(i).getOrDefault(cols.get(k), ""));
                }
                seed.append(r.seed());
                split.append(m.getKey().equals(DIVERGED) ? "train" : r.split());
                metric.append(m.getKey());
                target.append(ALL);
                value.append(m.getValue());
            }
        }
        t.addColumns(exp, run);
        keyCols.forEach(t::addColumns);
        t.addColumns(seed, split, metric, target, value);
        return t;
    }

    /**
     * The runs' epoch records as a long table (experiment, run, keys, seed, epoch, step, split,
     * metric, value): the training loss, the largest gradient norm before clipping and the
     * learning rate on {@code train}, the loss and every metric on {@code validation}.
     */
    public static Table history(List<RunResult> runs, Collection<String> keys) {
        return history(runs, List.of(), keys);
    }

    /** As {@link #history(List, Collection)}, with the epochs a diverged run finished before it stopped. */
    public static Table history(List<RunResult> finished, List<TrainingDivergedException> diverged, Collection<String> keys) {
        List<RunResult> runs = new ArrayList<>(finished);
        diverged.forEach(e -> runs.add(divergedRun(e)));
        List<Map<String, String>> configs = runs.stream().map(Results::config).toList();
        List<String> cols = keyColumns(configs, keys);
        StringColumn exp = StringColumn.create(EXPERIMENT);
        StringColumn run = StringColumn.create(RUN);
        List<StringColumn> keyCols = cols.stream().map(StringColumn::create).toList();
        LongColumn seed = LongColumn.create(SEED);
        IntColumn epoch = IntColumn.create(EPOCH);
        LongColumn step = LongColumn.create(STEP);
        StringColumn split = StringColumn.create(SPLIT);
        StringColumn metric = StringColumn.create(METRIC);
        DoubleColumn value = DoubleColumn.create(VALUE);
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            for (EpochRecord e : r.history()) {
                Map<String[], Double> cells = new LinkedHashMap<>();
                cells.put(new String[] {"train", "loss"}, e.trainLoss());
                cells.put(new String[] {"train", "grad-norm"}, e.maxGradNorm());
                cells.put(new String[] {"train", "lr"}, e.lr());
                cells.put(new String[] {VALIDATION, "loss"}, e.validationLoss());
                e.validationMetrics().forEach((k, v) -> cells.put(new String[] {VALIDATION, k}, v));
                for (Map.Entry<String[], Double> c : cells.entrySet()) {
                    exp.append(r.experiment());
                    run.append(r.run());
                    for (int k = 0; k < cols.size(); k++) {
                        keyCols.get(k).append(configs.get(i).getOrDefault(cols.get(k), ""));
                    }
                    seed.append(r.seed());
                    epoch.append(e.epoch());
                    step.append(e.step());
                    split.append(c.getKey()[0]);
                    metric.append(c.getKey()[1]);
                    value.append(c.getValue() == null ? Double.NaN : c.getValue());
                }
            }
        }
        Table t = Table.create("history");
        t.addColumns(exp, run);
        keyCols.forEach(t::addColumns);
        t.addColumns(seed, epoch, step, split, metric, value);
        return t;
    }

    /** Rows whose {@code metric} column equals {@code metric} (and {@code split}, when given as "split.metric"). */
    public static Table metric(Table t, String metric) {
        String[] sm = splitMetric(metric, t);
        Table out = t.where(t.stringColumn(METRIC).isEqualTo(sm[1]));
        if (sm[0] != null) {
            out = out.where(out.stringColumn(SPLIT).isEqualTo(sm[0]));
        }
        return out;
    }

    /**
     * "test.accuracy" -> {test, accuracy}; "accuracy" -> {null, accuracy}. A metric name may
     * itself contain dots, so the prefix counts as a split only when the table has that split.
     */
    static String[] splitMetric(String metric, Table t) {
        int dot = metric.indexOf('.');
        if (dot > 0 && t.columnNames().contains(SPLIT)
                && t.stringColumn(SPLIT).contains(metric.substring(0, dot))) {
            return new String[] {metric.substring(0, dot), metric.substring(dot + 1)};
        }
        return new String[] {null, metric};
    }

    /** A diverged run as a result without metrics, its seed read from its config. */
    private static RunResult divergedRun(TrainingDivergedException e) {
        Path p = e.run();
        long seed = 0;
        String experiment = "";
        if (p != null && Files.isRegularFile(p.resolve(RunDirectory.CONFIG))) {
            Map<String, Object> root = YamlTree.parse(RunFiles.read(p.resolve(RunDirectory.CONFIG)), p.toString()).root();
            experiment = String.valueOf(root.get("name"));
            if (root.get("train") instanceof Map<?, ?> train && train.get("seed") instanceof Number s) {
                seed = s.longValue();
            }
        }
        return new RunResult(experiment, "", p == null ? "" : p.getFileName().toString(), p, seed, "train",
                Map.of(), 0, e.history().size(), 0, Double.NaN, "diverged", e.history());
    }

    /** The resolved configuration of a run as dotted keys and their values, seed excluded. */
    public static Map<String, String> config(RunResult r) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (r.path() == null) {
            return flat;
        }
        Path file = r.path().resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(file)) {
            return flat;
        }
        flatten("", YamlTree.parse(RunFiles.read(file), file.toString()).root(), flat);
        flat.remove("train.seed");
        return flat;
    }

    private static List<String> keyColumns(List<Map<String, String>> configs, Collection<String> keys) {
        Set<String> cols = new LinkedHashSet<>(keys);
        Set<String> all = new LinkedHashSet<>();
        configs.forEach(c -> all.addAll(c.keySet()));
        for (String k : all) {
            String first = configs.get(0).get(k);
            if (configs.stream().anyMatch(c -> !Objects.equals(c.get(k), first))) {
                cols.add(k);
            }
        }
        cols.removeIf(k -> k.equals("name") && keys.stream().noneMatch("name"::equals));
        return new ArrayList<>(cols);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            // a choice written as {name: rnn, hidden: 32}: its name is the key itself ("model" = rnn)
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                flatten(e.getKey().equals("name") && !prefix.isEmpty() ? prefix + ".name" : p, e.getValue(), out);
            }
        } else {
            out.put(prefix, node instanceof List<?> l ? l.toString() : String.valueOf(node));
        }
    }
}
