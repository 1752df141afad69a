package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunResult;

/**
 * A transcription run writes its test references and hypotheses as Kaldi text files, and
 * {@code ./seqlab score asr} on them gives exactly the run's own WER and CER: the run's metrics
 * and the command line share one scorer, and this checks that nothing between them (ids,
 * token-to-word conversion, split order) drifts.
 */
class KaldiHypothesesTest {
    @TempDir
    Path root;

    @Test
    void scoringTheWrittenHypothesesGivesTheRunsOwnRates() throws Exception {
        RunResult r = Experiment.load(SpellingCtcSmokeTest.CONFIG)
                .set("evaluate.metrics", List.of("token-error-rate", "wer", "cer"))
                .set("train.epochs", 3)
                .root(root).run().first();
        Path ref = r.path().resolve(RunDirectory.REFERENCES);
        Path hyp = r.path().resolve(RunDirectory.HYPOTHESES);
        assertEquals(60, Files.readAllLines(ref).size(), "one line per test utterance");
        assertTrue(Files.readAllLines(hyp).get(0).startsWith("000000"), Files.readAllLines(hyp).get(0));
        Object[] out = org.seqlab.testing.Cli.run("score", "asr", "--reference", ref.toString(), "--hypothesis", hyp.toString(), "--json");
        assertEquals(0, out[0], (String) out[2]);
        Map<String, Object> json = Json.readObject((String) out[1]);
        assertEquals(r.metrics().get("wer"), ((Number) json.get("wer")).doubleValue(), 1e-12);
        assertEquals(r.metrics().get("cer"), ((Number) json.get("cer")).doubleValue(), 1e-12);
        assertTrue(r.metrics().get("cer") > 0 && r.metrics().get("cer") < 1, "a partly trained model makes some errors: " + r.metrics());
    }
}
