package org.seqlab.losses;

import java.util.Arrays;
import org.seqlab.autograd.ops.Buf;

/**
 * The CTC forward-backward recursion of Graves et al. (2006), "Connectionist Temporal
 * Classification", section 4.1, for one example, in log space and float64 whatever the input
 * type: products of hundreds of per-frame probabilities underflow in any linear scale, and the
 * per-frame rescaling of the paper saves nothing once {@code log1p(exp(.))} is used.
 *
 * <p>The label is extended with blanks, {@code l' = (b, l1, b, l2, ..., lL, b)} of length
 * {@code S = 2L + 1}. {@code alpha[t][s]} is the log probability of all alignment prefixes of
 * frames 0..t that end in state s, the emission at t included; {@code beta[t][s]} that of the
 * suffixes over frames t+1..T-1 given state s at t (emission at t excluded), so that
 * {@code alpha + beta} at any frame is the log probability of all paths through that state.
 * A state may be entered from itself, from s-1, and from s-2 when l'_s is not blank and differs
 * from l'_{s-2} (a repeated label needs a blank between its copies).
 */
final class CtcLattice {
    private CtcLattice() {}

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /**
     * Log-softmax of frames 0..frames-1 of one example, read from {@code x} starting at element
     * {@code offset} in rows of {@code classes}: the fused first half of the loss.
     */
    static double[] logSoftmax(Buf x, int offset, int frames, int classes) {
        double[] lp = new double[frames * classes];
        for (int t = 0; t < frames; t++) {
            int o = offset + t * classes;
            double max = NEG_INF;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, x.get(o + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(x.get(o + c) - max);
            }
            double lse = max + Math.log(sum);
            for (int c = 0; c < classes; c++) {
                lp[t * classes + c] = x.get(o + c) - lse;
            }
        }
        return lp;
    }

    /** The lowest state from which the last two states are still reachable by frame {@code frames - 1}. */
    private static int lowest(int states, int frames, int t) {
        return Math.max(0, states - 2 * (frames - t));
    }

    /**
     * The negative log-likelihood {@code -ln p(label | x)} from log-probabilities {@code lp}
     * [frames, classes] (row-major); +infinity when no alignment fits (fewer frames than the label
     * needs). When {@code grad} is not null and the loss is finite, it receives the gradient of the
     * loss with respect to the logits behind {@code lp}: {@code softmax - occupancy}, where the
     * occupancy of class k at frame t is the posterior probability that a path emits k there
     * (Graves 2006, eq. 16 combined with the softmax derivative).
     */
    static double negLogLikelihood(double[] lp, int frames, int classes, int[] label, int blank, double[] grad) {
        int s = 2 * label.length + 1;
        if (frames == 0) {
            if (grad != null) {
                Arrays.fill(grad, 0.0);
            }
            return label.length == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        int[] ext = new int[s];
        for (int i = 0; i < s; i++) {
            ext[i] = (i & 1) == 0 ? blank : label[i / 2];
        }
        boolean[] skip = new boolean[s];
        for (int i = 2; i < s; i++) {
            skip[i] = ext[i] != blank && ext[i] != ext[i - 2];
        }
        double[] alpha = new double[frames * s];
        Arrays.fill(alpha, NEG_INF);
        alpha[0] = lp[ext[0]];
        if (s > 1) {
            alpha[1] = lp[ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            int prev = (t - 1) * s;
            int cur = t * s;
            int row = t * classes;
            // only states reachable from the start by t and able to reach the end in time can be on a path
            for (int i = lowest(s, frames, t); i <= Math.min(s - 1, 2 * t + 1); i++) {
                double a = alpha[prev + i];
                if (i >= 1) {
                    a = LogSpace.add(a, alpha[prev + i - 1]);
                }
                if (skip[i]) {
                    a = LogSpace.add(a, alpha[prev + i - 2]);
                }
                alpha[cur + i] = a == NEG_INF ? NEG_INF : a + lp[row + ext[i]];
            }
        }
        int last = (frames - 1) * s;
        double logLik = LogSpace.add(alpha[last + s - 1], s > 1 ? alpha[last + s - 2] : NEG_INF);
        if (logLik == NEG_INF) {
            return Double.POSITIVE_INFINITY;
        }
        if (grad == null) {
            return -logLik;
        }
        double[] beta = new double[frames * s];
        Arrays.fill(beta, NEG_INF);
        beta[last + s - 1] = 0.0;
        if (s > 1) {
            beta[last + s - 2] = 0.0;
        }
        for (int t = frames - 2; t >= 0; t--) {
            int next = (t + 1) * s;
            int cur = t * s;
            int row = (t + 1) * classes;
            for (int i = lowest(s, frames, t); i <= Math.min(s - 1, 2 * t + 1); i++) {
                double b = beta[next + i] + lp[row + ext[i]];
                if (i + 1 < s) {
                    b = LogSpace.add(b, beta[next + i + 1] + lp[row + ext[i + 1]]);
                }
                if (i + 2 < s && skip[i + 2]) {
                    b = LogSpace.add(b, beta[next + i + 2] + lp[row + ext[i + 2]]);
                }
                beta[cur + i] = b;
            }
        }
        double[] occupancy = new double[classes];
        for (int t = 0; t < frames; t++) {
            Arrays.fill(occupancy, NEG_INF);
            for (int i = lowest(s, frames, t); i <= Math.min(s - 1, 2 * t + 1); i++) {
                int k = ext[i];
                occupancy[k] = LogSpace.add(occupancy[k], alpha[t * s + i] + beta[t * s + i]);
            }
            int row = t * classes;
            for (int c = 0; c < classes; c++) {
                grad[row + c] = Math.exp(lp[row + c]) - Math.exp(occupancy[c] - logLik);
            }
        }
        return -logLik;
    }
}
