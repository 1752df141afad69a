package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.Choice;
import org.seqlab.metrics.lid.LanguageScores;
import org.seqlab.metrics.lid.LidScore;
import org.seqlab.testing.Cli;

/** A scoring run's SCORES.tsv: the format {@code seqlab score lid} reads, the same numbers as the run's results. */
class LidScoresFileTest {
    @TempDir
    Path root;

    @Test
    void aScoringRunWritesScoresThatScoreLidScoresToItsOwnResults() throws Exception {
        RunResult r = Experiment.named("toy-lid-scores")
                .data(Data.corpus("toy-sign").with("length", 6).with("train", 160))
                .model("toy-linear", "init-scale", 0.5)
                .loss("toy-xent")
                .decoder(Choice.of("detection-llr"))
                .train(Train.with(Choice.of("toy-sgd").with("lr", 0.5).with("momentum", 0.5)).epochs(3).batch(16).seed(4))
                .evaluate(Eval.metrics("accuracy", "cavg", "min-cavg", "eer").monitor("loss"))
                .root(root).run().first();
        Path file = r.path().resolve(RunDirectory.SCORES);
        assertTrue(Files.exists(file), "no " + file);
        LanguageScores s = LanguageScores.read(file);
        assertEquals(2, s.languages().size());
        for (int i = 0; i < s.rows(); i++) {
            // two targets: each llr is the logit difference, log p / (1 - p), so the two are opposite
            assertEquals(-s.score(i, 0), s.score(i, 1), 1e-5, "row " + i);
        }
        LidScore score = LidScore.of(s, 0.5);
        assertEquals(r.metrics().get("accuracy"), score.accuracy(), 1e-12);
        assertEquals(r.metrics().get("cavg"), score.cavg(), 1e-12);
        assertEquals(r.metrics().get("min-cavg"), score.minCavg(), 1e-12);
        assertEquals(r.metrics().get("eer"), score.eer(), 1e-12);
        assertTrue(r.metrics().get("cavg") < 0.5, "llrs thresholded at 0 accept some trials: cavg " + r.metrics());
        Object[] cli = Cli.run("score", "lid", "--scores", file.toString(), "--json");
        assertEquals(0, cli[0], String.valueOf(cli[2]));
        Map<String, Object> json = Json.readObject((String) cli[1]);
        assertEquals(score.cavg(), ((Number) json.get("cavg")).doubleValue(), 1e-12);
        assertEquals(score.eer(), ((Number) json.get("eer")).doubleValue(), 1e-12);
    }
}
