package org.seqlab.metrics;

/** Accuracy and error rate over predicted and true class indices; entries with truth -1 (padding) are skipped. */
public final class Classification {
    private Classification() {}

    public static double accuracy(int[] predicted, int[] truth) {
        long[] c = counts(predicted, truth);
        return c[1] == 0 ? Double.NaN : (double) c[0] / c[1];
    }

    public static double errorRate(int[] predicted, int[] truth) {
        return 1.0 - accuracy(predicted, truth);
    }

    /** {correct, counted}; for accumulating over batches. */
    public static long[] counts(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " entries, truth " + truth.length);
        }
        long correct = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                continue;
            }
            n++;
            if (predicted[i] == truth[i]) {
                correct++;
            }
        }
        return new long[] {correct, n};
    }
}
