package org.seqlab.decode.las;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.decode.Hypothesis;

/**
 * LAS beam search against brute force on a toy speller whose next-label distribution is a fixed
 * random function of the prefix: with a beam wide enough to keep everything it must find the
 * best of all transcripts (by total, per label with length normalisation, and under the
 * end-of-sentence threshold), and with CTC weight 1 the transcript CTC finds most probable.
 */
class LasBeamSearchTest {
    static final int CLASSES = 3;
    static final int EOS = 0;

    /** Next-label log probabilities after {@code prefix}, the same every time it is asked. */
    static double[] dist(List<Integer> prefix, long seed) {
        Random r = new Random(seed * 31 + prefix.hashCode());
        double[] p = new double[CLASSES];
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            p[c] = Math.exp(1.5 * r.nextGaussian());
            sum += p[c];
        }
        for (int c = 0; c < CLASSES; c++) {
            p[c] = Math.log(p[c] / sum);
        }
        return p;
    }

    record Prefixes(List<List<Integer>> rows) implements Speller.State {
        @Override
        public Speller.State select(int[] idx) {
            List<List<Integer>> out = new ArrayList<>();
            for (int i : idx) {
                out.add(rows.get(i));
            }
            return new Prefixes(out);
        }
    }

    static Speller toy(long seed) {
        return new Speller() {
            @Override
            public State start() {
                return new Prefixes(List.of(List.of()));
            }

            @Override
            public Step step(State state, int[] previous) {
                List<List<Integer>> rows = ((Prefixes) state).rows();
                double[][] lp = new double[rows.size()][];
                List<List<Integer>> next = new ArrayList<>();
                for (int r = 0; r < rows.size(); r++) {
                    List<Integer> p = new ArrayList<>(rows.get(r));
                    if (previous[r] >= 0) {
                        p.add(previous[r]);
                    }
                    lp[r] = dist(p, seed);
                    next.add(List.copyOf(p));
                }
                return new Step(lp, new double[rows.size()][0], new Prefixes(next));
            }

            @Override
            public int eos() {
                return EOS;
            }
        };
    }

    /** Every transcript of at most {@code max} labels (labels 1..CLASSES-1). */
    static List<List<Integer>> all(int max) {
        List<List<Integer>> out = new ArrayList<>(List.of(List.of()));
        List<List<Integer>> frontier = List.of(List.of());
        for (int k = 1; k <= max; k++) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> p : frontier) {
                for (int c = 1; c < CLASSES; c++) {
                    List<Integer> l = new ArrayList<>(p);
                    l.add(c);
                    next.add(List.copyOf(l));
                }
            }
            out.addAll(next);
            frontier = next;
        }
        return out;
    }

    /** ln p_att(y, eos), or -inf when the eos threshold forbids the ending. */
    static double attention(List<Integer> y, long seed, double gamma) {
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += dist(y.subList(0, i), seed)[y.get(i)];
        }
        double[] end = dist(y, seed);
        double best = Arrays.stream(end).max().orElseThrow();
        if (gamma > 0 && end[EOS] < gamma * best) {
            return Double.NEGATIVE_INFINITY;
        }
        return s + end[EOS];
    }

    static int[] labels(List<Integer> y) {
        return y.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aWideBeamFindsTheBestTranscriptWithAndWithoutLengthNormalisation() {
        for (long seed = 1; seed <= 6; seed++) {
            for (boolean norm : new boolean[] {false, true}) {
                for (double gamma : new double[] {0, 1.0}) {
                    LasBeamSearch search = new LasBeamSearch(new LasBeamSearch.Options(64, norm, gamma, 0, 0, 4), null, null);
                    Hypothesis got = search.decode(toy(seed), null).get(0);
                    List<Integer> best = null;
                    double bestScore = Double.NEGATIVE_INFINITY;
                    for (List<Integer> y : all(3)) {
                        double s = attention(y, seed, gamma) / (norm ? y.size() + 1 : 1);
                        if (s > bestScore) {
                            bestScore = s;
                            best = y;
                        }
                    }
                    String what = "seed " + seed + " norm " + norm + " gamma " + gamma;
                    assertArrayEquals(labels(best), got.labels(), what);
                    assertEquals(bestScore, got.total(), 1e-9, what);
                }
            }
        }
    }

    @Test
    void theEndOfSentenceThresholdKeepsAnUnlikelyEndingOut() {
        // gamma 1: the end may only close a hypothesis where it is the most probable class
        LasBeamSearch search = new LasBeamSearch(new LasBeamSearch.Options(64, false, 1.0, 0, 0, 4), null, null);
        for (long seed = 1; seed <= 6; seed++) {
            int[] got = search.decode(toy(seed), null).get(0).labels();
            List<Integer> y = Arrays.stream(got).boxed().toList();
            double[] end = dist(y, seed);
            assertEquals(Arrays.stream(end).max().orElseThrow(), end[EOS], 0.0, "seed " + seed);
        }
    }

    @Test
    void withCtcWeightOneTheBeamPicksTheTranscriptCtcFindsMostProbable() {
        Random r = new Random(11);
        for (int trial = 0; trial < 4; trial++) {
            double[][] lp = CtcPrefixScoreTest.randomLogProbs(r, 5, CLASSES);
            CtcPrefixScore ctc = new CtcPrefixScore(lp, 0);
            LasBeamSearch search = new LasBeamSearch(new LasBeamSearch.Options(64, false, 0, 1.0, 0, 4), null, null);
            Hypothesis got = search.decode(toy(trial), ctc).get(0);
            List<Integer> best = null;
            double bestP = -1;
            for (List<Integer> y : all(3)) {
                double p = CtcPrefixScoreTest.brute(lp, y, 0)[1];
                if (p > bestP) {
                    bestP = p;
                    best = y;
                }
            }
            assertArrayEquals(labels(best), got.labels(), "trial " + trial);
            assertEquals(Math.log(bestP), got.total(), 1e-9);
        }
    }
}
