package org.seqlab.metrics.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignmentTest {
    private static List<String> w(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    /**
     * jiwer's test_alignment.py (test_all_three) asserts S1 D2 I1 here; S3 D1 I0 costs 4 too.
     * Most hits breaks the tie: this=this, is->was, a=a, +messy, test=test, -of, -skill: H3.
     */
    @Test
    void equalCostAlignmentsPreferMoreHits() {
        EditCounts c = Alignment.words(w("this is a test of skill"), w("this was a messy test"));
        assertEquals(new EditCounts(3, 1, 2, 1), c);
        assertEquals(Alignment.counts(Alignment.align(w("this is a test of skill"), w("this was a messy test"))), c);
    }

    /** kitten -> sitting: k->s, e->i, +g; H4 (i, t, t, n). */
    @Test
    void characterCountsByHand() {
        assertEquals(new EditCounts(4, 2, 0, 1), Alignment.characters("kitten", "sitting"));
        assertEquals(new EditCounts(0, 0, 0, 2), Alignment.characters("", "ab"));
        assertEquals(new EditCounts(0, 0, 3, 0), Alignment.characters("abc", ""));
        assertEquals(EditCounts.ZERO, Alignment.characters("", ""));
        // one code point outside the BMP (two UTF-16 chars) is one character
        assertEquals(new EditCounts(1, 0, 1, 0), Alignment.characters("a\uD83D\uDE00", "a"));
        assertEquals(new EditCounts(1, 1, 0, 0), Alignment.characters("a\uD83D\uDE00", "a\uD83D\uDE01"));
    }

    @Test
    void stepsName() {
        List<Alignment.Step> steps = Alignment.align(w("a b c"), w("a x c d"));
        assertEquals(List.of(new Alignment.Step(Alignment.Op.HIT, 0, 0), new Alignment.Step(Alignment.Op.SUBSTITUTION, 1, 1),
                new Alignment.Step(Alignment.Op.HIT, 2, 2), new Alignment.Step(Alignment.Op.INSERTION, -1, 3)), steps);
        assertEquals(List.of(new Alignment.Step(Alignment.Op.DELETION, 0, -1)), Alignment.align(w("a"), w("")));
    }

    /**
     * Oracle: every alignment of small random sequences enumerated; the least cost, and among
     * alignments of that cost the most hits, must be what the dynamic programme finds, and the
     * step list must agree with the counts.
     */
    @Test
    void agreesWithEnumerationOfAllAlignments() {
        Random cases = new Random(15_001);  // stream: random token sequences
        for (int k = 0; k < 400; k++) {
            int[] ref = random(cases, cases.nextInt(6), 3);
            int[] hyp = random(cases, cases.nextInt(6), 3);
            long[] best = enumerate(ref, 0, hyp, 0);
            EditCounts c = Alignment.count(ref, hyp);
            assertEquals(best[0], c.errors(), () -> Arrays.toString(ref) + " / " + Arrays.toString(hyp));
            assertEquals(best[1], c.hits(), () -> Arrays.toString(ref) + " / " + Arrays.toString(hyp));
            assertEquals(ref.length, c.referenceLength());
            assertEquals(hyp.length, c.hypothesisLength());
            assertEquals(c, Alignment.counts(Alignment.align(ref, hyp)));
        }
    }

    @Test
    void refusesTablesTooLargeToHold() {
        int[] big = new int[1 << 15];
        assertThrows(IllegalArgumentException.class, () -> Alignment.align(big, big));
        assertEquals(big.length, Alignment.count(big, new int[] {0}).hits() + Alignment.count(big, new int[] {0}).deletions());
    }

    private static int[] random(Random r, int n, int symbols) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(symbols);
        }
        return a;
    }

    /** {least cost, most hits at that cost} over every alignment, each one walked to its end. */
    private static long[] enumerate(int[] ref, int i, int[] hyp, int j) {
        long[] best = {Long.MAX_VALUE, -1};
        walk(ref, 0, hyp, 0, 0, 0, best);
        return best;
    }

    private static void walk(int[] ref, int i, int[] hyp, int j, long cost, long hits, long[] best) {
        if (i == ref.length && j == hyp.length) {
            if (cost < best[0] || (cost == best[0] && hits > best[1])) {
                best[0] = cost;
                best[1] = hits;
            }
            return;
        }
        if (i < ref.length && j < hyp.length) {
            boolean same = ref[i] == hyp[j];
            walk(ref, i + 1, hyp, j + 1, cost + (same ? 0 : 1), hits + (same ? 1 : 0), best);
        }
        if (i < ref.length) {
            walk(ref, i + 1, hyp, j, cost + 1, hits, best);
        }
        if (j < hyp.length) {
            walk(ref, i, hyp, j + 1, cost + 1, hits, best);
        }
    }
}
