package org.seqlab.lectures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.experiment.run.RunResult;
import tech.tablesaw.api.Table;

/** Per-voice error rates: hand-counted edits on a run folder's Kaldi transcripts. */
class EndToEndAsrByVoiceTest {
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
