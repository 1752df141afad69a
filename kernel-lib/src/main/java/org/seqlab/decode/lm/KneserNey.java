package org.seqlab.decode.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains an interpolated modified Kneser-Ney n-gram model (Chen and Goodman 1998, "An Empirical
 * Study of Smoothing Techniques for Language Modeling", section 3, eq. 17-19): the smoothing that
 * did best in their comparison and the one KenLM and SRILM's {@code -kndiscount -interpolate}
 * build, so an imported model and a trained one mean the same thing.
 *
 * <ul>
 *   <li>Counts: the highest order uses raw counts; a lower order n-gram uses its number of
 *       distinct left extensions {@code N1+(. w)} (how many contexts it completes, not how often),
 *       except one starting with {@code <s>}, which has no left extension and keeps its raw count.
 *   <li>Discounts per order, from that order's counts of counts {@code n1..n4}:
 *       {@code Y = n1 / (n1 + 2 n2)}, {@code D_k = k - (k + 1) Y n_{k+1} / n_k} for k = 1, 2, 3+.
 *       When a tiny corpus leaves some {@code n_k} at zero, or a discount outside (0, k], that
 *       discount is {@code k / 2} (the formula is undefined there; the
 *       choice only has to keep every probability positive and the sums at one).
 *   <li>{@code p(w | h) = max(c(h w) - D(c(h w)), 0) / c(h .) + gamma(h) p(w | h')}, with
 *       {@code gamma(h) = (D1 N1(h .) + D2 N2(h .) + D3 N3+(h .)) / c(h .)}; the recursion ends in
 *       the uniform distribution over the predictable vocabulary (every token but {@code <s>},
 *       with {@code </s>} and {@code <unk>}). A context never seen backs off with weight 1.
 * </ul>
 */
public final class KneserNey {
    private KneserNey() {}

    /** The highest order this class trains; character models of lecture size gain little beyond it. */
    public static final int MAX_ORDER = 6;

    /**
     * A model of the given order from tokenised sentences ({@code <s>} and {@code </s>} are added;
     * sentences must not contain them).
     */
    public static NgramLm train(List<List<String>> sentences, int order) {
        if (order < 1 || order > MAX_ORDER) {
            throw new IllegalArgumentException("Kneser-Ney order must be in [1, " + MAX_ORDER + "], got " + order);
        }
        // vocabulary: specials first, then tokens in sorted order so ids do not depend on text order
        TreeSet<String> seen = new TreeSet<>();
        for (List<String> s : sentences) {
            for (String w : s) {
                if (w.equals(NgramLm.BOS) || w.equals(NgramLm.EOS)) {
                    throw new IllegalArgumentException("training text must not contain " + w + "; it is added per sentence");
                }
                if (w.isEmpty() || w.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("a token must be non-empty and without whitespace, got '" + w + "'");
                }
                seen.add(w);
            }
        }
        seen.remove(NgramLm.UNK);
        List<String> vocab = new ArrayList<>(List.of(NgramLm.BOS, NgramLm.EOS, NgramLm.UNK));
        vocab.addAll(seen);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        int bos = 0;

        // raw counts of every n-gram, n = 1..order, over <s> w1 .. wk </s>
        List<Map<String, Integer>> raw = new ArrayList<>();
        for (int n = 0; n < order; n++) {
            raw.add(new LinkedHashMap<>());
        }
        for (List<String> s : sentences) {
            int[] t = new int[s.size() + 2];
            t[0] = bos;
            for (int i = 0; i < s.size(); i++) {
                t[i + 1] = ids.get(s.get(i));
            }
            t[t.length - 1] = 1;
            for (int end = 1; end <= t.length; end++) {
                for (int n = 1; n <= order && end - n >= 0; n++) {
                    raw.get(n - 1).merge(NgramLm.key(t, end - n, n), 1, Integer::sum);
                }
            }
        }
        raw.get(0).remove(NgramLm.key(new int[] {bos}, 0, 1));

        // adjusted counts
        List<Map<String, Integer>> adj = new ArrayList<>();
        for (int n = 1; n <= order; n++) {
            if (n == order) {
                adj.add(raw.get(n - 1));
                continue;
            }
            Map<String, Integer> a = new LinkedHashMap<>();
            for (String k : raw.get(n).keySet()) {
                // k is an (n+1)-gram v g: it adds one left extension to g
                String g = k.substring(2);
                a.merge(g, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : raw.get(n - 1).entrySet()) {
                if (NgramLm.unkey(e.getKey())[0] == bos) {
                    a.put(e.getKey(), e.getValue());
                }
            }
            adj.add(a);
        }

        // interpolated probabilities, lowest order first
        Map<String, NgramLm.Entry> grams = new HashMap<>();
        int predictable = vocab.size() - 1;
        Map<String, Double> lower = new HashMap<>();
        for (int n = 1; n <= order; n++) {
            Map<String, Integer> a = adj.get(n - 1);
            double[] d = discounts(a.values());
            Map<String, double[]> ctx = new HashMap<>(); // context -> {total, n1, n2, n3+}
            for (Map.Entry<String, Integer> e : a.entrySet()) {
                double[] c = ctx.computeIfAbsent(e.getKey().substring(0, 2 * (n - 1)), x -> new double[4]);
                c[0] += e.getValue();
                c[Math.min(3, e.getValue())]++;
            }
            Map<String, Double> probs = new HashMap<>();
            for (Map.Entry<String, Integer> e : a.entrySet()) {
                String k = e.getKey();
                double[] c = ctx.get(k.substring(0, 2 * (n - 1)));
                double gamma = (d[1] * c[1] + d[2] * c[2] + d[3] * c[3]) / c[0];
                double lowerP = n == 1 ? 1.0 / predictable : lower.get(k.substring(2));
                double p = Math.max(e.getValue() - d[Math.min(3, e.getValue())], 0) / c[0] + gamma * lowerP;
                probs.put(k, p);
            }
            if (n == 1) {
                // <unk> and any token never seen as a unigram prediction get only the uniform share
                double[] c = ctx.get("");
                double gamma = (d[1] * c[1] + d[2] * c[2] + d[3] * c[3]) / c[0];
                for (int id = 1; id < vocab.size(); id++) {
                    probs.putIfAbsent(NgramLm.key(new int[] {id}, 0, 1), gamma / predictable);
                }
            }
            for (Map.Entry<String, Double> e : probs.entrySet()) {
                grams.put(e.getKey(), new NgramLm.Entry(Math.log10(e.getValue()), 0.0));
            }
            if (n == 1) {
                // <s> is a context, never a prediction: ARPA's convention is log10 p = -99
                grams.put(NgramLm.key(new int[] {bos}, 0, 1), new NgramLm.Entry(-99.0, 0.0));
            } else {
                for (Map.Entry<String, double[]> e : ctx.entrySet()) {
                    double[] c = e.getValue();
                    double gamma = (d[1] * c[1] + d[2] * c[2] + d[3] * c[3]) / c[0];
                    NgramLm.Entry h = grams.get(e.getKey());
                    grams.put(e.getKey(), new NgramLm.Entry(h.log10Prob(), Math.log10(gamma)));
                }
            }
            lower = probs;
        }
        return new NgramLm(order, vocab, grams);
    }

    /** D[1..3] of one order from its counts of counts (index 0 unused). */
    static double[] discounts(Iterable<Integer> counts) {
        long[] n = new long[5];
        for (int c : counts) {
            if (c >= 1 && c <= 4) {
                n[c]++;
            }
        }
        double[] d = new double[4];
        double y = n[1] + 2 * n[2] > 0 ? (double) n[1] / (n[1] + 2 * n[2]) : Double.NaN;
        for (int k = 1; k <= 3; k++) {
            double v = n[k] > 0 ? k - (k + 1) * y * n[k + 1] / n[k] : Double.NaN;
            d[k] = Double.isFinite(v) && v > 0 && v <= k ? v : k / 2.0;
        }
        return d;
    }

    /**
     * A word model from text lines split at whitespace (empty lines skipped), for word-level
     * fusion at word boundaries and n-best rescoring.
     */
    public static NgramLm trainWords(List<String> lines, int order) {
        List<List<String>> sentences = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.isEmpty()) {
                sentences.add(List.of(t.split("\\s+")));
            }
        }
        return train(sentences, order);
    }
}
