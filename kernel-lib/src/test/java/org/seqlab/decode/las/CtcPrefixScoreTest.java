package org.seqlab.decode.las;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CTC prefix score against brute force: enumerate every frame path of a tiny utterance,
 * collapse it (merge repeats, drop blanks) and sum the probabilities of the paths whose
 * transcript starts with the prefix (psi) or equals it (end).
 */
class CtcPrefixScoreTest {
    static double[][] randomLogProbs(Random r, int frames, int classes) {
        double[][] lp = new double[frames][classes];
        for (double[] row : lp) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                row[c] = Math.exp(2 * r.nextGaussian());
                sum += row[c];
            }
            for (int c = 0; c < classes; c++) {
                row[c] = Math.log(row[c] / sum);
            }
        }
        return lp;
    }

    static List<Integer> collapse(int[] path, int blank) {
        List<Integer> out = new ArrayList<>();
        int prev = -1;
        for (int s : path) {
            if (s != blank && s != prev) {
                out.add(s);
            }
            prev = s;
        }
        return out;
    }

    /** {prefix probability, exact probability} of {@code prefix}, summed over all paths. */
    static double[] brute(double[][] lp, List<Integer> prefix, int blank) {
        int frames = lp.length;
        int classes = lp[0].length;
        int total = (int) Math.pow(classes, frames);
        double starts = 0;
        double exact = 0;
        for (int code = 0; code < total; code++) {
            int[] path = new int[frames];
            int c = code;
            double p = 1;
            for (int t = 0; t < frames; t++) {
                path[t] = c % classes;
                c /= classes;
                p *= Math.exp(lp[t][path[t]]);
            }
            List<Integer> y = collapse(path, blank);
            if (y.size() >= prefix.size() && y.subList(0, prefix.size()).equals(prefix)) {
                starts += p;
            }
            if (y.equals(prefix)) {
                exact += p;
            }
        }
        return new double[] {starts, exact};
    }

    @Test
    void prefixAndEndScoresEqualTheSumsOverAllPaths() {
        Random r = new Random(7);
        int[][] prefixes = {{}, {1}, {2}, {1, 1}, {1, 2}, {2, 1, 2}, {1, 1, 1}, {2, 2, 1, 1}};
        for (int trial = 0; trial < 3; trial++) {
            double[][] lp = randomLogProbs(r, 5, 3);
            CtcPrefixScore scorer = new CtcPrefixScore(lp, 0);
            for (int[] prefix : prefixes) {
                CtcPrefixScore.State s = scorer.initial();
                List<Integer> labels = new ArrayList<>();
                for (int c : prefix) {
                    s = scorer.extend(s, c);
                    labels.add(c);
                }
                double[] want = brute(lp, labels, 0);
                assertEquals(want[0], Math.exp(s.psi()), 1e-12, "psi of " + labels);
                assertEquals(want[1], Math.exp(scorer.end(s)), 1e-12, "end of " + labels);
            }
        }
    }
}
