package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.RunResult;
import org.seqlab.results.Measurements;
import tech.tablesaw.api.Table;

/** The tables notebook 05 reads its verdicts from: per-voice error rates (hand-counted edits) and the LM weights tuned on validation. */
class EndToEndAsrTablesTest {
    @TempDir
    Path dir;

    @Test
    void eachVoiceIsScoredOnItsOwnUtterancesAndNamedFromSpeakersTxt() throws Exception {
        Files.writeString(dir.resolve("references.txt"), "300-1-0000 THE CAT\n300-1-0001 A DOG\n301-1-0000 NO HYPOTHESIS HERE\n");
        // speaker 300: one word substituted of four (CAT -> CAB: one character of 12 with spaces); 301 missing: all deleted
        Files.writeString(dir.resolve("hypotheses.txt"), "300-1-0000 THE CAB\n300-1-0001 A DOG\n");
        Path speakers = dir.resolve("SPEAKERS.TXT");
        Files.writeString(speakers, "; espeak-ng voices as speakers\n; ID  | SEX | SUBSET     | VOICE\n300  | M | test       | en-us+m5\n");
        RunResult run = new RunResult("asr-ctc", "cfg", "run-1", dir, 7, "test", Map.of(), 1, 1, 1, 1.0, "completed", List.of());
        Table t = EndToEndAsr.byVoice(List.of(run), EndToEndAsr.speakerNames(speakers));
        assertEquals(0.25, value(t, "en-us+m5", "wer"), 1e-12);
        assertEquals(1.0 / 12, value(t, "en-us+m5", "cer"), 1e-12);
        assertEquals(1.0, value(t, "301", "wer"), 1e-12, "a speaker without a SPEAKERS.TXT line keeps its id");
        assertEquals(1.0, value(t, "301", "cer"), 1e-12);
        assertEquals(4, t.rowCount());
    }

    @Test
    void theLmWeightsWithTheLowestMeanOverSeedsWin() {
        Measurements m = Measurements.named("CTC decoding");
        // (0.6, 1.0) is best for seed 1 alone, (1.0, 2.0) on average; greedy rows and WER rows must not count
        m.add("cer", 0.10, 1, "decoder", "beam+lm", "alpha", "0.6", "beta", "1.0");
        m.add("cer", 0.30, 2, "decoder", "beam+lm", "alpha", "0.6", "beta", "1.0");
        m.add("cer", 0.12, 1, "decoder", "beam+lm", "alpha", "1.0", "beta", "2.0");
        m.add("cer", 0.14, 2, "decoder", "beam+lm", "alpha", "1.0", "beta", "2.0");
        m.add("cer", 0.01, 1, "decoder", "greedy", "alpha", "0.0", "beta", "0.0");
        m.add("wer", 0.01, 1, "decoder", "beam+lm", "alpha", "0.6", "beta", "1.0");
        Table t = m.table();
        assertArrayEquals(new double[] {1.0, 2.0}, EndToEndAsr.bestLmWeights(t, "cer"));
        assertArrayEquals(new double[] {0.6, 1.0}, EndToEndAsr.bestLmWeights(t, "wer"));
        assertThrows(IllegalArgumentException.class, () -> EndToEndAsr.bestLmWeights(t, "bpc"));
    }

    private static double value(Table t, String voice, String metric) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.getString(r, "voice").equals(voice) && t.getString(r, "metric").equals(metric)) {
                assertEquals("asr-ctc", t.getString(r, "experiment"));
                assertEquals("7", t.getString(r, "seed"));
                return ((Number) t.column("value").get(r)).doubleValue();
            }
        }
        throw new AssertionError("no " + metric + " row for " + voice + " in " + t.print());
    }
}
