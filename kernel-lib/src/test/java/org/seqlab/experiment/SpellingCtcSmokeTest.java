package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.experiment.spec.Choice;

/**
 * The CTC smoke experiment ({@code experiments/smoke/spelling-ctc.yaml}) through the same two
 * faces as {@link SmokeCliTest}: CTC loss without frame labels, prefix beam search, token error
 * rate. When written, the validation token error rate went 0.80 after the first epoch, then
 * 0.048 after the third, and the test TER was 0.017 after 8 epochs; the bars below leave a wide
 * margin for BLAS rounding.
 */
class SpellingCtcSmokeTest {
    static final Path CONFIG = SmokeCliTest.SMOKE.resolve("spelling-ctc.yaml");

    @TempDir
    Path root;

    @Test
    void ctcTrainsToSpellFromTheCliAndFromJava() throws Exception {
        Path json = root.resolve("spelling-ctc.json");
        Object[] r = SmokeCliTest.cli("run", CONFIG.toString(), "--root", root.resolve("cli").toString(), "--json", json.toString());
        assertEquals(0, r[0], (String) r[2]);
        Map<String, Object> fromCli = SmokeCliTest.onlyRunMetrics(json);
        double ter = ((Number) fromCli.get("token-error-rate")).doubleValue();
        assertTrue(ter < 0.1, "test token error rate " + ter);

        RunResult java = Experiment.load(CONFIG).root(root.resolve("java")).run().first();
        java.metrics().forEach((k, v) -> assertEquals(v, ((Number) fromCli.get(k)).doubleValue(), k));
        double first = java.history().get(0).validationMetrics().get("token-error-rate");
        double last = java.history().get(java.history().size() - 1).validationMetrics().get("token-error-rate");
        assertTrue(first > 0.4 && last < first - 0.3, "validation TER should fall from chance: " + first + " -> " + last);
    }

    @Test
    void greedyDecodingOfTheSameTrainingAlsoSpells() throws Exception {
        // the same training decoded best-path: on these well-separated frames the best path is nearly always the best labelling
        RunResult greedy = Experiment.load(CONFIG).decoder(Choice.of("ctc-greedy")).root(root).run().first();
        assertTrue(greedy.metrics().get("token-error-rate") < 0.1, greedy.metrics().toString());
    }

    @Test
    void prefixBeamOnAClassificationTaskIsRejectedInOneLine() {
        Object[] r = SmokeCliTest.cli("run", SmokeCliTest.SMOKE.resolve("parity-gru.yaml").toString(),
                "--set", "decoder=ctc-prefix-beam", "--root", root.resolve("runs").toString());
        assertEquals(2, r[0]);
        assertEquals("error: decoder: decoder 'ctc-prefix-beam' cannot decode it: dataset 'parity' is a frame-classification"
                + " task (sequence -> class per frame); decoders for it: argmax\n", r[2]);
        assertFalse(Files.exists(root.resolve("runs")), "no run folder for a spec that cannot run");
    }

    @Test
    void aCharacterLmNeedsCharacterClasses() {
        Object[] r = SmokeCliTest.cli("run", CONFIG.toString(), "--set", "decoder.lm=missing.arpa", "--set", "train.epochs=1",
                "--root", root.resolve("runs").toString());
        assertEquals(2, r[0], (String) r[2]);
        // stderr of this JVM may also carry logging noise; the error itself is one line
        List<String> errors = ((String) r[2]).lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(List.of("error: decoder.lm: a character LM needs one character per class, but class 1 is 't1';"
                + " drop lm or use a character-level dataset"), errors, (String) r[2]);
        assertFalse(((String) r[2]).contains("\tat "), "no stack trace: " + r[2]);
    }
}
