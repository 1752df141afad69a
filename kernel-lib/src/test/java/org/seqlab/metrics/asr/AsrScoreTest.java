package org.seqlab.metrics.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.io.InputFileException;

/** Hand-computed corpus scores; rates are ratios of small integers, so 1e-15 is rounding only. */
class AsrScoreTest {
    private static final double EXACT = 1e-15;

    /** "id w w ..." per string. */
    private static Transcript t(String source, String... lines) {
        List<Utterance> us = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            us.add(new Utterance(f[0], Arrays.asList(f).subList(1, f.length), i + 1));
        }
        return new Transcript(source, us);
    }

    /**
     * ref "ab cd", hyp "abcd". Words: ab->abcd S, cd deleted D: WER 2/2 = 1. Characters with the
     * space (jiwer's CER): "ab cd" (5) vs "abcd" (4), only the space deleted: 1/5. Without spaces:
     * "abcd" vs "abcd": 0.
     */
    @Test
    void bothCerConventionsByHand() {
        AsrScore s = AsrScore.of(t("ref", "u ab cd"), t("hyp", "u abcd"));
        assertEquals(new EditCounts(0, 1, 1, 0), s.words());
        assertEquals(new EditCounts(4, 0, 1, 0), s.characters());
        assertEquals(new EditCounts(4, 0, 0, 0), s.charactersNoSpace());
        assertEquals(1.0, s.wer(), EXACT);
        assertEquals(0.2, s.cer(), EXACT);
        assertEquals(0.0, s.cerNoSpace(), EXACT);
    }

    /**
     * ref "naïve café au lait", hyp "naive cafe au lit" (precomposed ï, é: one code point each).
     * Words: naïve->naive S, café->cafe S, lait->lit S, au hit: 3/4. Characters with spaces:
     * 5 + 4 + 2 + 4 letters and 3 spaces = 18 code points, ï->i S, é->e S, lait's a deleted D: 3/18.
     * Without spaces: 15, the same 3 edits: 3/15.
     */
    @Test
    void codePointsAndSpacesByHand() {
        AsrScore s = AsrScore.of(t("ref", "u na\u00efve caf\u00e9 au lait"), t("hyp", "u naive cafe au lit"));
        assertEquals(new EditCounts(1, 3, 0, 0), s.words());
        assertEquals(new EditCounts(15, 2, 1, 0), s.characters());
        assertEquals(new EditCounts(12, 2, 1, 0), s.charactersNoSpace());
        assertEquals(0.75, s.wer(), EXACT);
        assertEquals(3.0 / 18, s.cer(), EXACT);
        assertEquals(3.0 / 15, s.cerNoSpace(), EXACT);
    }

    /**
     * Counts are summed before dividing: u1 "a b c d" exact (0 of 4), u2 "x" -> "y" (1 of 1) gives
     * 1/5 = 0.2, where a mean of utterance rates would give 0.5. Matched by id, not line order.
     */
    @Test
    void corpusRateSumsCountsAndMatchesById() {
        AsrScore s = AsrScore.of(t("ref", "u1 a b c d", "u2 x"), t("hyp", "u2 y", "u1 a b c d"));
        assertEquals(0.2, s.wer(), EXACT);
        assertEquals(new EditCounts(4, 1, 0, 0), s.words());
        assertEquals(2, s.utterances());
        assertEquals(List.of(), s.missing());
    }

    /** u2 has no hypothesis line: its 2 words (5 characters with the space) are deletions. */
    @Test
    void missingHypothesisIsAllDeletionsAndListed() {
        AsrScore s = AsrScore.of(t("ref", "u1 a b", "u2 cd ef", "u3 g"), t("hyp", "u1 a b", "u3 g"));
        assertEquals(new EditCounts(3, 0, 2, 0), s.words());
        assertEquals(0.4, s.wer(), EXACT);
        assertEquals(new EditCounts(4, 0, 5, 0), s.characters());
        assertEquals(5.0 / 9, s.cer(), EXACT);
        assertEquals(new EditCounts(3, 0, 4, 0), s.charactersNoSpace());
        assertEquals(List.of("u2"), s.missing());
    }

    /**
     * jiwer: no reference word in the corpus, so WER is the number of inserted words (3); CER the
     * inserted characters, "ab c" and "d": 4 + 1 = 5 with the space, 3 + 1 = 4 without.
     */
    @Test
    void emptyReferenceCorpusScoresInsertions() {
        AsrScore s = AsrScore.of(t("ref", "u1", "u2"), t("hyp", "u1 ab c", "u2 d"));
        assertEquals(3.0, s.wer(), EXACT);
        assertEquals(new EditCounts(0, 0, 0, 3), s.words());
        assertEquals(5.0, s.cer(), EXACT);
        assertEquals(4.0, s.cerNoSpace(), EXACT);
        assertEquals(0.0, AsrScore.of(t("ref", "u1"), t("hyp", "u1")).wer(), EXACT);
    }

    /**
     * jiwer's test_alignment.py (test_show_measures): words S3 D5 I0, WER 8/9; its character test
     * gives CER 33/43 with the double space inside the reference, which Kaldi tokens cannot keep;
     * single-spaced it is 32/42 (shared/conformance/metrics/README.md, "Skipped").
     */
    @Test
    void jiwerShowMeasuresExample() {
        AsrScore s = AsrScore.of(t("ref", "u this test will have a high word error rate"), t("hyp", "u no it will not"));
        assertEquals(new EditCounts(1, 3, 5, 0), s.words());
        assertEquals(8.0 / 9, s.wer(), EXACT);
        assertEquals(32.0 / 42, s.cer(), EXACT);
        assertEquals(42, s.characters().referenceLength());
    }

    @Test
    void hypothesisIdMissingFromReferenceNamesItsLine() {
        InputFileException e = assertThrows(InputFileException.class,
                () -> AsrScore.of(t("ref.txt", "u1 a"), t("hyp.txt", "u1 a", "u9 b")));
        assertEquals("hyp.txt", e.source());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("hyp.txt:2: utterance id 'u9' is not in the reference ref.txt"), e.getMessage());
    }
}
