package org.seqlab.metrics.lid;

/**
 * One point of a DET curve: at {@code threshold} (a trial is accepted when its score is strictly
 * greater), the miss rate over target trials and the false-alarm rate over non-target trials.
 * The first point has threshold {@code -Infinity} (everything accepted: P_miss 0, P_fa 1). The
 * probit warping of the DET axes is for the plot to apply.
 */
public record DetPoint(double threshold, double pMiss, double pFa) {}
