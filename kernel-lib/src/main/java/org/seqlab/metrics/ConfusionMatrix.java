package org.seqlab.metrics;

/**
 * Counts of (true class, predicted class), from which per-class precision, recall and F1 come.
 * Accumulates across batches; truth -1 marks padding and is skipped.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        counts = new long[classes][classes];
    }

    public ConfusionMatrix add(int[] predicted, int[] truth) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " entries, truth " + truth.length);
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0) {
                continue;
            }
            if (truth[i] >= counts.length || predicted[i] < 0 || predicted[i] >= counts.length) {
                throw new IllegalArgumentException("class index out of range [0, " + counts.length + "): truth "
                        + truth[i] + ", predicted " + predicted[i] + " at " + i);
            }
            counts[truth[i]][predicted[i]]++;
        }
        return this;
    }

    public int classes() {
        return counts.length;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** Of the predictions of class {@code c}, the part that was right; 0 when the class was never predicted. */
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[c];
        }
        return predicted == 0 ? 0.0 : (double) counts[c][c] / predicted;
    }

    /** Of the examples of class {@code c}, the part found; 0 when the class never occurred. */
    public double recall(int c) {
        long actual = 0;
        for (long v : counts[c]) {
            actual += v;
        }
        return actual == 0 ? 0.0 : (double) counts[c][c] / actual;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** Unweighted mean of per-class F1 over the classes that occur in truth or predictions. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < counts.length; c++) {
            if (occurs(c)) {
                sum += f1(c);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private boolean occurs(int c) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[c][i] > 0 || counts[i][c] > 0) {
                return true;
            }
        }
        return false;
    }
}
