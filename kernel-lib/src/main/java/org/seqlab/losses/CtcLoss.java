package org.seqlab.losses;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Buf;
import org.seqlab.autograd.ops.Dense;
import org.seqlab.autograd.ops.Sequences;

/**
 * Connectionist temporal classification (Graves et al. 2006) as one fused operation: log-softmax
 * over the classes and the CTC forward-backward recursion ({@link CtcLattice}) in one pass, with
 * the hand-written gradient {@code softmax - occupancy}. Fusing the softmax is why the input is
 * logits: the combined gradient is simpler and better conditioned than the two separately, and
 * it saves a [B, T, C] intermediate and its backward. Log-probabilities are accepted too, since
 * log-softmax leaves them unchanged: the loss is then the same as
 * {@code torch.nn.functional.ctc_loss} on them, and the gradient is torch's gradient with respect
 * to the logits that produced them.
 *
 * <p>Frames past an example's input length are ignored (their values may be anything, even
 * non-finite) and receive a zero gradient. Labels are given per example at their true length,
 * so there is no padding value and padding can never be mistaken for the blank; a label equal to
 * the blank is an error. Examples run in parallel on the common fork-join pool; each example's
 * value is independent of the others and the reduction adds them in batch order, so the result
 * does not depend on the thread count.
 */
public final class CtcLoss {
    private CtcLoss() {}

    /** How the per-example losses become the returned tensor. */
    public enum Reduction {
        /** One loss per example, shape [B]. */
        NONE,
        /** The sum over the batch. */
        SUM,
        /** The sum divided by the batch size. */
        MEAN_OVER_BATCH,
        /**
         * Each loss divided by its label length (at least 1), then averaged over the batch: torch's
         * {@code reduction='mean'}, which keeps long transcripts from dominating the gradient.
         */
        MEAN
    }

    /**
     * @param blank the class index of the blank (torch's default is 0)
     * @param reduction how per-example losses are combined
     * @param zeroInfinity an example no alignment can explain (its label needs more frames than it
     *     has) counts as loss 0 with gradient 0, as torch's {@code zero_infinity=True}; otherwise its
     *     loss is +infinity and its gradient NaN, so training stops on it instead of silently
     *     learning nothing from it
     */
    public record Options(int blank, Reduction reduction, boolean zeroInfinity) {
        /** Blank 0, torch's mean reduction, impossible examples reported as infinite. */
        public static Options defaults() {
            return new Options(0, Reduction.MEAN, false);
        }

        public Options withBlank(int blank) {
            return new Options(blank, reduction, zeroInfinity);
        }

        public Options withReduction(Reduction reduction) {
            return new Options(blank, reduction, zeroInfinity);
        }

        public Options withZeroInfinity(boolean zeroInfinity) {
            return new Options(blank, reduction, zeroInfinity);
        }
    }

    /** Below this many lattice cells (frames times extended label states) the batch runs on one thread. */
    private static final long PARALLEL_MIN = 1 << 14;

    /**
     * The CTC loss of {@code logits} [B, T, C] with {@code inputLengths[b]} valid frames per
     * example and target {@code labels[b]} (class indices, no blank, any length).
     */
    public static Tensor loss(Tensor logits, int[] inputLengths, int[][] labels, Options options) {
        Dense.requireRank("ctc", logits.value(), 3, "[B, T, C]");
        int batch = Dense.toInt(logits.size(0));
        int frames = Dense.toInt(logits.size(1));
        int classes = Dense.toInt(logits.size(2));
        check(batch, frames, classes, inputLengths, labels, options);
        Buf x = Buf.of(Dense.of(logits.value()));
        boolean needGrad = GradMode.enabled() && logits.requiresGrad();
        double[] losses = new double[batch];
        double[][] grads = needGrad ? new double[batch][] : null;
        IntStream examples = IntStream.range(0, batch);
        long cells = 0;
        for (int b = 0; b < batch; b++) {
            cells += (long) inputLengths[b] * (2L * labels[b].length + 1);
        }
        if (cells >= PARALLEL_MIN && batch > 1) {
            examples = examples.parallel();
        }
        examples.forEach(b -> {
            int t = inputLengths[b];
            double[] lp = CtcLattice.logSoftmax(x, b * frames * classes, t, classes);
            double[] g = needGrad ? new double[t * classes] : null;
            double l = CtcLattice.negLogLikelihood(lp, t, classes, labels[b], options.blank(), g);
            if (Double.isInfinite(l)) {
                if (options.zeroInfinity()) {
                    l = 0.0;
                    if (g != null) {
                        Arrays.fill(g, 0.0);
                    }
                } else if (g != null) {
                    Arrays.fill(g, Double.NaN);
                }
            }
            losses[b] = l;
            if (needGrad) {
                grads[b] = g;
            }
        });
        double[] weight = weights(options.reduction(), labels);
        INDArray out;
        if (options.reduction() == Reduction.NONE) {
            out = Nd4j.createUninitialized(logits.dtype(), batch);
            for (int b = 0; b < batch; b++) {
                out.putScalar(b, losses[b]);
            }
        } else {
            double total = 0;
            for (int b = 0; b < batch; b++) {
                total += weight[b] * losses[b];
            }
            out = Nd4j.scalar(logits.dtype(), total);
        }
        return Tensor.result(out, g -> {
            INDArray gx = Nd4j.zeros(logits.dtype(), logits.shape());
            Buf gb = Buf.of(gx);
            for (int b = 0; b < batch; b++) {
                double scale = options.reduction() == Reduction.NONE ? g.getDouble(b) : g.getDouble(0) * weight[b];
                double[] e = grads[b];
                int base = b * frames * classes;
                for (int i = 0; i < e.length; i++) {
                    gb.set(base + i, scale * e[i]);
                }
            }
            logits.addGradOwned(gx);
        }, logits);
    }

