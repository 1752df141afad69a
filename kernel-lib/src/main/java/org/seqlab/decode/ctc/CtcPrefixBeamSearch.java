package org.seqlab.decode.ctc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.decode.Hypothesis;
import org.seqlab.decode.lm.CharLm;
import org.seqlab.decode.lm.NgramLm;
import org.seqlab.losses.CtcLoss;
import org.seqlab.losses.LogSpace;

/**
 * CTC prefix beam search (Hannun et al. 2014, "First-Pass Large Vocabulary Continuous Speech
 * Recognition using Bi-Directional Recurrent DNNs", algorithm 1; Maas et al. 2015): a beam over
 * label prefixes, not alignments. Each prefix carries two log-probabilities, of the alignments
 * of frames so far that produce it ending in a blank ({@code pb}) and ending in its last label
 * ({@code pnb}); keeping them apart is what lets a repeated label be told from a new copy of it
 * (after a blank). Summing over alignments is why it beats best-path decoding even without a
 * language model.
 *
 * <p>Shallow fusion ranks a prefix y by
 * {@code ln p(y|x) + alpha ln p_charLM(y) + wordWeight ln p_wordLM(words of y) + beta |y|},
 * all natural logs ({@code |y|} counts labels, so beta is a per-character insertion bonus that
 * offsets the LM's preference for short outputs). The character LM scores every emitted
 * character; the optional word LM scores each word when the space after it is emitted, and the
 * last word at the end. With {@code endOfSentence}, both LMs also score {@code </s>} on the final
 * list. The LM scores depend on the prefix only, so they are kept on the prefix (a node linked to
 * its parent, scored once when it is created) and added at ranking time; the acoustic part stays exact.
 *
 * <p>Labels whose log-probability at a frame is below {@code pruneLogProb} are not tried there
 * (the blank and the frame's best label always are): most frames of a trained CTC model put
 * nearly all mass on the blank, so this removes most of the work. With pruning off and a beam
 * wide enough to keep every prefix, the search is exact: it returns {@code argmax_y p(y|x)}.
 * Results are deterministic: ties keep the order in which prefixes were first reached.
 *
 * <p>The final list is scored exactly: a prefix's beam probability misses the alignments that
 * passed through prefixes pruned earlier, so each finished hypothesis gets its
 * {@code ln p(y|x)} from the CTC forward recursion, and the best path (greedy decoding) joins the
 * candidates. Hence without LM and bonus the answer is never less likely than greedy decoding's,
 * which a plain beam cannot promise (measured: a beam of 8 lost to greedy by 3.5e-4 nats on one
 * of 100 random cases). The cost, {@code O(n-best T |y|)}, is small next to the search.
 */
public final class CtcPrefixBeamSearch {
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final double LN10 = Math.log(10);

    /**
     * @param beamWidth prefixes kept after each frame
     * @param pruneLogProb labels below this log-probability at a frame are skipped there
     *     ({@code -infinity}: no pruning)
     * @param alpha weight of the character LM (0: no character LM)
     * @param beta insertion bonus per emitted label
     * @param wordWeight weight of the word LM at word boundaries (0: none)
     * @param endOfSentence whether the LMs score the end of the sentence on the final list
     * @param nBest hypotheses returned (at most the beam width)
     */
    public record Options(int beamWidth, double pruneLogProb, double alpha, double beta, double wordWeight,
                          boolean endOfSentence, int nBest) {
        public Options {
            if (beamWidth < 1 || nBest < 1) {
                throw new IllegalArgumentException("beam width and n-best size must be at least 1, got " + beamWidth + " and " + nBest);
            }
            if (Double.isNaN(pruneLogProb) || Double.isNaN(alpha) || Double.isNaN(beta) || Double.isNaN(wordWeight)) {
                throw new IllegalArgumentException("beam search options must not be NaN");
            }
        }

        /** Beam 16, no pruning, no LM, no bonus, 16 hypotheses. */
        public static Options defaults() {
            return new Options(16, NEG_INF, 0.0, 0.0, 0.0, true, 16);
        }

        public Options withBeamWidth(int w) {
            return new Options(w, pruneLogProb, alpha, beta, wordWeight, endOfSentence, Math.min(nBest, w));
        }

        public Options withPrune(double logProb) {
            return new Options(beamWidth, logProb, alpha, beta, wordWeight, endOfSentence, nBest);
        }

        public Options withAlpha(double a) {
            return new Options(beamWidth, pruneLogProb, a, beta, wordWeight, endOfSentence, nBest);
        }

        public Options withBeta(double b) {
            return new Options(beamWidth, pruneLogProb, alpha, b, wordWeight, endOfSentence, nBest);
        }

        public Options withWordWeight(double w) {
            return new Options(beamWidth, pruneLogProb, alpha, beta, w, endOfSentence, nBest);
        }

        public Options withEndOfSentence(boolean e) {
            return new Options(beamWidth, pruneLogProb, alpha, beta, wordWeight, e, nBest);
        }

        public Options withNBest(int n) {
            return new Options(beamWidth, pruneLogProb, alpha, beta, wordWeight, endOfSentence, n);
        }
    }

