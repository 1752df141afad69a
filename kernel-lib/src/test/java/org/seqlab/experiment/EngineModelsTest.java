package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.RunInterruptedException;
import org.seqlab.experiment.run.RunResult;

/** Engine models with dropout: repeatable, and resumable to the same numbers (dropout masks included). */
class EngineModelsTest {
    @TempDir
    Path root;

    static Experiment stackedWithDropout(double dropout) {
        return Experiment.load(SmokeCliTest.SMOKE.resolve("parity-lstm.yaml"), "train.epochs=3", "data.corpus.train=128",
                "model.layers=2", "model.hidden=8", "model.dropout=" + dropout);
    }

    @Test
    void dropoutRunsRepeatAndDiffer() throws Exception {
        RunResult a = stackedWithDropout(0.3).root(root.resolve("a")).run().first();
        RunResult b = stackedWithDropout(0.3).root(root.resolve("b")).run().first();
        RunResult none = stackedWithDropout(0.0).root(root.resolve("c")).run().first();
        assertEquals(TrainingRunTest.metricsWithoutTime(a.path()), TrainingRunTest.metricsWithoutTime(b.path()));
        assertNotEquals(TrainingRunTest.metricsWithoutTime(a.path()), TrainingRunTest.metricsWithoutTime(none.path()));
        // parameter count of a 2-layer LSTM with one bias per gate, hidden 8, 1 input, 2 classes:
        // 4(8*1 + 8*8 + 8) + 4(8*8 + 8*8 + 8) + (8*2 + 2)
        assertEquals(4 * (8 + 64 + 8) + 4 * (64 + 64 + 8) + 18, a.parameters());
    }

    @Test
    void interruptedDropoutRunResumesExactly() throws Exception {
        RunResult straight = stackedWithDropout(0.3).root(root.resolve("straight")).run().first();
        Experiment e = stackedWithDropout(0.3).root(root.resolve("cut"));
        Throwable[] thrown = new Throwable[1];
        Thread worker = new Thread(() -> {
            try {
                e.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        worker.start();
        Path parent = root.resolve("cut").resolve("parity-lstm");
        while (worker.isAlive() && !TrainingRunTest.hasCheckpoint(parent)) {
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join();
        assertTrue(thrown[0] instanceof RunInterruptedException, "the run finished before the interrupt: " + thrown[0]);
        Path dir = ((RunInterruptedException) thrown[0]).run().path();
        RunResult resumed = Experiment.resume(dir).first();
        assertEquals(straight.metrics(), resumed.metrics());
        assertEquals(TrainingRunTest.metricsWithoutTime(straight.path()), TrainingRunTest.metricsWithoutTime(dir));
    }
}
