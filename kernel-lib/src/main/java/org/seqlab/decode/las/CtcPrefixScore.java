package org.seqlab.decode.las;

import java.util.Arrays;
import org.seqlab.losses.LogSpace;

/**
 * The CTC prefix score of joint CTC/attention decoding (Watanabe et al. 2017, "Hybrid
 * CTC/attention architecture for end-to-end speech recognition"; ESPnet's
 * {@code CTCPrefixScore}): for a label prefix {@code h}, {@code psi(h)} is the log probability,
 * summed over all CTC alignments, that the transcript starts with {@code h}, and
 * {@link #end} the log probability that it is exactly {@code h}. An attention decoder's beam
 * search adds {@code psi(h.c) - psi(h)} for each candidate label {@code c}, so hypotheses that
 * the frame-synchronous CTC model finds impossible (skipped or repeated words) are pushed down.
 *
 * <p>Each prefix keeps its forward variables over all frames: {@code rn[t]} (the prefix's last
 * label is emitted at frame t) and {@code rb[t]} (frame t is a blank after the full prefix), so
 * extending costs O(T) per candidate. All natural logs.
 */
public final class CtcPrefixScore {
    private final double[][] logProbs;
    private final int blank;
    private final int frames;

    /** @param logProbs log-softmax CTC outputs [T][classes] of one utterance */
    public CtcPrefixScore(double[][] logProbs, int blank) {
        if (logProbs.length == 0) {
            throw new IllegalArgumentException("CTC prefix score: no frames");
        }
        this.logProbs = logProbs;
        this.blank = blank;
        this.frames = logProbs.length;
    }

    /** A prefix's forward variables, its length, last label and prefix score. */
    public record State(double[] rn, double[] rb, int length, int last, double psi) {}

    /** The empty prefix: all blanks so far, psi = ln 1. */
    public State initial() {
        double[] rn = new double[frames];
        double[] rb = new double[frames];
        Arrays.fill(rn, Double.NEGATIVE_INFINITY);
        double acc = 0;
        for (int t = 0; t < frames; t++) {
            acc += logProbs[t][blank];
            rb[t] = acc;
        }
        return new State(rn, rb, 0, -1, 0.0);
    }

    /** The prefix {@code g} followed by label {@code c} (not the blank). */
    public State extend(State g, int c) {
        if (c == blank) {
            throw new IllegalArgumentException("CTC prefix score: the blank " + blank + " is not a label");
        }
        double[] rn = new double[frames];
        double[] rb = new double[frames];
        Arrays.fill(rn, Double.NEGATIVE_INFINITY);
        Arrays.fill(rb, Double.NEGATIVE_INFINITY);
        double[] phi = new double[frames];
        for (int t = 0; t < frames; t++) {
            // a repeated label needs a blank between its two emissions
            phi[t] = c == g.last() ? g.rb()[t] : LogSpace.add(g.rn()[t], g.rb()[t]);
        }
        int start = Math.max(g.length(), 1);
        if (g.length() == 0) {
            rn[0] = logProbs[0][c];
        }
        double psi = start - 1 < frames ? rn[start - 1] : Double.NEGATIVE_INFINITY;
        for (int t = start; t < frames; t++) {
            rn[t] = LogSpace.add(rn[t - 1], phi[t - 1]) + logProbs[t][c];
            rb[t] = LogSpace.add(rn[t - 1], rb[t - 1]) + logProbs[t][blank];
            psi = LogSpace.add(psi, phi[t - 1] + logProbs[t][c]);
        }
        return new State(rn, rb, g.length() + 1, c, psi);
    }

    /** ln p(the transcript is exactly {@code g}). */
    public double end(State g) {
        return LogSpace.add(g.rn()[frames - 1], g.rb()[frames - 1]);
    }

    public int frames() {
        return frames;
    }
}
