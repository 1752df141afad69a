package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.Experiment;
import org.seqlab.experiment.ExperimentRun;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.results.Results;
import tech.tablesaw.api.Table;

/**
 * ExposureBias against the trainer's own evaluation: the free-running curve, averaged over the
 * generated positions, is the run's reported test accuracy (the trainer scores the same model on
 * the same split by another path), and the first generated step, which sees only the prompt in
 * both modes, scores alike fed true prefixes or its own predictions.
 */
class ExposureBiasTest {
    static final Path CONFIG = Path.of("../experiments/rnn/generator-teacher-forcing.yaml");
    static final String[] TINY = {"data.corpus.train=64", "data.corpus.validation=8", "data.corpus.test=40", "data.corpus.modulus=5",
            "data.corpus.length=8", "train.epochs=2", "train.batch=16", "model.hidden=12"};

    @TempDir
    Path root;

    @Test
    void freeRunningCurveAveragesToTheRunsTestAccuracy() {
        ExperimentRun runs = Experiment.load(CONFIG, TINY).root(root).liveCurves(false).sweep("model.teacher-forcing", true, false).run();
        for (RunResult r : runs.runs()) {
            double[][] acc = ExposureBias.accuracyByPosition(r.path());
            assertEquals(8, acc[1].length);
            assertTrue(Double.isNaN(acc[0][0]) && Double.isNaN(acc[1][1]), "the prompt's two steps are not scored");
            double mean = 0;
            for (int t = 2; t < 8; t++) {
                mean += acc[1][t] / 6;
            }
            // 40 sequences x 6 generated steps: one symbol whose argmax flips under other gemm shapes moves the mean by 1/240
            assertEquals(r.metrics().get("accuracy"), mean, 1.0 / 240 + 1e-12, r.experiment());
            assertEquals(acc[0][2], acc[1][2], 1.0 / 40 + 1e-12, "the first generated step sees only the prompt either way");
        }
        Table t = ExposureBias.byPosition(runs.runs(), "model.teacher-forcing");
        Table means = Results.metric(t, "mean accuracy");
        assertEquals(2 * 2, means.rowCount(), "one row per run and kind of input");
        assertEquals(2 * 2 * 6, Results.metric(t, "accuracy").rowCount(), "one row per run, kind of input and generated position");
        assertEquals(List.of("true", "false"), t.stringColumn("model.teacher-forcing").unique().asList());
    }

    @Test
    void aRunOfAnotherModelIsNamed() {
        RunResult copy = Experiment.load(Path.of("../experiments/rnn/copy-clipping.yaml"), "data.corpus.train=16", "data.corpus.validation=8",
                "data.corpus.test=8", "train.epochs=1", "train.batch=8", "model.hidden=4").root(root).liveCurves(false).run().first();
        var e = assertThrows(IllegalArgumentException.class, () -> ExposureBias.accuracyByPosition(copy.path()));
        assertTrue(e.getMessage().contains("generator"), e.getMessage());
    }
}
