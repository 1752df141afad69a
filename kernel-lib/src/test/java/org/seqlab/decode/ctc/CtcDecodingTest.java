package org.seqlab.decode.ctc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.decode.Hypothesis;
import org.seqlab.decode.Rescoring;
import org.seqlab.decode.ctc.CtcPrefixBeamSearch.Options;
import org.seqlab.decode.lm.CharLm;
import org.seqlab.decode.lm.KneserNey;
import org.seqlab.decode.lm.NgramLm;
import org.seqlab.losses.CtcLoss;

/** Greedy and prefix beam search against brute force, hand-worked cases and constructed LM effects. */
class CtcDecodingTest {
    private final Rng rng = new Rng(424242);

    private double[][] randomLogProbs(int frames, int classes, double scale) {
        double[][] x = new double[frames][classes];
        for (double[] row : x) {
            for (int c = 0; c < classes; c++) {
                row[c] = scale * (2 * rng.uniform() - 1);
            }
        }
        return LogProbs.logSoftmax(x);
    }

    /** ln p(y | x) of every label sequence with non-zero probability, by enumerating all C^T paths. */
    static Map<String, Double> bruteForce(double[][] lp, int blank) {
        int frames = lp.length;
        int classes = lp[0].length;
        Map<String, Double> p = new HashMap<>();
        long total = (long) Math.pow(classes, frames);
        int[] path = new int[frames];
        for (long code = 0; code < total; code++) {
            long c = code;
            double s = 0;
            for (int t = 0; t < frames; t++) {
                path[t] = (int) (c % classes);
                c /= classes;
                s += lp[t][path[t]];
            }
            p.merge(Arrays.toString(collapse(path, blank)), Math.exp(s), Double::sum);
        }
        Map<String, Double> out = new HashMap<>();
        p.forEach((k, v) -> out.put(k, Math.log(v)));
        return out;
    }

    static int[] collapse(int[] path, int blank) {
        int[] out = new int[path.length];
        int n = 0;
        int prev = -1;
        for (int k : path) {
            if (k != prev && k != blank) {
                out[n++] = k;
            }
            prev = k;
        }
        return Arrays.copyOf(out, n);
    }

    /** ln p(y | x) by the CTC forward recursion (the loss op, fed log-probabilities). */
    static double logLikelihood(double[][] lp, int[] labels, int blank) {
        double[][][] batch = {lp};
        Tensor x = Tensor.constant(Nd4j.createFromArray(batch));
        return -CtcLoss.loss(x, new int[] {lp.length}, new int[][] {labels},
                CtcLoss.Options.defaults().withBlank(blank).withReduction(CtcLoss.Reduction.SUM)).item();
    }

    @Test
    void greedyCollapsesRepeatsAndDropsBlanks() {
        int[] best = {1, 1, 0, 1, 2, 2, 0, 0, 2};
        double[][] scores = new double[best.length][3];
        for (int t = 0; t < best.length; t++) {
            scores[t][best[t]] = 1.0;
        }
        assertArrayEquals(new int[] {1, 1, 2, 2}, CtcGreedy.labels(scores, 0));
        assertArrayEquals(new int[] {1, 0, 1, 0}, CtcGreedy.labels(scores, 2), "blank 2: zeros are labels, repeats collapse");
        assertEquals("aabb", CtcGreedy.decode(LogProbs.logSoftmax(scores), CtcAlphabet.of("_ab", 0)).text());
    }

    @Test
    void handWorkedTwoFramesWhereBeamBeatsGreedy() {
        // p(blank) = 0.6, p(a) = 0.4 on both frames: best path is (blank, blank) -> "" with 0.36,
        // but "a" has three alignments: 0.4*0.4 + 0.4*0.6 + 0.6*0.4 = 0.64
        double[][] lp = {{Math.log(0.6), Math.log(0.4)}, {Math.log(0.6), Math.log(0.4)}};
        CtcAlphabet ab = CtcAlphabet.of("_a", 0);
        assertEquals("", CtcGreedy.decode(lp, ab).text());
        List<Hypothesis> n = new CtcPrefixBeamSearch(ab, Options.defaults()).decode(lp);
        assertEquals(2, n.size(), "'aa' needs three frames, so only '' and 'a' remain");
        assertEquals("a", n.get(0).text());
        assertEquals(Math.log(0.64), n.get(0).acoustic(), 1e-12);
        assertEquals("", n.get(1).text());
        assertEquals(Math.log(0.36), n.get(1).acoustic(), 1e-12);
        assertEquals(n.get(0).acoustic(), n.get(0).total(), 0.0, "no LM, no bonus");
    }