    private final CtcAlphabet alphabet;
    private final CharLm charLm;
    private final NgramLm wordLm;
    private final Options options;

    /**
     * @param charLm the character LM, or null
     * @param wordLm the word LM, or null
     */
    public CtcPrefixBeamSearch(CtcAlphabet alphabet, CharLm charLm, NgramLm wordLm, Options options) {
        if (options.alpha() != 0 && charLm == null) {
            throw new IllegalArgumentException("alpha " + options.alpha() + " needs a character LM");
        }
        if (options.wordWeight() != 0 && wordLm == null) {
            throw new IllegalArgumentException("word weight " + options.wordWeight() + " needs a word LM");
        }
        this.alphabet = alphabet;
        this.charLm = charLm;
        this.wordLm = wordLm;
        this.options = options;
    }

    /** Without language models. */
    public CtcPrefixBeamSearch(CtcAlphabet alphabet, Options options) {
        this(alphabet, null, null, options);
    }

    /** A node of the prefix trie: one per distinct label sequence reached. */
    private final class Prefix {
        final Prefix parent;
        final int label;
        final int length;
        final int[] charContext;
        final int[] wordContext;
        final String word;
        /** Unweighted natural-log LM scores of the prefix so far. */
        final double charScore;
        final double wordScore;

        Prefix() {
            parent = null;
            label = -1;
            length = 0;
            charContext = charLm == null ? null : new int[] {charLm.model().bos()};
            wordContext = wordLm == null ? null : new int[] {wordLm.bos()};
            word = "";
            charScore = 0;
            wordScore = 0;
        }

        Prefix(Prefix parent, int label) {
            this.parent = parent;
            this.label = label;
            this.length = parent.length + 1;
            int cp = alphabet.codePoint(label);
            if (charLm != null) {
                int id = charLm.id(cp);
                charScore = parent.charScore + LN10 * charLm.model().log10Prob(parent.charContext, id);
                charContext = shift(parent.charContext, id, charLm.order());
            } else {
                charScore = 0;
                charContext = null;
            }
            if (wordLm != null && alphabet.isSpace(label)) {
                if (parent.word.isEmpty()) {
                    wordScore = parent.wordScore;
                    wordContext = parent.wordContext;
                } else {
                    int id = wordLm.id(parent.word);
                    wordScore = parent.wordScore + LN10 * wordLm.log10Prob(parent.wordContext, id);
                    wordContext = shift(parent.wordContext, id, wordLm.order());
                }
                word = "";
            } else {
                wordScore = parent.wordScore;
                wordContext = parent.wordContext;
                word = wordLm == null ? "" : parent.word + new String(Character.toChars(cp));
            }
        }

        double lm() {
            return options.alpha() * charScore + options.wordWeight() * wordScore;
        }

        /** The LM scores that only the end of the sentence adds: the last word, then {@code </s>}. */
        double endLm() {
            if (!options.endOfSentence()) {
                return 0;
            }
            double s = 0;
            if (charLm != null && options.alpha() != 0) {
                s += options.alpha() * LN10 * charLm.model().log10Prob(charContext, charLm.model().eos());
            }
            if (wordLm != null && options.wordWeight() != 0) {
                int[] ctx = wordContext;
                double w = 0;
                if (!word.isEmpty()) {
                    int id = wordLm.id(word);
                    w += LN10 * wordLm.log10Prob(ctx, id);
                    ctx = shift(ctx, id, wordLm.order());
                }
                w += LN10 * wordLm.log10Prob(ctx, wordLm.eos());
                s += options.wordWeight() * w;
            }
            return s;
        }

        int[] labels() {
            int[] out = new int[length];
            Prefix p = this;
            for (int i = length - 1; i >= 0; i--) {
                out[i] = p.label;
                p = p.parent;
            }
            return out;
        }
    }

    /** The context after appending {@code id}, keeping the last {@code order - 1} tokens. */
    private static int[] shift(int[] context, int id, int order) {
        int keep = Math.min(context.length, Math.max(0, order - 2));
        int[] out = new int[keep + 1];
        System.arraycopy(context, context.length - keep, out, 0, keep);
        out[keep] = id;
        return out;
    }

    /** The two log-probabilities of a prefix at one frame: ending in blank, ending in its last label. */
    private static final class Scores {
        double blank = NEG_INF;
        double label = NEG_INF;

        double total() {
            return LogSpace.add(blank, label);
        }
    }

    /**
     * One live prefix after a frame, as the lecture draws the search: its text, the log-probability
     * of its alignments ending in a blank and ending in its last label, its weighted LM score and
     * the score that ranks it ({@code ln(p_b + p_nb) + lm + beta |y|}).
     */
    public record Live(String text, double blank, double label, double lm, double rank) {}

    /** Sees the beam after every frame, best first: for stepping through the search on one utterance. */
    public interface Trace {
        void frame(int t, List<Live> beam);
    }

    /** The n-best list for [T][C] log-probabilities (rows must be normalised: log-softmax outputs). */
    public List<Hypothesis> decode(double[][] logProbs) {
        return decode(logProbs, null);
    }