    /** {@link #loss(Tensor, int[], int[][], Options)} with input lengths read from a [B, T] frame mask. */
    public static Tensor loss(Tensor logits, INDArray mask, int[][] labels, Options options) {
        return loss(logits, Sequences.lengths(mask), labels, options);
    }

    /**
     * The labels of a padded [B, L] array, row b cut to {@code labelLengths[b]}; the padding value
     * is never read.
     */
    public static int[][] labels(INDArray padded, int[] labelLengths) {
        Dense.requireRank("ctc labels", padded, 2, "[B, L]");
        int batch = Dense.toInt(padded.size(0));
        if (labelLengths.length != batch) {
            throw new IllegalArgumentException("ctc: " + labelLengths.length + " label lengths for " + batch + " label rows");
        }
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            if (labelLengths[b] < 0 || labelLengths[b] > padded.size(1)) {
                throw new IllegalArgumentException("ctc: label length " + labelLengths[b] + " of example " + b
                        + " is outside [0, " + padded.size(1) + "]");
            }
            out[b] = new int[labelLengths[b]];
            for (int i = 0; i < labelLengths[b]; i++) {
                out[b][i] = padded.getInt(b, i);
            }
        }
        return out;
    }

    /**
     * {@code ln p(labels | x)} of one example from its [T][C] log-probabilities by the forward
     * recursion alone: what decoders use to score a finished hypothesis exactly (a beam search
     * only sums the alignments it kept).
     */
    public static double logLikelihood(double[][] logProbs, int[] labels, int blank) {
        int frames = logProbs.length;
        int classes = frames == 0 ? 0 : logProbs[0].length;
        double[] lp = new double[frames * classes];
        for (int t = 0; t < frames; t++) {
            if (logProbs[t].length != classes) {
                throw new IllegalArgumentException("ctc: frame " + t + " has " + logProbs[t].length + " classes, frame 0 has " + classes);
            }
            System.arraycopy(logProbs[t], 0, lp, t * classes, classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes || labels[i] == blank) {
                throw new IllegalArgumentException("ctc: label " + labels[i] + " at position " + i + " is not a non-blank class");
            }
        }
        return -CtcLattice.negLogLikelihood(lp, frames, classes, labels, blank, null);
    }

    private static double[] weights(Reduction reduction, int[][] labels) {
        double[] w = new double[labels.length];
        for (int b = 0; b < w.length; b++) {
            w[b] = switch (reduction) {
                case NONE, SUM -> 1.0;
                case MEAN_OVER_BATCH -> 1.0 / w.length;
                case MEAN -> 1.0 / (Math.max(1, labels[b].length) * (double) w.length);
            };
        }
        return w;
    }

    private static void check(int batch, int frames, int classes, int[] inputLengths, int[][] labels, Options o) {
        if (o.blank() < 0 || o.blank() >= classes) {
            throw new IllegalArgumentException("ctc: blank " + o.blank() + " is not a class index in [0, " + classes + ")");
        }
        if (inputLengths.length != batch || labels.length != batch) {
            throw new IllegalArgumentException("ctc: batch of " + batch + " needs as many input lengths and labels, got "
                    + inputLengths.length + " and " + labels.length);
        }
        for (int b = 0; b < batch; b++) {
            if (inputLengths[b] < 0 || inputLengths[b] > frames) {
                throw new IllegalArgumentException("ctc: input length " + inputLengths[b] + " of example " + b
                        + " is outside [0, " + frames + "]");
            }
            for (int i = 0; i < labels[b].length; i++) {
                int k = labels[b][i];
                if (k < 0 || k >= classes || k == o.blank()) {
                    throw new IllegalArgumentException("ctc: label " + k + " at position " + i + " of example " + b
                            + (k == o.blank() ? " is the blank" : " is not a class index in [0, " + classes + ")"));
                }
            }
        }
    }
}
