package org.seqlab.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.run.EpochRecord;
import org.seqlab.experiment.run.RunResult;
import tech.tablesaw.api.Table;

/** The long results table, its summaries (hand-computed) and the history table, from runs written by hand. */
class ResultsTableTest {
    @TempDir
    Path dir;

    RunResult run(String model, int lag, long seed, double accuracy) throws Exception {
        Path p = dir.resolve(model + "-" + lag + "-" + seed);
        Files.createDirectories(p);
        Files.writeString(p.resolve("config.yaml"), "name: copy-lag\ndata:\n  corpus: {name: copy, lag: " + lag + "}\n"
                + "model: {name: " + model + ", hidden: 32}\ntrain: {epochs: 2, seed: " + seed + "}\n");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 1 - accuracy);
        metrics.put("accuracy", accuracy);
        List<EpochRecord> history = List.of(
                new EpochRecord(1, 10, 0.01, 2.0, 1.5, Map.of("accuracy", accuracy / 2), 1.0, 3.0),
                new EpochRecord(2, 20, 0.01, 1.0, 0.5, Map.of("accuracy", accuracy), 1.0, 2.0));
        return new RunResult("copy-lag", "cfg", "run-" + seed, p, seed, "test", metrics, 100, 2, 2, 1.0, "completed", history);
    }

    @Test
    void oneRowPerRunMetricWithAColumnPerVaryingKey() throws Exception {
        ExperimentRun runs = new ExperimentRun(List.of(run("lstm", 5, 1, 0.9), run("lstm", 5, 2, 0.8), run("lstm", 5, 3, 0.7),
                run("rnn", 5, 1, 0.5), run("rnn", 5, 2, 0.4), run("rnn", 5, 3, 0.6)));
        Table t = runs.results();
        assertEquals(List.of("experiment", "run", "model.name", "seed", "split", "metric", "target", "value"), t.columnNames());
        assertEquals(12, t.rowCount());
        assertEquals("lstm", t.stringColumn("model.name").get(0));
        assertEquals("all", t.stringColumn("target").get(0));
        // a key that does not vary gets a column when asked for
        assertTrue(runs.keys("data.corpus.lag").results().columnNames().contains("data.corpus.lag"));

        // by hand: lstm 0.9, 0.8, 0.7 -> mean 0.8, std 0.1, half width t(0.975, 2) * 0.1 / sqrt(3)
        Table s = runs.summary("accuracy").by("model.name");
        assertEquals(2, s.rowCount());
        assertEquals(3, s.intColumn("n").get(0));
        assertEquals(0.8, s.doubleColumn("mean").get(0), 1e-12);
        assertEquals(0.1, s.doubleColumn("std").get(0), 1e-12);
        double half = 4.302652729911275 * 0.1 / Math.sqrt(3);
        assertEquals(0.8 - half, s.doubleColumn("ci95_low").get(0), 1e-9);
        assertEquals(0.7, s.doubleColumn("min").get(0), 1e-12);
        assertEquals(0.9, s.doubleColumn("max").get(0), 1e-12);
        // shown to two significant digits of the half width (0.248), always with n
        assertEquals("0.80 [0.55, 1.05] (n = 3)", s.stringColumn("shown").get(0));

        Table boot = runs.summary("accuracy").bootstrap(2000).by("model.name");
        assertEquals(boot.doubleColumn("mean").get(0), 0.8, 1e-12);
        assertTrue(boot.doubleColumn("ci95_low").get(0) >= 0.7 - 1e-12 && boot.doubleColumn("ci95_high").get(0) <= 0.9 + 1e-12,
                "a bootstrap interval of the mean lies within the sample's range (up to rounding of the means)");
        assertEquals(boot.doubleColumn("ci95_low").get(0), runs.summary("accuracy").bootstrap(2000).by("model.name")
                .doubleColumn("ci95_low").get(0), 0, "the resampling stream is seeded");
    }

    @Test
    void aDivergedRunIsARowToo() throws Exception {
        RunResult gone = run("rnn", 45, 2, 0.0);
        ExperimentRun all = ExperimentRun.of(new ExperimentRun(List.of(run("rnn", 45, 1, 0.3))),
                ExperimentRun.surviving(() -> {
                    throw new org.seqlab.experiment.run.TrainingDivergedException("NaN loss", 17, gone.history(), gone.path());
                }));
        assertEquals(2, all.size());
        Table d = Results.metric(all.results(), "diverged");
        assertEquals(2, d.rowCount());
        assertEquals(0.0, d.doubleColumn("value").get(0), 0);
        assertEquals(1.0, d.doubleColumn("value").get(1), 0);
        assertEquals(2L, d.longColumn("seed").get(1), "the seed of a diverged run comes from its config");
        assertEquals(2 * 2 * 5, all.history().rowCount(), "its epochs before the divergence stay in the history");
    }

    @Test
    void historyIsLong() throws Exception {
        ExperimentRun runs = new ExperimentRun(List.of(run("gru", 5, 1, 0.9), run("rnn", 5, 1, 0.5)));
        Table h = runs.history();
        assertEquals(List.of("experiment", "run", "model.name", "seed", "epoch", "step", "split", "metric", "value"), h.columnNames());
        // per epoch: train loss, grad-norm, lr; validation loss and accuracy
        assertEquals(2 * 2 * 5, h.rowCount());
        Table acc = Results.metric(h, "validation.accuracy");
        assertEquals(4, acc.rowCount());
        assertEquals(0.45, acc.doubleColumn("value").get(0), 1e-12);
    }
}
