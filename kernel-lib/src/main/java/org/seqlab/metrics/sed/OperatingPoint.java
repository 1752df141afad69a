package org.seqlab.metrics.sed;

/**
 * The rates of one operating point (one detection table, e.g. one decision threshold) per class,
 * as psds_eval 0.3.0 computes them; durations are in hours.
 *
 * @param name        where the detections came from
 * @param tpr         per class: true positive ratio (ground truths detected / ground truths)
 * @param fpr         per class: false positives per hour of audio in the data set
 * @param ctr         per class c and ground-truth class k: cross-triggers of c on k per hour of
 *                    k's ground truth ({@code ctr[c][c] = 0})
 * @param truePositives  per class: ground truths counted as detected
 * @param falsePositives per class: detections counted against the whole audio ("world")
 */
public record OperatingPoint(String name, double[] tpr, double[] fpr, double[][] ctr, long[] truePositives,
        long[] falsePositives) {
    /**
     * The effective false positive rate of class c: its FPR plus {@code alphaCt} times its
     * cross-trigger rates averaged over all K classes, its own zero included, NaN skipped (psds_eval
     * 0.3.0's {@code nanmean(ctr, axis=1)}; later versions average over the K - 1 others).
     */
    public double effectiveFpr(int c, double alphaCt) {
        double sum = 0;
        int n = 0;
        for (double v : ctr[c]) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return fpr[c] + alphaCt * (n == 0 ? Double.NaN : sum / n);
    }
}
