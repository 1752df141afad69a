package org.seqlab.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corpus BLEU against hand-worked examples and against NLTK 3.8's {@code corpus_bleu} on the cases
 * of {@code kernel-lib/src/test/python/bleu_reference.py} (its printed values are stored here).
 */
class BleuTest {
    private static int[] t(int... ids) {
        return ids;
    }

    private static double bleu(Object[][] pairs) {
        List<List<int[]>> refs = new ArrayList<>();
        List<int[]> hyps = new ArrayList<>();
        for (Object[] p : pairs) {
            refs.add(List.of((int[][]) p[0]));
            hyps.add((int[]) p[1]);
        }
        return Bleu.corpus(refs, hyps);
    }

    @Test
    void oneSubstitutionByHand() {
        // precisions 7/8, 5/7, 3/6, 2/5 (the substituted token breaks 1, 2, 3 and 3 n-grams); equal lengths
        Bleu.Counts c = Bleu.counts(List.of(List.of(t(1, 2, 3, 4, 5, 6, 7, 8))), List.of(t(1, 2, 3, 4, 5, 9, 7, 8)), 4);
        assertEquals(7.0 / 8, c.precision(1), 1e-15);
        assertEquals(5.0 / 7, c.precision(2), 1e-15);
        assertEquals(3.0 / 6, c.precision(3), 1e-15);
        assertEquals(2.0 / 5, c.precision(4), 1e-15);
        assertEquals(1.0, c.brevityPenalty(), 0);
        assertEquals(Math.pow(7.0 / 8 * 5 / 7 * 3 / 6 * 2 / 5, 0.25), c.score(), 1e-15);
    }

    @Test
    void brevityPenaltyAndClippingByHand() {
        // hypothesis 3 tokens, reference 6: BP = exp(1 - 6/3); every n-gram matches
        Bleu.Counts c = Bleu.counts(List.of(List.of(t(1, 2, 3, 4, 5, 6))), List.of(t(1, 2, 3)), 2);
        assertEquals(Math.exp(-1), c.brevityPenalty(), 1e-15);
        assertEquals(Math.exp(-1), c.score(), 1e-15);
        // "the the the the" against "the cat": unigram precision clipped to 1/4
        Bleu.Counts clip = Bleu.counts(List.of(List.of(t(7, 8))), List.of(t(7, 7, 7, 7)), 1);
        assertEquals(0.25, clip.precision(1), 1e-15);
        // no 4-gram in common: 0 (NLTK: about 1e-77)
        assertEquals(0.0, Bleu.corpus(List.of(List.of(t(1, 2, 3, 4))), List.of(t(1, 2, 3, 5))), 0);
        assertEquals(1.0, Bleu.corpus(List.of(List.of(t(1, 2, 3, 4))), List.of(t(1, 2, 3, 4))), 1e-15);
    }

    @Test
    void agreesWithNltkCorpusBleu() {
        assertEquals(0.5946035575013605, bleu(new Object[][] {{new int[][] {t(1, 2, 3, 4, 5, 6, 7, 8)}, t(1, 2, 3, 4, 5, 9, 7, 8)}}), 1e-12);
        assertEquals(0.9200444146293233, bleu(new Object[][] {
            {new int[][] {t(1, 2, 3, 4, 5, 6), t(1, 2, 3, 7, 5, 6, 8)}, t(1, 2, 3, 4, 5)},
            {new int[][] {t(9, 8, 7, 6, 5, 4, 3)}, t(9, 8, 7, 6, 5, 4, 3)}}), 1e-12);
        assertEquals(0.3655552228545123, bleu(new Object[][] {{new int[][] {t(1, 2, 3, 4, 1, 2)}, t(1, 1, 1, 1, 1, 2, 3, 4)}}), 1e-12);
        assertEquals(0.8408964152537145, bleu(new Object[][] {
            {new int[][] {t(1, 2, 3, 4, 5)}, t(1, 2, 3, 4, 5)}, {new int[][] {t(6, 7)}, t(6, 7)}}), 1e-12);
        assertEquals(0.8316937320108133, bleu(new Object[][] {
            {new int[][] {t(1, 2, 3, 4, 5, 6, 7)}, t(1, 2, 3, 4, 5, 6, 7, 7)},
            {new int[][] {t(1, 8, 3, 9, 5, 6, 2)}, t(1, 8, 3, 9, 5, 2, 3)},
            {new int[][] {t(1, 2, 10, 4, 5, 8, 7)}, t(1, 2, 10, 4, 5, 8, 7)}}), 1e-12);
    }
}
