package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Decoder;
import org.seqlab.experiment.train.Metric;
import org.seqlab.experiment.train.Prediction;
import org.seqlab.experiment.train.Target;
import org.seqlab.metrics.lid.LidMetrics;

/**
 * Detection log-likelihood ratios for language identification and the NIST LRE costs on them.
 * Cavg thresholds each score at 0 (an LLR above 0 accepts the language), so the scores must be
 * LLRs, not log posteriors (which are all below 0, so nothing would ever be accepted). With a
 * softmax over N languages trained on balanced data, the posterior of L against the flat prior
 * over the other N - 1 gives {@code llr_L = log p_L - log((1 - p_L) / (N - 1))}; it is a monotone
 * function of p_L, so accuracy, EER and min Cavg equal those of the log posteriors, and only the
 * actual-threshold cost {@code cavg} changes (it becomes meaningful).
 */
final class DetectionScores {
    private DetectionScores() {}

    /** {@code llr_L = s_L - logsumexp_{M != L} s_M + log(N - 1)} from the logits s, computed in log space. */
    static Decoder<Prediction.Scores> llr() {
        return (INDArray output, Batch batch) -> {
            float[] s = Outputs.rows(output);
            int c = Outputs.classes(output);
            float[][] out = new float[s.length / c][c];
            double others = Math.log(Math.max(1, c - 1));
            for (int r = 0; r < out.length; r++) {
                for (int l = 0; l < c; l++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < c; k++) {
                        if (k != l) {
                            max = Math.max(max, s[r * c + k]);
                        }
                    }
                    double sum = 0;
                    for (int k = 0; k < c; k++) {
                        if (k != l) {
                            sum += Math.exp(s[r * c + k] - max);
                        }
                    }
                    out[r][l] = (float) (s[r * c + l] - (max + Math.log(sum)) + others);
                }
            }
            return new Prediction.Scores(out);
        };
    }

    /** Cavg at threshold 0 ({@code minimum}: the minimum over one global threshold) with P_target {@code pTarget}. */
    static Metric<Prediction.Scores, Target.Classes> cavg(double pTarget, boolean minimum) {
        return TargetScoring.overTrials((rows, truth) -> {
            if (truth.stream().distinct().count() < 2) {
                return Double.NaN;
            }
            var table = TargetScoring.table(rows, truth);
            return minimum ? LidMetrics.minCavg(table, pTarget).cavg() : LidMetrics.cavg(table, 0.0, pTarget);
        });
    }
}
