package org.seqlab.metrics.sed;

/**
 * A polyphonic sound detection score and the PSD-ROC it is the normalised area of.
 *
 * @param value    area under the effective TPR over effective FPR in [0, maxEfpr], divided by maxEfpr
 * @param alphaCt  weight of cross-triggers in the effective FPR
 * @param alphaSt  weight of the across-class standard deviation taken off the mean TPR
 * @param maxEfpr  upper end of the area, false positives per hour
 * @param efpr     the curve's x values: every effective FPR of every class and operating point, sorted, distinct
 * @param etpr     the curve's y values: max(0, mean TPR - alphaSt * std TPR) over classes, a step
 *                 function held from each x to the next
 */
public record PsdsScore(double value, double alphaCt, double alphaSt, double maxEfpr, double[] efpr, double[] etpr) {}
