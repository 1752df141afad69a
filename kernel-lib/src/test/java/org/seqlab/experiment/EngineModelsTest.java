package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.run.Components;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunInterruptedException;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.run.Trainer;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.nn.Checkpoint;

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
        // exact: the same JVM, thread count and BLAS run the same calls on the same shapes (README, Reproducibility)
        RunResult resumed = Experiment.resume(dir).first();
        assertEquals(straight.metrics(), resumed.metrics());
        assertEquals(TrainingRunTest.metricsWithoutTime(straight.path()), TrainingRunTest.metricsWithoutTime(dir));
    }

    /** One format: what the Trainer writes is what the engine's {@link Checkpoint#load} reads into a fresh model. */
    @Test
    void trainerCheckpointsLoadIntoFreshlyBuiltModelsThroughTheEngineCheckpoint() throws Exception {
        ExperimentSpec spec = stackedWithDropout(0.0).spec();
        Components trained = build(spec);
        RunDirectory dir = RunDirectory.create(root, spec.name());
        // run() ends by evaluating the best checkpoint, so the model then holds its parameters
        new Trainer(spec, trained, dir, history -> { }).run();

        Components fresh = build(spec);
        assertTrue(trained.model().parameters().entrySet().stream().anyMatch(e ->
                !java.util.Arrays.equals(exact(e.getValue().value()), exact(fresh.model().parameters().get(e.getKey()).value()))),
                "a freshly built model starts from other values than the trained one");
        Checkpoint.load(dir.file(RunDirectory.BEST), fresh.model(), null);
        trained.model().parameters().forEach((n, p) ->
                assertArrayEquals(exact(p.value()), exact(fresh.model().parameters().get(n).value()), n));

        Components again = build(spec);
        Map<String, String> meta = Checkpoint.load(dir.file(RunDirectory.LAST), again.model(), again.optimizer());
        assertEquals(3, ((Number) Json.readObject(meta.get(Trainer.CHECKPOINT_META)).get("epoch")).intValue());
        Map<String, INDArray> state = trained.optimizer().stateArrays();
        assertFalse(state.isEmpty());
        assertEquals(state.keySet(), again.optimizer().stateArrays().keySet());
        state.forEach((k, v) -> assertArrayEquals(exact(v), exact(again.optimizer().stateArrays().get(k)), k));
    }

    private static Components build(ExperimentSpec spec) {
        return Components.build(spec, Registry.global(), Experiment.defaultDataRoot());
    }

    private static double[] exact(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
