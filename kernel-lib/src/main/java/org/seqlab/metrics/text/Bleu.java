package org.seqlab.metrics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU (Papineni et al. 2002) as NLTK's {@code corpus_bleu} computes it with its defaults:
 * modified n-gram precisions for n = 1..N, clipped by the most frequent count of each n-gram in
 * any one reference, summed over the corpus before dividing (not averaged per sentence); their
 * geometric mean with uniform weights 1/N; and the brevity penalty exp(1 - r/c) when the corpus
 * hypothesis length c is below r, the sum over sentences of the reference length closest to
 * each hypothesis (ties to the shorter). Like NLTK, a sentence with fewer than n tokens still
 * counts 1 in the denominator of order n. No smoothing: a corpus without a single matching n-gram
 * of some order scores 0, where NLTK warns and returns about 1e-77 (it
 * takes the log of the smallest double for that order).
 */
public final class Bleu {
    private Bleu() {}

    /** Clipped matches and totals per order, and the lengths for the brevity penalty. */
    public record Counts(long[] matches, long[] totals, long hypothesisLength, long referenceLength) {
        /** The modified precision of order n (1-based). */
        public double precision(int n) {
            return totals[n - 1] == 0 ? 0 : (double) matches[n - 1] / totals[n - 1];
        }

        public double brevityPenalty() {
            if (hypothesisLength == 0) {
                return 0;
            }
            return hypothesisLength > referenceLength ? 1 : Math.exp(1 - (double) referenceLength / hypothesisLength);
        }

        public double score() {
            int order = matches.length;
            double logSum = 0;
            for (int n = 1; n <= order; n++) {
                if (matches[n - 1] == 0) {
                    return 0;
                }
                logSum += Math.log(precision(n)) / order;
            }
            return brevityPenalty() * Math.exp(logSum);
        }
    }

    /** BLEU-4 of hypotheses against one or more references each (tokens as ints). */
    public static double corpus(List<List<int[]>> references, List<int[]> hypotheses) {
        return counts(references, hypotheses, 4).score();
    }

    /** The counts of BLEU-{@code order}; references.get(i) are the references of hypothesis i. */
    public static Counts counts(List<List<int[]>> references, List<int[]> hypotheses, int order) {
        if (references.size() != hypotheses.size()) {
            throw new IllegalArgumentException("BLEU: " + references.size() + " reference sets for " + hypotheses.size() + " hypotheses");
        }
        long[] matches = new long[order];
        long[] totals = new long[order];
        long hypLength = 0;
        long refLength = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            int[] hyp = hypotheses.get(i);
            List<int[]> refs = references.get(i);
            if (refs.isEmpty()) {
                throw new IllegalArgumentException("BLEU: hypothesis " + i + " has no reference");
            }
            for (int n = 1; n <= order; n++) {
                Map<List<Integer>, Integer> hypGrams = grams(hyp, n);
                Map<List<Integer>, Integer> maxRef = new HashMap<>();
                for (int[] ref : refs) {
                    grams(ref, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
                }
                for (var e : hypGrams.entrySet()) {
                    matches[n - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                }
                totals[n - 1] += Math.max(1, hyp.length - n + 1);   // NLTK's max(1, count) per sentence
            }
            hypLength += hyp.length;
            int closest = refs.get(0).length;
            for (int[] ref : refs) {
                int d = Math.abs(ref.length - hyp.length);
                int best = Math.abs(closest - hyp.length);
                if (d < best || (d == best && ref.length < closest)) {
                    closest = ref.length;
                }
            }
            refLength += closest;
        }
        return new Counts(matches, totals, hypLength, refLength);
    }

    private static Map<List<Integer>, Integer> grams(int[] tokens, int n) {
        Map<List<Integer>, Integer> out = new HashMap<>();
        for (int s = 0; s + n <= tokens.length; s++) {
            Integer[] g = new Integer[n];
            for (int k = 0; k < n; k++) {
                g[k] = tokens[s + k];
            }
            out.merge(List.of(g), 1, Integer::sum);
        }
        return out;
    }
}
