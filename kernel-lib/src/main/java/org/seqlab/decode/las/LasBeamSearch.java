package org.seqlab.decode.las;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.seqlab.decode.Hypothesis;
import org.seqlab.decode.lm.CharLm;

/**
 * Beam search for an attention (LAS) decoder, optionally joint with CTC and fused with a
 * character LM. A hypothesis is ranked by
 * <pre>
 * (1 - ctcWeight) ln p_att(y|x) + ctcWeight psi_ctc(y|x) + lmWeight ln p_LM(y)
 * </pre>
 * (Watanabe et al. 2017, as ESPnet decodes hybrid models), and a finished one by that total
 * divided by its length (labels plus the end of sentence) when {@code lengthNorm} is on: an
 * attention decoder's log probability only falls with every label, so without normalisation
 * short transcripts win (Chan et al. 2016 note the same bias). The end-of-sentence threshold
 * (Kannan et al. 2018): the end symbol may close a hypothesis only when
 * {@code ln p(eos) >= eosThreshold * max_c ln p(c)}, which stops premature endings; 0 turns
 * it off. Candidates per hypothesis are first cut to the {@code ceil(1.5 beam)} best by the
 * attention score (ESPnet's pre-beam), so CTC prefix scores are computed only for those.
 */
public final class LasBeamSearch {
    /**
     * @param beam hypotheses kept per step
     * @param maxLength labels at most (a hypothesis still open then is closed)
     */
    public record Options(int beam, boolean lengthNorm, double eosThreshold, double ctcWeight, double lmWeight,
                          int maxLength) {
        public Options {
            if (beam < 1) {
                throw new IllegalArgumentException("beam must be at least 1, got " + beam);
            }
            if (!(ctcWeight >= 0 && ctcWeight <= 1)) {
                throw new IllegalArgumentException("ctc weight must be in [0, 1], got " + ctcWeight);
            }
            if (!(eosThreshold >= 0) || !(lmWeight >= 0) || maxLength < 1) {
                throw new IllegalArgumentException("eos threshold and lm weight must be >= 0 and max length >= 1");
            }
        }

        public static Options defaults() {
            return new Options(4, true, 1.5, 0.0, 0.0, 200);
        }

        public Options withBeam(int b) {
            return new Options(b, lengthNorm, eosThreshold, ctcWeight, lmWeight, maxLength);
        }

        public Options withCtcWeight(double w) {
            return new Options(beam, lengthNorm, eosThreshold, w, lmWeight, maxLength);
        }

        public Options withLmWeight(double w) {
            return new Options(beam, lengthNorm, eosThreshold, ctcWeight, w, maxLength);
        }

        public Options withEosThreshold(double g) {
            return new Options(beam, lengthNorm, g, ctcWeight, lmWeight, maxLength);
        }

        public Options withLengthNorm(boolean on) {
            return new Options(beam, on, eosThreshold, ctcWeight, lmWeight, maxLength);
        }

        public Options withMaxLength(int n) {
            return new Options(beam, lengthNorm, eosThreshold, ctcWeight, lmWeight, n);
        }
    }

    /** One live or finished hypothesis with its score parts (natural logs). */
    public record Beam(List<Integer> labels, double attention, double ctc, double lm, double total,
                       CtcPrefixScore.State ctcState, String text) {}

    /** The live hypotheses after each step, best first: what a notebook shows when stepping through. */
    public interface Trace {
        void step(int index, List<Beam> live, List<Beam> ended);
    }

    private static final double LN10 = Math.log(10);

    private final Options options;
    private final CharLm lm;
    private final IntFunction<String> characters;

    /**
     * @param lm a character LM, or null (then {@code lmWeight} must be 0)
     * @param characters the text of a class (for the LM and the hypothesis text); null gives the class ids
     */
    public LasBeamSearch(Options options, CharLm lm, IntFunction<String> characters) {
        if (options.lmWeight() != 0 && lm == null) {
            throw new IllegalArgumentException("lm weight " + options.lmWeight() + " needs a character LM");
        }
        this.options = options;
        this.lm = lm;
        this.characters = characters == null ? k -> "<" + k + ">" : characters;
    }

    /**
     * The same search with at most {@code n} labels: a decoder caps each utterance at its number
     * of encoder frames, so an untrained speller that never ends stops there (as ESPnet's
     * {@code maxlenratio} does) instead of spelling {@code maxLength} labels.
     */
    public LasBeamSearch withMaxLength(int n) {
        return new LasBeamSearch(options.withMaxLength(Math.max(1, Math.min(n, options.maxLength()))), lm, characters);
    }

