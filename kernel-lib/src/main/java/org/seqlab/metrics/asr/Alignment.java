package org.seqlab.metrics.asr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Levenshtein alignment of a reference and a hypothesis token sequence (words, or characters as
 * Unicode code points), with unit costs for substitution, deletion and insertion.
 *
 * <p>Several alignments can have the minimum cost, and they can split the cost differently
 * ("this is a test of skill" / "this was a messy test" costs 4 as S1 D2 I1 or as S3 D1 I0).
 * Among them the one with the most hits is chosen. Cost {@code C} and hits {@code H} fix the
 * split: with reference length {@code n} and hypothesis length {@code m},
 * {@code S = n + m - 2H - C}, {@code D = n - H - S}, {@code I = m - H - S}; so the counts do not
 * depend on how a backtrace breaks ties, and they agree with jiwer 4.0 on the case above (its
 * test_alignment.py asserts S1 D2 I1). Corpus WER is the same for every minimum-cost alignment.
 */
public final class Alignment {
    /** Largest table {@link #align} builds (cells); counting alone needs two rows. */
    static final long MAX_CELLS = 1L << 28;

    private Alignment() {}

    /** What one step of an alignment does. */
    public enum Op { HIT, SUBSTITUTION, DELETION, INSERTION }

    /** One step: {@code ref} and {@code hyp} are token indices, -1 where the step has no such token. */
    public record Step(Op op, int ref, int hyp) {}

    /** Word counts: tokens compared as strings, exactly (case and punctuation as written). */
    public static EditCounts words(List<String> reference, List<String> hypothesis) {
        Map<String, Integer> ids = new HashMap<>();
        return count(ids(reference, ids), ids(hypothesis, ids));
    }

    /** Character counts over Unicode code points (a character outside the BMP counts once). */
    public static EditCounts characters(String reference, String hypothesis) {
        return count(reference.codePoints().toArray(), hypothesis.codePoints().toArray());
    }

    /** Counts of the chosen minimum-cost alignment, in two rows of memory. */
    public static EditCounts count(int[] ref, int[] hyp) {
        int n = ref.length;
        int m = hyp.length;
        int[] cost = new int[m + 1];
        int[] hits = new int[m + 1];
        int[] prevCost = new int[m + 1];
        int[] prevHits = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            cost[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            int[] t = prevCost;
            prevCost = cost;
            cost = t;
            t = prevHits;
            prevHits = hits;
            hits = t;
            cost[0] = i;
            hits[0] = 0;
            for (int j = 1; j <= m; j++) {
                boolean same = ref[i - 1] == hyp[j - 1];
                int c = prevCost[j - 1] + (same ? 0 : 1);
                int h = prevHits[j - 1] + (same ? 1 : 0);
                if (better(prevCost[j] + 1, prevHits[j], c, h)) {
                    c = prevCost[j] + 1;
                    h = prevHits[j];
                }
                if (better(cost[j - 1] + 1, hits[j - 1], c, h)) {
                    c = cost[j - 1] + 1;
                    h = hits[j - 1];
                }
                cost[j] = c;
                hits[j] = h;
            }
        }
        return split(n, m, cost[m], hits[m]);
    }

    /** The chosen alignment step by step, for display; counts agree with {@link #count}. */
    public static List<Step> align(int[] ref, int[] hyp) {
        int n = ref.length;
        int m = hyp.length;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            throw new IllegalArgumentException("sequences of " + n + " and " + m + " tokens are too long to align in memory;"
                    + " count() needs only two rows");
        }
        int w = m + 1;
        int[] cost = new int[(n + 1) * w];
        int[] hits = new int[(n + 1) * w];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                int k = i * w + j;
                if (i == 0 || j == 0) {
                    cost[k] = i + j;
                    continue;
                }
                boolean same = ref[i - 1] == hyp[j - 1];
                int c = cost[k - w - 1] + (same ? 0 : 1);
                int h = hits[k - w - 1] + (same ? 1 : 0);
                if (better(cost[k - w] + 1, hits[k - w], c, h)) {
                    c = cost[k - w] + 1;
                    h = hits[k - w];
                }
                if (better(cost[k - 1] + 1, hits[k - 1], c, h)) {
                    c = cost[k - 1] + 1;
                    h = hits[k - 1];
                }
                cost[k] = c;
                hits[k] = h;
            }
        }
        List<Step> steps = new ArrayList<>(n + m);
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            int k = i * w + j;
            if (i > 0 && j > 0) {
                boolean same = ref[i - 1] == hyp[j - 1];
                if (cost[k] == cost[k - w - 1] + (same ? 0 : 1) && hits[k] == hits[k - w - 1] + (same ? 1 : 0)) {
                    steps.add(new Step(same ? Op.HIT : Op.SUBSTITUTION, --i, --j));
                    continue;
                }
            }
            if (i > 0 && cost[k] == cost[k - w] + 1 && hits[k] == hits[k - w]) {
                steps.add(new Step(Op.DELETION, --i, -1));
            } else {
                steps.add(new Step(Op.INSERTION, -1, --j));
            }
        }
        Collections.reverse(steps);
        return steps;
    }

    /** {@link #align} over any tokens compared with {@code equals}. */
    public static <T> List<Step> align(List<T> reference, List<T> hypothesis) {
        Map<T, Integer> ids = new HashMap<>();
        return align(ids(reference, ids), ids(hypothesis, ids));
    }

    /** Counts of a step list. */
    public static EditCounts counts(List<Step> steps) {
        long[] c = new long[Op.values().length];
        steps.forEach(s -> c[s.op().ordinal()]++);
        return new EditCounts(c[Op.HIT.ordinal()], c[Op.SUBSTITUTION.ordinal()], c[Op.DELETION.ordinal()],
                c[Op.INSERTION.ordinal()]);
    }

    /** Lower cost wins; at equal cost, more hits. */
    private static boolean better(int cost, int hits, int bestCost, int bestHits) {
        return cost < bestCost || (cost == bestCost && hits > bestHits);
    }

    private static EditCounts split(int n, int m, int cost, int hits) {
        long s = (long) n + m - 2L * hits - cost;
        return new EditCounts(hits, s, n - hits - s, m - hits - s);
    }

    private static <T> int[] ids(List<T> tokens, Map<T, Integer> ids) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(tokens.get(i), t -> ids.size());
        }
        return out;
    }
}
