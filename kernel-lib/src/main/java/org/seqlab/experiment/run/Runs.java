package org.seqlab.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Finished runs read back from disk and compared: one row per run, or one row per
 * (experiment, configuration) with mean, standard deviation and 95% confidence interval over its
 * seeds. The same Tablesaw table renders as HTML in a notebook and as aligned text on a terminal.
 */
public final class Runs {
    private Runs() {}

    /**
     * Complete runs found under each location: a runs root (all experiments), an experiment
     * folder, a single run folder, or an experiment name under {@code root}. Unfinished,
     * failed and interrupted runs are skipped.
     */
    public static List<RunResult> load(Path root, Collection<String> locations) {
        List<RunResult> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        List<String> where = locations.isEmpty() ? List.of(root.toString()) : List.copyOf(locations);
        for (String w : where) {
            Path p = Path.of(w);
            if (!Files.isDirectory(p)) {
                p = root.resolve(w);
            }
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException("no runs at '" + w + "' (neither a folder nor an experiment under " + root + ")");
            }
            try (Stream<Path> files = Files.walk(p, 3)) {
                files.filter(f -> f.getFileName().toString().equals(RunDirectory.RESULTS_JSON)).sorted().forEach(f -> {
                    RunDirectory d = new RunDirectory(f.getParent());
                    if (seen.add(f.toAbsolutePath()) && "complete".equals(Runner.state(d))) {
                        out.add(RunResult.fromMap(Json.readObject(Runner.readOr(f)), d.path(), List.of()));
                    }
                });
            } catch (IOException e) {
                throw new RunStorageException(p, "list", e);
            }
        }
        return out;
    }

    /** One row per run: experiment, config, run id, seed, each metric, parameters, seconds per epoch. */
    public static Table table(List<RunResult> runs) {
        List<String> metrics = metricNames(runs);
        Table t = Table.create("runs");
        t.addColumns(StringColumn.create("experiment", runs.stream().map(RunResult::experiment)),
                StringColumn.create("config", runs.stream().map(RunResult::config)),
                StringColumn.create("run", runs.stream().map(RunResult::run)),
                LongColumn.create("seed", runs.stream().mapToLong(RunResult::seed).toArray()));
        for (String m : metrics) {
            t.addColumns(DoubleColumn.create(m, runs.stream().mapToDouble(r -> r.metrics().getOrDefault(m, Double.NaN))));
        }
        t.addColumns(LongColumn.create("parameters", runs.stream().mapToLong(RunResult::parameters).toArray()),
                DoubleColumn.create("s_per_epoch", runs.stream().mapToDouble(RunResult::secondsPerEpoch)));
        return t;
    }

    /** One row per (experiment, config): n, then mean, std and 95% CI bounds of every metric over seeds. */
    public static Table compare(List<RunResult> runs) {
        Map<String, List<RunResult>> groups = new LinkedHashMap<>();
        for (RunResult r : runs) {
            groups.computeIfAbsent(r.experiment() + "\u0000" + r.config(), k -> new ArrayList<>()).add(r);
        }
        List<String> metrics = metricNames(runs);
        Table t = Table.create("comparison");
        StringColumn exp = StringColumn.create("experiment");
        StringColumn cfg = StringColumn.create("config");
        IntColumn n = IntColumn.create("n");
        StringColumn seeds = StringColumn.create("seeds");
        t.addColumns(exp, cfg, n, seeds);
        Map<String, DoubleColumn[]> cols = new LinkedHashMap<>();
        for (String m : metrics) {
            DoubleColumn[] c = {DoubleColumn.create(m + "_mean"), DoubleColumn.create(m + "_std"),
                DoubleColumn.create(m + "_ci95_low"), DoubleColumn.create(m + "_ci95_high")};
            cols.put(m, c);
            t.addColumns(c);
        }
        LongColumn params = LongColumn.create("parameters");
        DoubleColumn secs = DoubleColumn.create("s_per_epoch");
        t.addColumns(params, secs);
        for (List<RunResult> g : groups.values()) {
            exp.append(g.get(0).experiment());
            cfg.append(g.get(0).config());
            n.append(g.size());
            // runs of one second share a timestamp in their ids, so list seeds in numeric order, not run order
            seeds.append(String.join(",", g.stream().map(RunResult::seed).sorted().map(String::valueOf).toList()));
            for (String m : metrics) {
                Summary s = Summary.of(g.stream().mapToDouble(r -> r.metrics().getOrDefault(m, Double.NaN)).toArray());
                DoubleColumn[] c = cols.get(m);
                c[0].append(s.mean());
                c[1].append(s.std());
                c[2].append(s.ciLow());
                c[3].append(s.ciHigh());
            }
            params.append(g.get(0).parameters());
            secs.append(g.stream().mapToDouble(RunResult::secondsPerEpoch).average().orElse(Double.NaN));
        }
        return t;
    }

    public static Table compare(Path root, String... locations) {
        return compare(load(root, List.of(locations)));
    }

    private static List<String> metricNames(List<RunResult> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.metrics().keySet()));
        return new ArrayList<>(names);
    }
}
