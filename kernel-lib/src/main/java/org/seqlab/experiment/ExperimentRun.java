package org.seqlab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.seqlab.display.HtmlRenderable;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Runs;
import org.seqlab.experiment.run.TrainingDivergedException;
import org.seqlab.results.Results;
import org.seqlab.results.Summaries;
import tech.tablesaw.api.Table;

/**
 * The finished runs of one or more {@link Experiment#run()} calls (one per seed and configuration).
 * {@link #results()} and {@link #history()} are long tables with a column per configuration key
 * that differs between the runs (or that {@link #keys} names), so summaries, plots and claims
 * need no hand-built columns. {@link #resultsJson()} is exactly what {@code ./seqlab run} prints,
 * so a notebook and the CLI can be compared number for number.
 *
 * @param keys configuration keys always given a column, before those that vary
 */
public record ExperimentRun(List<RunResult> runs, List<String> keys, List<TrainingDivergedException> diverged)
        implements HtmlRenderable {

    public ExperimentRun {
        runs = List.copyOf(runs);
        keys = List.copyOf(keys);
        diverged = List.copyOf(diverged);
    }

    public ExperimentRun(List<RunResult> runs) {
        this(runs, List.of(), List.of());
    }

    public ExperimentRun(List<RunResult> runs, List<String> keys) {
        this(runs, keys, List.of());
    }

    /**
     * Runs {@code run}, keeping a divergence (NaN loss or gradient) as a result rather than an
     * error: a comparison in which diverging is the point (with and without clipping) then gets a
     * {@code diverged} metric, 1 or 0, for every run. Run one seed per call, since a divergence
     * ends the seeds after it in the same call.
     */
    public static ExperimentRun surviving(java.util.function.Supplier<ExperimentRun> run) {
        try {
            return run.get();
        } catch (TrainingDivergedException e) {
            return new ExperimentRun(List.of(), List.of(), List.of(e));
        }
    }

    /** Several runs as one: the configurations of a comparison, each run by its own cell or sweep. */
    public static ExperimentRun of(ExperimentRun... parts) {
        List<RunResult> all = new ArrayList<>();
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        List<TrainingDivergedException> diverged = new ArrayList<>();
        for (ExperimentRun p : parts) {
            all.addAll(p.runs());
            keys.addAll(p.keys());
            diverged.addAll(p.diverged());
        }
        return new ExperimentRun(all, new ArrayList<>(keys), diverged);
    }

    /** These runs and {@code other}'s. */
    public ExperimentRun and(ExperimentRun other) {
        return of(this, other);
    }

    /**
     * The runs whose configuration has {@code value} at {@code key} ({@code "experiment"} is the
     * experiment's name), in order: a cell that plots one model at one training size picks its runs
     * with {@code all.where("experiment", "asr-ctc").where("data.train-fraction", 0.4)}. Numbers match
     * numerically, so 0.4 finds "0.4" and 1 finds "1.0".
     */
    public ExperimentRun where(String key, Object value) {
        String wanted = String.valueOf(value);
        List<RunResult> kept = runs.stream().filter(r -> {
            String have = key.equals(Results.EXPERIMENT) ? r.experiment() : Results.config(r).get(key);
            return have != null && (have.equals(wanted) || sameNumber(have, wanted));
        }).toList();
        return new ExperimentRun(kept, keys, diverged);
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The same runs, giving these configuration keys a column even where they do not vary. */
    public ExperimentRun keys(String... always) {
        return new ExperimentRun(runs, List.of(always), diverged);
    }

    /** A row per (run, split, metric, target): experiment, run, the keys, seed, split, metric, target, value. */
    public Table results() {
        return Results.of(runs, diverged, keys);
    }

    /** n, mean, std, 95% CI, min and max of the named metrics (all when none), e.g. {@code summary("accuracy").by("model.name")}. */
    public Summaries summary(String... metrics) {
        return Summaries.of(results(), metrics);
    }

    /** Every epoch of every run as a long table (run, keys, seed, epoch, step, split, metric, value). */
    public Table history() {
        return Results.history(runs, diverged, keys);
    }

    /** Several experiments side by side, wide: one row per experiment and configuration, statistics over seeds. */
    public static Table compare(ExperimentRun... runs) {
        return Runs.compare(java.util.Arrays.stream(runs).flatMap(r -> r.runs().stream()).toList());
    }

    /** Finished runs and divergences together, e.g. to print "3 runs, 1 diverged". */
    public int size() {
        return runs.size() + diverged.size();
    }

    public RunResult first() {
        return runs.get(0);
    }

    /**
     * The final metrics of every run in the CLI's output format ({@code --json}), each with its
     * folder and its per-epoch history, so that the file alone rebuilds these runs
     * ({@link org.seqlab.experiment.run.ParallelRuns} reads it back from each worker).
     */
    public String resultsJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs.stream().map(r -> {
            Map<String, Object> one = r.toMap();
            one.put("path", r.path() == null ? null : r.path().toAbsolutePath().toString());
            one.put("history", r.history().stream().map(org.seqlab.experiment.run.EpochRecord::toMap).toList());
            return one;
        }).toList());
        return Json.write(m);
    }

    @Override
    public String toHtml() {
        return org.seqlab.display.TableHtml.html(runs.size() > 1 ? Runs.compare(runs) : Runs.table(runs));
    }

    @Override
    public String toString() {
        return org.seqlab.experiment.run.TextTable.render(runs.size() > 1 ? Runs.compare(runs) : Runs.table(runs));
    }
}
