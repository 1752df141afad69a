package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunInterruptedException;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Runner;
import org.seqlab.experiment.run.TrainingDivergedException;

/** Runs trained in worker processes ({@code jobs(n)}) against the same runs trained in this JVM. */
class ParallelRunsTest {
    @TempDir
    Path root;

    @Test
    void workersGiveTheNumbersAndHistoriesOfRunsTrainedHere() {
        Experiment e = TrainingRunTest.toy(3).seeds(4, 5, 6);
        List<RunResult> here = e.root(root.resolve("here")).run().runs();
        List<RunResult> there = e.root(root.resolve("there")).jobs(2).run().runs();
        assertEquals(3, there.size());
        for (int i = 0; i < 3; i++) {
            RunResult a = here.get(i);
            RunResult b = there.get(i);
            assertEquals(a.seed(), b.seed(), "results come back in the order of the specs");
            assertEquals(a.config(), b.config());
            assertTrue(b.path().startsWith(root.resolve("there").toAbsolutePath()), b.path().toString());
            assertEquals("complete", Runner.state(new RunDirectory(b.path())));
            assertEquals(a.history().size(), b.history().size());
            for (String m : a.metrics().keySet()) {
                assertEquals(a.metrics().get(m), b.metrics().get(m), 1e-6 * Math.max(1, Math.abs(a.metrics().get(m))), m);
            }
            assertEquals(a.history().get(2).validationLoss(), b.history().get(2).validationLoss(), 1e-6);
        }
    }

    @Test
    void aWorkerThatDivergesStopsTheSweepWithItsOwnMessage() {
        TrainingDivergedException ex = assertThrows(TrainingDivergedException.class,
                () -> TrainingRunTest.toy(3).set("data.corpus.nan-example", 100).seeds(1, 2, 3).jobs(2).root(root).run());
        assertTrue(ex.getMessage().matches("toy seed \\d: training loss became NaN at epoch 1.*"), ex.getMessage());
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(), "no worker left behind");
    }

    @Test
    void aCorpusMissingInAWorkerIsTheSameErrorAsHere() {
        // an empty data home: the corpus is not prepared, in this JVM and in every worker alike
        Experiment e = Experiment.load("../experiments/asr/ctc.yaml", "data.corpus.corpus=speech-sentences-docs-smoke")
                .dataRoot(root.resolve("no-data")).root(root).seeds(1, 2);
        CorpusMissingException here = assertThrows(CorpusMissingException.class, () -> e.run());
        CorpusMissingException there = assertThrows(CorpusMissingException.class, () -> e.jobs(2).run());
        assertTrue(here.getMessage().startsWith("corpus 'speech-sentences-docs-smoke' is not prepared"), here.getMessage());
        assertTrue(there.getMessage().contains(here.getMessage()), there.getMessage() + " / " + here.getMessage());
    }

    @Test
    void experimentsRunTogetherInOnePoolAndComeBackInTheirOrder() {
        Experiment a = TrainingRunTest.toy(2).seeds(1, 2).root(root);
        Experiment b = TrainingRunTest.toy(2).set("train.optimizer.lr", 0.05).seeds(3).root(root);
        ExperimentRun together = Experiment.together(2, List.of(a, b));
        List<RunResult> pooled = together.runs();
        assertEquals(List.of(3L), together.where("train.optimizer.lr", 0.05).runs().stream().map(RunResult::seed).toList());
        assertEquals(3, together.where("experiment", "toy").size());
        assertEquals(0, together.where("train.optimizer.lr", "fast").size());
        assertEquals(List.of(1L, 2L, 3L), pooled.stream().map(RunResult::seed).toList());
        assertEquals(a.run().runs().get(1).config(), pooled.get(1).config());
        RunResult alone = b.run().first();
        assertEquals(alone.config(), pooled.get(2).config());
        assertEquals(alone.metrics().get("accuracy"), pooled.get(2).metrics().get("accuracy"), 1e-6);
        IllegalArgumentException apart = assertThrows(IllegalArgumentException.class,
                () -> Experiment.together(2, List.of(a, b.root(root.resolve("elsewhere")))));
        assertTrue(apart.getMessage().contains("give them one root(...)"), apart.getMessage());
    }

    @Test
    void jobsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> TrainingRunTest.toy(1).jobs(0));
    }

    @Test
    void anInterruptStopsEveryWorkerAndNamesWhatCanBeResumed() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                TrainingRunTest.toy(400).seeds(1, 2, 3).jobs(2).root(root).run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        // wait until a worker has made its run folder, then interrupt as the kernel does
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.isDirectory(root.resolve("toy")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        t.interrupt();
        t.join(60_000);
        assertTrue(thrown.get() instanceof RunInterruptedException, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().startsWith("runs interrupted; "), thrown.get().getMessage());
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(), "no worker left behind");
    }
}