    /** As {@link #decode(double[][])}, showing the beam after each frame to {@code trace} (may be null). */
    public List<Hypothesis> decode(double[][] logProbs, Trace trace) {
        int blank = alphabet.blank();
        Prefix root = new Prefix();
        Map<Prefix, Scores> beam = new LinkedHashMap<>();
        Scores start = new Scores();
        start.blank = 0.0;
        beam.put(root, start);
        for (int t = 0; t < logProbs.length; t++) {
            double[] lp = logProbs[t];
            if (lp.length != alphabet.size()) {
                throw new IllegalArgumentException("frame " + t + " has " + lp.length + " classes, the alphabet " + alphabet.size());
            }
            int best = 0;
            for (int c = 1; c < lp.length; c++) {
                if (lp[c] > lp[best]) {
                    best = c;
                }
            }
            Map<Prefix, Scores> next = new LinkedHashMap<>();
            // a prefix is reached by extending its parent; if it is in the beam already it must be that node
            Map<Prefix, Map<Integer, Prefix>> children = new HashMap<>();
            for (Prefix q : beam.keySet()) {
                if (q.parent != null) {
                    children.computeIfAbsent(q.parent, k -> new HashMap<>()).put(q.label, q);
                }
            }
            for (Map.Entry<Prefix, Scores> e : beam.entrySet()) {
                Prefix p = e.getKey();
                Scores s = e.getValue();
                double all = s.total();
                for (int c = 0; c < lp.length; c++) {
                    if (lp[c] < options.pruneLogProb() && c != blank && c != best) {
                        continue;
                    }
                    if (c == blank) {
                        Scores n = next.computeIfAbsent(p, k -> new Scores());
                        n.blank = LogSpace.add(n.blank, all + lp[c]);
                    } else if (c == p.label) {
                        // the same label again: collapses into p unless a blank came between
                        Scores same = next.computeIfAbsent(p, k -> new Scores());
                        same.label = LogSpace.add(same.label, s.label + lp[c]);
                        Scores n = next.computeIfAbsent(child(children, p, c), k -> new Scores());
                        n.label = LogSpace.add(n.label, s.blank + lp[c]);
                    } else {
                        Scores n = next.computeIfAbsent(child(children, p, c), k -> new Scores());
                        n.label = LogSpace.add(n.label, all + lp[c]);
                    }
                }
            }
            beam = prune(next, options.beamWidth());
            if (trace != null) {
                List<Live> live = new ArrayList<>(beam.size());
                for (Map.Entry<Prefix, Scores> e : beam.entrySet()) {
                    Prefix p = e.getKey();
                    Scores s = e.getValue();
                    live.add(new Live(alphabet.text(p.labels()), s.blank, s.label, p.lm(),
                            s.total() + p.lm() + options.beta() * p.length));
                }
                trace.frame(t, List.copyOf(live));
            }
        }
        // final list: the beam plus the best path, each scored by its exact likelihood
        Map<String, Prefix> finals = new LinkedHashMap<>();
        for (Prefix p : beam.keySet()) {
            finals.put(Arrays.toString(p.labels()), p);
        }
        Prefix greedy = root;
        for (int c : CtcGreedy.labels(logProbs, blank)) {
            greedy = new Prefix(greedy, c);
        }
        finals.putIfAbsent(Arrays.toString(greedy.labels()), greedy);
        List<Hypothesis> out = new ArrayList<>();
        for (Prefix p : finals.values()) {
            int[] labels = p.labels();
            double acoustic = CtcLoss.logLikelihood(logProbs, labels, blank);
            if (acoustic == NEG_INF) {
                continue;
            }
            double lm = p.lm() + p.endLm();
            out.add(new Hypothesis(labels, alphabet.text(labels), acoustic, lm, acoustic + lm + options.beta() * p.length));
        }
        out.sort(Comparator.comparingDouble(Hypothesis::total).reversed());
        return List.copyOf(out.subList(0, Math.min(options.nBest(), out.size())));
    }

    /** The prefix p + c: the node already reached this frame or in the beam, else a new one (its LM scored once). */
    private Prefix child(Map<Prefix, Map<Integer, Prefix>> children, Prefix p, int c) {
        return children.computeIfAbsent(p, k -> new HashMap<>()).computeIfAbsent(c, k -> new Prefix(p, k));
    }

    /** The {@code width} best prefixes by fused score, in rank order (stable on ties). */
    private Map<Prefix, Scores> prune(Map<Prefix, Scores> next, int width) {
        record Ranked(Prefix prefix, Scores scores, double rank) {}
        List<Ranked> entries = new ArrayList<>(next.size());
        for (Map.Entry<Prefix, Scores> e : next.entrySet()) {
            Prefix p = e.getKey();
            double acoustic = e.getValue().total();
            if (acoustic != NEG_INF) {
                entries.add(new Ranked(p, e.getValue(), acoustic + p.lm() + options.beta() * p.length));
            }
        }
        entries.sort(Comparator.comparingDouble(Ranked::rank).reversed());
        Map<Prefix, Scores> kept = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(width, entries.size()); i++) {
            kept.put(entries.get(i).prefix(), entries.get(i).scores());
        }
        return kept;
    }
}
