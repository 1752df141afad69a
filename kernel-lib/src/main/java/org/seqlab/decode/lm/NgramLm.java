package org.seqlab.decode.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A backoff n-gram language model in the form an ARPA file describes: for each stored n-gram
 * {@code h w} the log10 probability {@code p(w | h)} and, when {@code h w} is itself a context,
 * a log10 backoff weight. An unstored {@code h w} scores {@code backoff(h) + log10 p(w | h')},
 * with {@code h'} the context without its first token. An interpolated model (such as
 * {@link KneserNey}'s) is stored exactly in this form, its interpolated probabilities for the
 * seen n-grams and its interpolation weights as backoffs, which is why ARPA export loses nothing.
 *
 * <p>Tokens are strings; {@link #BOS} starts every sentence (it is a context, never predicted),
 * {@link #EOS} ends it, and a token outside the vocabulary scores as {@link #UNK}. Lookups hash
 * the token ids of the n-gram, so {@link #log10Prob(int[], int, int, int)} costs at most
 * {@code order} hash lookups and suits a beam search's inner loop.
 */
public final class NgramLm {
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String UNK = "<unk>";

    /** The score of a token when the model has no {@code <unk>} entry, as KenLM uses. */
    static final double MISSING_UNK_LOG10 = -100.0;

    /** A stored n-gram's log10 probability and log10 backoff weight (0 when it is no context). */
    record Entry(double log10Prob, double log10Backoff) {}

    private final int order;
    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final Map<String, Entry> grams;
    private final int[] counts;
    private final int unk;
    private final int bos;
    private final int eos;
    private final PackedGrams packed;

    /**
     * @param tokens the vocabulary in id order ({@code <s>}, {@code </s>} among them)
     * @param grams every stored n-gram, keyed by {@link #key(int[], int, int)} of its token ids
     */
    NgramLm(int order, List<String> tokens, Map<String, Entry> grams) {
        this(order, tokens, grams, true);
    }

    /** The same model answering from its string-keyed table only; tests compare the two lookups. */
    NgramLm withoutPacking() {
        return new NgramLm(order, tokens, grams, false);
    }

    private NgramLm(int order, List<String> tokens, Map<String, Entry> grams, boolean pack) {
        if (order < 1) {
            throw new IllegalArgumentException("n-gram order must be at least 1, got " + order);
        }
        this.order = order;
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        this.grams = grams;
        this.counts = new int[order];
        for (String k : grams.keySet()) {
            counts[k.length() / 2 - 1]++;
        }
        this.unk = ids.getOrDefault(UNK, -1);
        this.bos = ids.getOrDefault(BOS, -1);
        this.eos = ids.getOrDefault(EOS, -1);
        if (bos < 0 || eos < 0) {
            throw new IllegalArgumentException("an n-gram model needs the tokens " + BOS + " and " + EOS);
        }
        this.packed = pack ? PackedGrams.of(order, tokens.size(), grams) : null;
    }

    public int order() {
        return order;
    }

    /** Every token with an id, in id order. */
    public List<String> vocabulary() {
        return tokens;
    }

    /** Tokens a model predicts: the vocabulary without {@code <s>}. Their probabilities sum to 1 in any context. */
    public List<String> predictable() {
        List<String> out = new ArrayList<>(tokens);
        out.remove(BOS);
        return Collections.unmodifiableList(out);
    }

    /** The id of {@code token}, or that of {@code <unk>} (-1 if the model has none) when it is unknown. */
    public int id(String token) {
        return ids.getOrDefault(token, unk);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public int bos() {
        return bos;
    }

    public int eos() {
        return eos;
    }

    /** Number of stored n-grams of order {@code n} (1-based). */
    public int count(int n) {
        return counts[n - 1];
    }

    /**
     * log10 p(token | context[from..to)); only the last {@code order - 1} context tokens are
     * used. A sentence's context starts with {@link #bos()}. An unknown token (id -1) scores
     * {@link #MISSING_UNK_LOG10}.
     */
    public double log10Prob(int[] context, int from, int to, int token) {
        if (token < 0) {
            return MISSING_UNK_LOG10;
        }
        if (packed != null) {
            return packedLog10Prob(context, from, to, token);
        }
        double backoff = 0;
        for (int s = Math.max(from, to - (order - 1)); s <= to; s++) {
            int n = to - s;
            Entry e = grams.get(key(context, s, n, token));
            if (e != null) {
                return backoff + e.log10Prob();
            }
            if (n > 0) {
                Entry h = grams.get(key(context, s, n, -1));
                if (h != null) {
                    backoff += h.log10Backoff();
                }
            }
        }
        return MISSING_UNK_LOG10;
    }

    /** The same backoff walk over packed keys: longest context first, shortening until the n-gram is stored. */
    private double packedLog10Prob(int[] context, int from, int to, int token) {
        double backoff = 0;
        for (int s = Math.max(from, to - (order - 1)); s <= to; s++) {
            long h = 0;
            boolean known = true;
            for (int i = s; i < to; i++) {
                known &= context[i] >= 0;
                h = packed.append(h, context[i]);
            }
            if (!known) {
                continue; // a context with a token the model has no id for is never stored
            }
            int g = packed.find(packed.append(h, token));
            if (g >= 0) {
                return backoff + packed.prob(g);
            }
            if (s < to) {
                int c = packed.find(h);
                if (c >= 0) {
                    backoff += packed.backoff(c);
                }
            }
        }
        return MISSING_UNK_LOG10;
    }

    /** {@link #log10Prob(int[], int, int, int)} over a whole context array. */
    public double log10Prob(int[] context, int token) {
        return log10Prob(context, 0, context.length, token);
    }

    /** log10 of the probability of a whole sentence, {@code </s>} included, {@code <s>} as the first context. */
    public double sentenceLog10Prob(List<String> sentence) {
        int[] ctx = new int[sentence.size() + 1];
        ctx[0] = bos;
        double sum = 0;
        for (int i = 0; i < sentence.size(); i++) {
            int id = id(sentence.get(i));
            sum += log10Prob(ctx, 0, i + 1, id);
            ctx[i + 1] = id;
        }
        return sum + log10Prob(ctx, 0, ctx.length, eos);
    }

    /** The stored n-gram's entry, or null; for ARPA export and tests. */
    Entry entry(int[] ids, int from, int n) {
        return grams.get(key(ids, from, n));
    }

    /** Stored n-grams of order n as token-id arrays, in a fixed (sorted) order for export. */
    List<int[]> grams(int n) {
        List<int[]> out = new ArrayList<>();
        for (String k : grams.keySet()) {
            if (k.length() == 2 * n) {
                out.add(unkey(k));
            }
        }
        out.sort(Arrays::compare);
        return out;
    }

    /** Two chars per id, so vocabularies of any size fit and equal n-grams give equal strings. */
    static String key(int[] ids, int from, int n) {
        return key(ids, from, n, -1);
    }

    /** The key of {@code ids[from..from+n)} followed by {@code last} when it is not negative. */
    static String key(int[] ids, int from, int n, int last) {
        char[] c = new char[2 * (n + (last >= 0 ? 1 : 0))];
        for (int i = 0; i < n; i++) {
            put(c, i, ids[from + i]);
        }
        if (last >= 0) {
            put(c, n, last);
        }
        return new String(c);
    }

    private static void put(char[] c, int i, int v) {
        c[2 * i] = (char) (v >>> 16);
        c[2 * i + 1] = (char) v;
    }

    static int[] unkey(String k) {
        int[] out = new int[k.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (k.charAt(2 * i) << 16) | k.charAt(2 * i + 1);
        }
        return out;
    }
}