    @Test
    void traceShowsTheHandWorkedBlankAndLabelProbabilities() {
        double[][] lp = {{Math.log(0.6), Math.log(0.4)}, {Math.log(0.6), Math.log(0.4)}};
        Map<Integer, List<CtcPrefixBeamSearch.Live>> seen = new HashMap<>();
        new CtcPrefixBeamSearch(CtcAlphabet.of("_a", 0), Options.defaults()).decode(lp, seen::put);
        List<CtcPrefixBeamSearch.Live> last = seen.get(1);
        assertEquals("a", last.get(0).text(), "best first");
        assertEquals(Math.log(0.4 * 0.6), last.get(0).blank(), 1e-12, "a then blank");
        assertEquals(Math.log(0.4 * 0.4 + 0.6 * 0.4), last.get(0).label(), 1e-12, "aa collapsed, and blank then a");
        assertEquals(Math.log(0.64), last.get(0).rank(), 1e-12);
        assertEquals("", last.get(1).text());
        assertEquals(Math.log(0.36), last.get(1).blank(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, last.get(1).label());
        assertEquals(2, seen.size(), "one call per frame");
    }

    @Test
    void traceEqualsBruteForceSplitByTheLastFrame() {
        for (int trial = 0; trial < 10; trial++) {
            double[][] lp = randomLogProbs(4, 3, 2);
            List<List<CtcPrefixBeamSearch.Live>> frames = new java.util.ArrayList<>();
            new CtcPrefixBeamSearch(CtcAlphabet.of("_xy", 0), Options.defaults().withBeamWidth(1000)).decode(lp, (t, b) -> frames.add(b));
            for (int t = 0; t < lp.length; t++) {
                // every path of frames 0..t, split by whether it ends in the blank
                Map<String, double[]> p = new HashMap<>();
                int n = t + 1;
                int[] path = new int[n];
                for (int code = 0; code < Math.pow(3, n); code++) {
                    int c = code;
                    double s = 0;
                    for (int u = 0; u < n; u++) {
                        path[u] = c % 3;
                        c /= 3;
                        s += lp[u][path[u]];
                    }
                    StringBuilder text = new StringBuilder();
                    for (int k : collapse(path, 0)) {
                        text.append("_xy".charAt(k));
                    }
                    p.computeIfAbsent(text.toString(), k -> new double[2])[path[n - 1] == 0 ? 0 : 1] += Math.exp(s);
                }
                assertEquals(p.size(), frames.get(t).size(), "trial " + trial + " frame " + t + ": every prefix kept");
                for (CtcPrefixBeamSearch.Live live : frames.get(t)) {
                    double[] want = p.get(live.text());
                    assertEquals(Math.log(want[0]), live.blank(), 1e-10, live.text());
                    assertEquals(Math.log(want[1]), live.label(), 1e-10, live.text());
                }
            }
        }
    }

    @Test
    void wideBeamEqualsBruteForceArgmaxOverLabelSequences() {
        for (int trial = 0; trial < 60; trial++) {
            int frames = 1 + trial % 5;
            int classes = 2 + trial % 2;
            int blank = trial % classes;
            double[][] lp = randomLogProbs(frames, classes, 3);
            Map<String, Double> all = bruteForce(lp, blank);
            String best = all.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            String symbols = "xyz".substring(0, classes);
            CtcAlphabet alphabet = CtcAlphabet.of(symbols, blank);
            List<Hypothesis> n = new CtcPrefixBeamSearch(alphabet, Options.defaults().withBeamWidth(1000).withNBest(1000)).decode(lp);
            assertEquals(best, Arrays.toString(n.get(0).labels()), "trial " + trial);
            assertEquals(all.size(), n.size(), "every possible label sequence is in the list");
            for (Hypothesis h : n) {
                assertEquals(all.get(Arrays.toString(h.labels())), h.acoustic(), 1e-10, "trial " + trial + " " + h);
            }
        }
    }

    @Test
    void withoutLmTheBeamIsNeverWorseThanGreedyInLikelihood() {
        CtcAlphabet alphabet = CtcAlphabet.of("_abcde", 0);
        int wins = 0;
        for (int trial = 0; trial < 100; trial++) {
            int frames = 5 + trial % 26;
            double[][] lp = randomLogProbs(frames, 6, 1 + trial % 4);
            int[] greedy = CtcGreedy.labels(lp, 0);
            Hypothesis beam = new CtcPrefixBeamSearch(alphabet, Options.defaults().withBeamWidth(8)).decode(lp).get(0);
            double pg = logLikelihood(lp, greedy, 0);
            double pb = logLikelihood(lp, beam.labels(), 0);
            assertEquals(pb, beam.acoustic(), 1e-9 * Math.abs(pb), "finished hypotheses are scored exactly");
            assertTrue(pb >= pg - 1e-12, "trial " + trial + ": beam " + pb + " < greedy " + pg);
            wins += pb > pg + 1e-9 ? 1 : 0;
        }
        assertTrue(wins > 10, "the beam should often find a more likely sequence than the best path; won " + wins);
    }

    @Test
    void characterLmFusionChangesTheWinnerAsConstructed() {
        CtcAlphabet alphabet = CtcAlphabet.of("_abc", 0);
        // frame 0 says 'a', frame 1 prefers 'b' (0.5) over 'c' (0.4), frame 2 is blank
        double[][] lp = {
            {Math.log(0.05), Math.log(0.9), Math.log(0.025), Math.log(0.025)},
            {Math.log(0.05), Math.log(0.05), Math.log(0.5), Math.log(0.4)},
            {Math.log(0.97), Math.log(0.01), Math.log(0.01), Math.log(0.01)},
        };
        CharLm lm = CharLm.train(List.of("ac", "ac", "acca", "ca", "ac"), 3);
        assertTrue(lm.score("a", 'c') > lm.score("a", 'b') + 0.5, "the LM strongly prefers c after a");
        Options o = Options.defaults();
        assertEquals("ab", new CtcPrefixBeamSearch(alphabet, lm, null, o).decode(lp).get(0).text(), "alpha 0: acoustics decide");
        List<Hypothesis> fused = new CtcPrefixBeamSearch(alphabet, lm, null, o.withAlpha(1.0).withBeta(0.25)).decode(lp);
        Hypothesis h = fused.get(0);
        assertEquals("ac", h.text());
        assertEquals(Math.log(10) * lm.sentenceLog10Prob("ac"), h.lm(), 1e-12, "lm = alpha ln p_LM(ac </s>)");
        assertEquals(h.acoustic() + h.lm() + 0.25 * 2, h.total(), 1e-12);
        assertEquals(logLikelihood(lp, h.labels(), 0), h.acoustic(), 1e-12, "the acoustic part is unchanged by fusion");
    }

    @Test
    void insertionBonusTradesAgainstDeletions() {
        CtcAlphabet alphabet = CtcAlphabet.of("_a", 0);
        double[][] lp = {{Math.log(0.8), Math.log(0.2)}, {Math.log(0.8), Math.log(0.2)}};
        // p("") = 0.64, p("a") = 0.04 + 0.16 + 0.16 = 0.36: a bonus above ln(0.64 / 0.36) = 0.575 flips it
        Options o = Options.defaults();
        assertEquals("", new CtcPrefixBeamSearch(alphabet, o.withBeta(0.5)).decode(lp).get(0).text());
        assertEquals("a", new CtcPrefixBeamSearch(alphabet, o.withBeta(0.65)).decode(lp).get(0).text());
    }

    @Test
    void wordLmScoresWordsAtBoundariesAndAtTheEnd() {
        CtcAlphabet alphabet = CtcAlphabet.of("_ abct", 0);
        NgramLm words = KneserNey.trainWords(List.of("a cat", "the cat", "a cat sat", "cat"), 2);
        // "?at a": the first letter prefers b (bat, unknown to the LM) over c (cat)
        String spoken = "?at a";
        double[][] lp = new double[2 * spoken.length()][alphabet.size()];
        for (int i = 0; i < spoken.length(); i++) {
            double[] f = lp[2 * i];
            Arrays.fill(f, Math.log(0.01));
            if (spoken.charAt(i) == '?') {
                f[3] = Math.log(0.5);
                f[4] = Math.log(0.45);
                f[0] = Math.log(0.02);
            } else {
                f[alphabet.labels(spoken.substring(i, i + 1))[0]] = Math.log(0.95);
            }
            Arrays.fill(lp[2 * i + 1], Math.log(0.01));
            lp[2 * i + 1][0] = Math.log(0.95);
        }
        for (double[] f : lp) {
            double s = Arrays.stream(f).map(Math::exp).sum();
            for (int c = 0; c < f.length; c++) {
                f[c] -= Math.log(s);
            }
        }
        Options o = Options.defaults().withBeamWidth(32);
        assertEquals("bat a", new CtcPrefixBeamSearch(alphabet, null, words, o).decode(lp).get(0).text());
        Hypothesis h = new CtcPrefixBeamSearch(alphabet, null, words, o.withWordWeight(1.0)).decode(lp).get(0);
        assertEquals("cat a", h.text());
        assertEquals(Math.log(10) * words.sentenceLog10Prob(List.of("cat", "a")), h.lm(), 1e-12,
                "'cat' scored at the space, 'a' and </s> at the end");
    }

    @Test
    void pruningKeepsTheAnswerOnPeakedPosteriors() {
        CtcAlphabet alphabet = CtcAlphabet.of("_abcde", 0);
        for (int trial = 0; trial < 20; trial++) {
            double[][] lp = randomLogProbs(30, 6, 8);
            List<Hypothesis> full = new CtcPrefixBeamSearch(alphabet, Options.defaults()).decode(lp);
            List<Hypothesis> pruned = new CtcPrefixBeamSearch(alphabet, Options.defaults().withPrune(Math.log(1e-4))).decode(lp);
            assertEquals(full.get(0).text(), pruned.get(0).text(), "trial " + trial);
        }
    }

    @Test
    void rescoringReordersTheNBestList() {
        CtcAlphabet alphabet = CtcAlphabet.of("_a", 0);
        double[][] lp = {{Math.log(0.6), Math.log(0.4)}, {Math.log(0.6), Math.log(0.4)}};
        List<Hypothesis> n = new CtcPrefixBeamSearch(alphabet, Options.defaults()).decode(lp);
        assertEquals("a", n.get(0).text());
        // an external scorer that dislikes "a" by 1 nat: ln 0.64 - 1 < ln 0.36
        List<Hypothesis> r = Rescoring.rescore(n, h -> h.text().isEmpty() ? 0.0 : -1.0, 1.0);
        assertEquals("", r.get(0).text());
        assertEquals(-1.0, r.get(1).lm(), 0.0);
        assertEquals(n.get(0).acoustic() - 1.0, r.get(1).total(), 1e-12);
        assertEquals("a", Rescoring.rescore(n, h -> h.text().isEmpty() ? 0.0 : -1.0, 0.1).get(0).text());
        assertThrows(IllegalArgumentException.class, () -> Rescoring.rescore(n, h -> Double.NaN, 1.0));
    }

    @Test
    void batchRowsAreCutToTheirLength() {
        double[][][] b = {{{0, 1}, {2, 3}, {4, 5}}, {{6, 7}, {8, 9}, {10, 11}}};
        double[][] one = LogProbs.of(Nd4j.createFromArray(b), 1, 2);
        assertEquals(2, one.length);
        assertArrayEquals(new double[] {8, 9}, one[1]);
        assertArrayEquals(new double[] {4, 5}, LogProbs.of(Nd4j.createFromArray(b[0]))[2]);
    }

    @Test
    void alphabetAndOptionsRejectMistakes() {
        assertThrows(IllegalArgumentException.class, () -> CtcAlphabet.of("_aa", 0));
        String m = assertThrows(IllegalArgumentException.class, () -> CtcAlphabet.of("_ab", 0).labels("abc")).getMessage();
        assertTrue(m.contains("'c' at position 2"), m);
        assertThrows(IllegalArgumentException.class,
                () -> new CtcPrefixBeamSearch(CtcAlphabet.of("_a", 0), Options.defaults().withAlpha(0.5)));
        assertThrows(IllegalArgumentException.class,
                () -> new CtcPrefixBeamSearch(CtcAlphabet.of("_a", 0), Options.defaults()).decode(new double[][] {{0, 0, 0}}));
    }
}
