package org.seqlab.decode.ctc;

import java.util.Arrays;
import org.seqlab.decode.Hypothesis;

/**
 * Best-path decoding (Graves et al. 2006, section 3.2): the most likely class at every frame,
 * repeats collapsed, blanks dropped. It finds the most likely alignment, not the most likely
 * label sequence, which is why the lecture says it "does not perform well" next to a prefix
 * beam search that sums over alignments and can use a language model.
 */
public final class CtcGreedy {
    private CtcGreedy() {}

    /** The collapsed best path of [T][C] scores (log-probabilities or logits: only the argmax matters). */
    public static int[] labels(double[][] scores, int blank) {
        int[] out = new int[scores.length];
        int n = 0;
        int prev = -1;
        for (double[] frame : scores) {
            int best = 0;
            for (int c = 1; c < frame.length; c++) {
                if (frame[c] > frame[best]) {
                    best = c;
                }
            }
            if (best != prev && best != blank) {
                out[n++] = best;
            }
            prev = best;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The best path as a hypothesis; its acoustic score is the log-probability of that single
     * alignment, a lower bound of {@code ln p(y | x)}.
     */
    public static Hypothesis decode(double[][] logProbs, CtcAlphabet alphabet) {
        int[] labels = labels(logProbs, alphabet.blank());
        double path = 0;
        for (double[] frame : logProbs) {
            path += Arrays.stream(frame).max().orElse(0);
        }
        return new Hypothesis(labels, alphabet.text(labels), path, 0.0, path);
    }
}
