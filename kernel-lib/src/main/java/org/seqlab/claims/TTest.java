package org.seqlab.claims;

import org.seqlab.experiment.run.StudentT;

/**
 * The two t tests a claim over seeds uses (SciPy's {@code ttest_rel} and {@code ttest_ind(equal_var=False)}):
 * paired when both conditions ran with the same seeds, so seed-to-seed variation cancels in the
 * differences, and Welch's otherwise, which does not assume equal variances. Both report the
 * difference of means (a minus b) with its two-sided confidence interval at level 1 - alpha.
 */
public final class TTest {
    private TTest() {}

    /**
     * @param effect mean of a minus mean of b (for paired data, the mean difference)
     * @param t the statistic; infinite when every difference is equal and non-zero
     * @param df degrees of freedom (Welch-Satterthwaite for Welch)
     * @param p two-sided p-value of "no difference"
     * @param n pairs, or the smaller group for Welch
     */
    public record Result(String test, double effect, double ciLow, double ciHigh, double t, double df, double p, int n) {}

    /** Paired t on {@code a[i] - b[i]}. */
    public static Result paired(double[] a, double[] b, double alpha) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " and " + b.length);
        }
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        double mean = mean(d);
        if (n < 2) {
            return new Result("paired-t", mean, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, n);
        }
        double se = Math.sqrt(variance(d, mean) / n);
        return finish("paired-t", mean, se, n - 1, alpha, n);
    }

    /** Welch's unequal-variance t. */
    public static Result welch(double[] a, double[] b, double alpha) {
        int na = a.length;
        int nb = b.length;
        double ma = mean(a);
        double mb = mean(b);
        if (na < 2 || nb < 2) {
            return new Result("welch-t", ma - mb, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Math.min(na, nb));
        }
        double va = variance(a, ma) / na;
        double vb = variance(b, mb) / nb;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? na + nb - 2 : (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
        return finish("welch-t", ma - mb, se, df, alpha, Math.min(na, nb));
    }

    private static Result finish(String test, double effect, double se, double df, double alpha, int n) {
        if (se == 0) {
            // no spread at all (every seed at chance, or all at 1.0): the interval is the point
            double t = effect == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, effect);
            return new Result(test, effect, effect, effect, t, df, effect == 0 ? 1.0 : 0.0, n);
        }
        double q = StudentT.quantile(1 - alpha / 2, df);
        double t = effect / se;
        double p = 2 * StudentT.cdf(-Math.abs(t), df);
        return new Result(test, effect, effect - q * se, effect + q * se, t, df, p, n);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v, double mean) {
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (v.length - 1);
    }
}
