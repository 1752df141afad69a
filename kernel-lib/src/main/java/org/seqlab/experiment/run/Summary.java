package org.seqlab.experiment.run;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean, sample standard deviation and 95% confidence interval of the mean over seeds, using the
 * t distribution with n-1 degrees of freedom (with 3 seeds the factor is 4.30, not the normal
 * 1.96). With one value the spread is unknown (NaN). {@link #bootstrap} gives a percentile
 * interval instead, for metrics far from normal (accuracies stuck at 1.0 or at chance).
 */
public record Summary(int n, double mean, double std, double ciLow, double ciHigh) {

    public static Summary of(double... values) {
        int n = values.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = mean(values);
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double std = std(values, mean);
        double half = StudentT.quantile(0.975, n - 1) * std / Math.sqrt(n);
        return new Summary(n, mean, std, mean - half, mean + half);
    }

    /**
     * The same mean and standard deviation with a 95% percentile-bootstrap interval of the mean:
     * {@code resamples} draws of n values with replacement from a generator seeded by {@code seed}
     * (a named stream of the caller, so the interval is reproducible).
     */
    public static Summary bootstrap(double[] values, int resamples, long seed) {
        Summary t = of(values);
        int n = values.length;
        if (n < 2) {
            return t;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += values[rng.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        return new Summary(n, t.mean(), t.std(), percentile(means, 0.025), percentile(means, 0.975));
    }

    public double halfWidth() {
        return (ciHigh - ciLow) / 2;
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    static double std(double[] values, double mean) {
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (values.length - 1));
    }

    /** Linear interpolation between order statistics (numpy's default "linear" method). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
