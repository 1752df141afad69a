package org.seqlab.metrics.lid;

import org.seqlab.metrics.ConfusionMatrix;

/**
 * The summary {@code ./seqlab score lid} prints: accuracy, Cavg at threshold 0, its minimum over
 * one global threshold (and that threshold), the pooled EER and the confusion matrix, for the
 * given target prior (the NIST LRE setting is P_target 0.5). Definitions: {@link LidMetrics}.
 */
public record LidScore(LanguageScores scores, double pTarget, double accuracy, double cavg, double minCavg,
        double minCavgThreshold, double eer, ConfusionMatrix confusion) {

    public static final double DEFAULT_P_TARGET = 0.5;

    public static LidScore of(LanguageScores s, double pTarget) {
        LidMetrics.CavgMinimum min = LidMetrics.minCavg(s, pTarget);
        return new LidScore(s, pTarget, LidMetrics.accuracy(s), LidMetrics.cavg(s, 0.0, pTarget), min.cavg(), min.threshold(),
                LidMetrics.eer(s), LidMetrics.confusion(s));
    }
}