    /** The n-best list (up to {@code beam} entries), best first. */
    public List<Hypothesis> decode(Speller speller, CtcPrefixScore ctc) {
        return decode(speller, ctc, null);
    }

    /**
     * @param ctc the utterance's CTC prefix scorer, or null (then {@code ctcWeight} must be 0)
     * @param trace called after every step, or null
     */
    public List<Hypothesis> decode(Speller speller, CtcPrefixScore ctc, Trace trace) {
        if (options.ctcWeight() != 0 && ctc == null) {
            throw new IllegalArgumentException("ctc weight " + options.ctcWeight() + " needs a model with a CTC head");
        }
        double w = options.ctcWeight();
        int eos = speller.eos();
        List<Beam> live = List.of(new Beam(List.of(), 0, 0, 0, 0, ctc == null ? null : ctc.initial(), ""));
        List<Beam> ended = new ArrayList<>();
        Speller.State state = speller.start();
        int preBeam = (int) Math.ceil(1.5 * options.beam());
        for (int step = 0; step < options.maxLength() && !live.isEmpty() && ended.size() < options.beam(); step++) {
            int[] previous = new int[live.size()];
            for (int r = 0; r < previous.length; r++) {
                List<Integer> l = live.get(r).labels();
                previous[r] = l.isEmpty() ? -1 : l.get(l.size() - 1);
            }
            Speller.Step s = speller.step(state, previous);
            List<Candidate> candidates = new ArrayList<>();
            for (int r = 0; r < live.size(); r++) {
                Beam h = live.get(r);
                double[] lp = s.logProbs()[r];
                double best = Double.NEGATIVE_INFINITY;
                for (double v : lp) {
                    best = Math.max(best, v);
                }
                for (int c : top(lp, Math.min(preBeam, lp.length))) {
                    boolean end = c == eos;
                    if (end && options.eosThreshold() > 0 && lp[c] < options.eosThreshold() * best) {
                        continue;
                    }
                    double att = h.attention() + lp[c];
                    CtcPrefixScore.State cs = null;
                    double ctcScore = 0;
                    if (ctc != null) {
                        if (end) {
                            ctcScore = ctc.end(h.ctcState());
                        } else {
                            cs = ctc.extend(h.ctcState(), c);
                            ctcScore = cs.psi();
                        }
                    }
                    double lmScore = h.lm();
                    String text = h.text();
                    if (lm != null) {
                        lmScore += LN10 * (end ? lm.scoreEnd(h.text()) : lm.score(h.text(), characters.apply(c).codePointAt(0)));
                    }
                    if (!end) {
                        text = text + characters.apply(c);
                    }
                    double total = (1 - w) * att + w * ctcScore + options.lmWeight() * lmScore;
                    candidates.add(new Candidate(r, c, end, new Beam(append(h.labels(), end ? -1 : c), att, ctcScore,
                            lmScore, total, cs, text)));
                }
            }
            candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.beam().total()));
            List<Beam> next = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (Candidate c : candidates.subList(0, Math.min(options.beam(), candidates.size()))) {
                if (c.end()) {
                    ended.add(c.beam());
                } else {
                    next.add(c.beam());
                    rows.add(c.row());
                }
            }
            live = next;
            state = rows.isEmpty() ? state : s.next().select(rows.stream().mapToInt(Integer::intValue).toArray());
            if (trace != null) {
                trace.step(step, List.copyOf(live), List.copyOf(ended));
            }
        }
        if (ended.isEmpty()) {
            ended.addAll(live);
        }
        List<Hypothesis> out = new ArrayList<>();
        for (Beam b : ended) {
            int[] labels = b.labels().stream().mapToInt(Integer::intValue).toArray();
            double ranked = options.lengthNorm() ? b.total() / (labels.length + 1) : b.total();
            out.add(new Hypothesis(labels, b.text(), b.attention(), options.lmWeight() * b.lm(), ranked));
        }
        out.sort(Comparator.comparingDouble((Hypothesis h) -> -h.total()));
        return out.subList(0, Math.min(options.beam(), out.size()));
    }

    private record Candidate(int row, int label, boolean end, Beam beam) {}

    /** The labels of an open hypothesis; an ended one keeps its labels (the end symbol is not a label). */
    private static List<Integer> append(List<Integer> labels, int c) {
        if (c < 0) {
            return labels;
        }
        List<Integer> l = new ArrayList<>(labels);
        l.add(c);
        return List.copyOf(l);
    }

    /** Indices of the {@code n} largest values, largest first (ties: lower index first). */
    static int[] top(double[] v, int n) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[b], v[a]) != 0 ? Double.compare(v[b], v[a]) : Integer.compare(a, b));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
