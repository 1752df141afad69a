package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunInterruptedException;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Trainer;
import org.seqlab.experiment.run.TrainingDivergedException;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.nn.Checkpoint;
import tech.tablesaw.api.Table;

class TrainingRunTest {
    @TempDir
    Path root;

    static Experiment toy(int epochs) {
        return Experiment.named("toy")
                .data(Data.corpus("toy-sign").with("length", 6).with("train", 160))
                .model("toy-linear", "init-scale", 0.5)
                .loss("toy-xent")
                .train(Train.with(Choice.of("toy-sgd").with("lr", 0.5).with("momentum", 0.5)).epochs(epochs).batch(16).seed(4))
                .evaluate(Eval.metrics("accuracy", "macro-f1").monitor("accuracy"));
    }

    /** metrics.csv without its wall-time column, which is the one thing allowed to differ. */
    static String metricsWithoutTime(Path run) throws IOException {
        return String.join("\n", Files.readAllLines(run.resolve(RunDirectory.METRICS)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList());
    }

    @Test
    void runWritesEveryFileAndLearns() throws IOException {
        RunResult r = toy(6).root(root).run().first();
        Path dir = r.path();
        for (String f : List.of(RunDirectory.CONFIG, RunDirectory.ENVIRONMENT, RunDirectory.STATUS, RunDirectory.METRICS,
                RunDirectory.RESULTS_JSON, RunDirectory.RESULTS_CSV, RunDirectory.LAST, RunDirectory.BEST,
                RunDirectory.LOG, RunDirectory.REPORT)) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals(root.resolve("toy"), dir.getParent());
        assertEquals("complete", Json.readObject(Files.readString(dir.resolve(RunDirectory.STATUS))).get("state"));
        assertEquals(toy(6).yaml(), Files.readString(dir.resolve(RunDirectory.CONFIG)));
        Map<String, Object> env = Json.readObject(Files.readString(dir.resolve(RunDirectory.ENVIRONMENT)));
        for (String k : List.of("seqlab", "git-commit", "java", "nd4j", "cpu", "cores", "OMP_NUM_THREADS")) {
            assertTrue(env.containsKey(k), k);
        }
        assertEquals("1.0.0-M2.1", env.get("nd4j"));
        assertEquals(7, Files.readAllLines(dir.resolve(RunDirectory.METRICS)).size());
        // the sign of a sum of 6 uniform values is linearly readable from the mean: a trained model is far above chance
        assertTrue(r.metrics().get("accuracy") > 0.8, r.metrics().toString());
        assertEquals(6L, r.parameters());
        Map<String, Object> json = Json.readObject(Files.readString(dir.resolve(RunDirectory.RESULTS_JSON)));
        assertEquals(r.metrics().get("accuracy"), ((Map<?, ?>) json.get("metrics")).get("accuracy"));
        String html = Files.readString(dir.resolve(RunDirectory.REPORT));
        assertTrue(html.contains("Plotly.newPlot") && !html.contains("<script src"), "self-contained report");
        assertTrue(html.contains("<td>" + r.parameters() + "</td>"), "parameters beside the metrics");
    }

    @Test
    void sameConfigAndSeedGiveIdenticalNumbers() throws IOException {
        RunResult a = toy(4).root(root).run().first();
        RunResult b = toy(4).root(root).run().first();
        assertFalse(a.path().equals(b.path()));
        assertEquals(a.metrics(), b.metrics());
        assertEquals(metricsWithoutTime(a.path()), metricsWithoutTime(b.path()));
        RunResult c = toy(4).train(Train.with(Choice.of("toy-sgd").with("lr", 0.5).with("momentum", 0.5)).epochs(4).batch(16).seed(5))
                .root(root).run().first();
        assertFalse(metricsWithoutTime(a.path()).equals(metricsWithoutTime(c.path())), "another seed gives other numbers");
    }

    @Test
    void interruptSavesCheckpointAndResumeReachesTheSameNumbers() throws Exception {
        RunResult straight = toy(5).root(root.resolve("a")).run().first();
        Experiment slow = toy(5).set("data.corpus.delay-ms", 15).root(root.resolve("b"));
        Throwable[] thrown = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                slow.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        worker.start();
        // as a kernel interrupt would: once the first epoch's checkpoint exists, interrupt the training thread
        Path parent = root.resolve("b").resolve("toy");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!hasCheckpoint(parent) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join();
        assertTrue(thrown[0] instanceof RunInterruptedException, String.valueOf(thrown[0]));
        Path dir = ((RunInterruptedException) thrown[0]).run().path();
        assertEquals("interrupted", Json.readObject(Files.readString(dir.resolve(RunDirectory.STATUS))).get("state"));
        Map<String, Object> meta = Json.readObject(Checkpoint.metadata(dir.resolve(RunDirectory.LAST)).get(Trainer.CHECKPOINT_META));
        assertTrue(((Number) meta.get("global_step")).intValue() >= 10, meta.toString());
        assertTrue(((Number) meta.get("global_step")).intValue() < 50, meta.toString());
        // exact: the same JVM, thread count and BLAS run the same calls on the same shapes (README, Reproducibility)
        RunResult resumed = Experiment.resume(dir).first();
        assertEquals(straight.metrics(), resumed.metrics());
        assertEquals(metricsWithoutTime(straight.path()), metricsWithoutTime(dir));
    }

    static boolean hasCheckpoint(Path experimentFolder) throws IOException {
        if (!Files.isDirectory(experimentFolder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(experimentFolder)) {
            return s.anyMatch(d -> Files.exists(d.resolve(RunDirectory.LAST)));
        }
    }

    @Test
    void nanLossStopsKeepsLastGoodCheckpointAndSaysWhere() throws IOException {
        // example 100 of 160 is poisoned; with batch 16 it is met in some step of epoch 1
        TrainingDivergedException ex = assertThrows(TrainingDivergedException.class,
                () -> toy(3).set("data.corpus.nan-example", 100).root(root).run());
        assertTrue(ex.getMessage().matches("training loss became NaN at epoch 1, step \\d+ of the epoch \\(global step \\d+\\).*"),
                ex.getMessage());
        try (Stream<Path> runs = Files.list(root.resolve("toy"))) {
            Path dir = runs.findFirst().orElseThrow();
            assertEquals("failed", Json.readObject(Files.readString(dir.resolve(RunDirectory.STATUS))).get("state"));
            assertFalse(Files.exists(dir.resolve(RunDirectory.RESULTS_JSON)));
        }
    }

    @Test
    void missingCorpusFailsBeforeAnyFolderIsMade() {
        CorpusMissingException ex = assertThrows(CorpusMissingException.class,
                () -> toy(1).data(Data.corpus("toy-unprepared")).root(root).run());
        assertTrue(ex.getMessage().contains("run ./seqlab data prepare toy-unprepared first"));
        assertFalse(Files.exists(root.resolve("toy")));
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        // a learning rate this small barely moves the loss; a tiny patience stops soon after the best epoch
        RunResult r = toy(40).train(Train.with(Choice.of("toy-sgd").with("lr", 0.5)).epochs(40).batch(16).seed(4).patience(2))
                .evaluate(Eval.metrics("accuracy").monitor("accuracy")).root(root).run().first();
        assertEquals("early-stopping", r.stopped());
        assertEquals(r.bestEpoch() + 2, r.epochs());
        double best = r.history().get(r.bestEpoch() - 1).validationMetrics().get("accuracy");
        r.history().forEach(h -> assertTrue(h.validationMetrics().get("accuracy") <= best));
    }

    @Test
    void notebookShowsACurveUpdatedInPlaceEachEpoch() {
        List<Object[]> shown = new java.util.ArrayList<>();
        org.seqlab.display.DisplaySink live = new org.seqlab.display.DisplaySink() {
            @Override
            public void show(Object value, String id) {
                shown.add(new Object[] {"show", value, id});
            }

            @Override
            public void update(Object value, String id) {
                shown.add(new Object[] {"update", value, id});
            }

            @Override
            public boolean live() {
                return true;
            }
        };
        org.seqlab.display.DisplaySink before = org.seqlab.display.Display.sink();
        org.seqlab.display.Display.install(live);
        try {
            toy(3).root(root).run();
        } finally {
            org.seqlab.display.Display.install(before);
        }
        List<Object[]> curves = shown.stream().filter(o -> o[1] instanceof org.seqlab.report.TrainingCurves).toList();
        assertEquals(4, curves.size(), "shown once, then replaced after each of 3 epochs");
        assertEquals("show", curves.get(0)[0]);
        for (int i = 1; i < 4; i++) {
            assertEquals("update", curves.get(i)[0]);
            assertEquals(curves.get(0)[2], curves.get(i)[2], "same display id");
            org.seqlab.report.TrainingCurves c = (org.seqlab.report.TrainingCurves) curves.get(i)[1];
            assertEquals(i, c.history().size());
            assertTrue(c.toHtml().contains("<polyline"));
        }
        assertTrue(shown.stream().anyMatch(o -> o[1] instanceof org.seqlab.display.Progress.Snapshot), "progress bar too");

        shown.clear();
        org.seqlab.display.Display.install(live);
        try {
            toy(2).liveCurves(false).root(root.resolve("quiet")).run();
        } finally {
            org.seqlab.display.Display.install(before);
        }
        assertTrue(shown.stream().noneMatch(o -> o[1] instanceof org.seqlab.report.TrainingCurves), "liveCurves(false): no curve");
        assertTrue(shown.stream().anyMatch(o -> o[1] instanceof org.seqlab.display.Progress.Snapshot), "but still the progress bar");
    }

    @Test
    void severalSeedsGiveMeanStdAndInterval() {
        ExperimentRun run = toy(2).seeds(1, 2, 3).root(root).run();
        assertEquals(3, run.runs().size());
        Table s = run.summary("accuracy").by();
        assertEquals(1, s.rowCount());
        double[] acc = run.runs().stream().mapToDouble(r -> r.metrics().get("accuracy")).toArray();
        double mean = (acc[0] + acc[1] + acc[2]) / 3;
        assertEquals(3, s.intColumn("n").get(0));
        assertEquals(mean, s.doubleColumn("mean").get(0), 1e-12);
        double half = s.doubleColumn("ci95_high").get(0) - mean;
        assertEquals(4.302652729911275 * s.doubleColumn("std").get(0) / Math.sqrt(3), half, 1e-9);
        // the long table: one row per run and metric, no key varies but the seed
        Table r = run.results();
        assertEquals(3 * run.first().metrics().size(), r.rowCount());
        assertEquals(3, r.where(r.stringColumn("metric").isEqualTo("accuracy")).rowCount());
        assertEquals(java.util.List.of("experiment", "run", "seed", "split", "metric", "target", "value"), r.columnNames());
        assertTrue(run.resultsJson().contains("\"seed\": 2"));
    }
}
