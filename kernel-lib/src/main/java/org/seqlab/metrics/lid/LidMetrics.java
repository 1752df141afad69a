package org.seqlab.metrics.lid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqlab.metrics.ConfusionMatrix;

/**
 * Language-recognition metrics of a {@link LanguageScores} table, defined as in the NIST LRE
 * evaluation plans (issue 17 states them exactly; fractions, not percent; N languages, n_L rows
 * of true language L):
 *
 * <ul>
 *   <li>accuracy: the share of rows whose highest score is in the true language's column, ties
 *       going to the first column in header order;</li>
 *   <li>{@code Cavg(t) = (1/N) Σ_L [C_miss P_target P_miss(L,t) + Σ_{M≠L} C_fa P_nontarget P_fa(L,M,t)]}
 *       with C_miss = C_fa = 1, P_nontarget = (1 − P_target)/(N − 1),
 *       P_miss(L,t) = #{true L, score_L ≤ t}/n_L, P_fa(L,M,t) = #{true M, score_L > t}/n_M:
 *       a trial is accepted for L when its score is strictly above t;</li>
 *   <li>{@code cavg} = Cavg(0), the scores read as log-likelihood ratios;</li>
 *   <li>{@code min_cavg}: the least Cavg(t) over one global threshold, t = −∞ and every distinct
 *       score (Cavg is constant between them);</li>
 *   <li>EER of the pooled trials (each row's true-language score is a target trial, its other
 *       scores non-target trials): the DET points at t = −∞ and every distinct score in
 *       increasing order, no convex hull; a point with P_miss = P_fa gives the EER, otherwise the
 *       EER is on the straight line between the last point with P_miss &lt; P_fa and the first
 *       with P_miss &gt; P_fa.</li>
 * </ul>
 */
public final class LidMetrics {
    private LidMetrics() {}

    /** The cost at its minimum: the lowest threshold that reaches it ({@code -Infinity}: accept everything). */
    public record CavgMinimum(double threshold, double cavg) {}

    /** Each row's highest-scoring language; ties go to the first column. */
    public static int[] predicted(LanguageScores s) {
        int[] p = new int[s.rows()];
        for (int r = 0; r < p.length; r++) {
            int best = 0;
            for (int l = 1; l < s.languages().size(); l++) {
                if (s.score(r, l) > s.score(r, best)) {
                    best = l;
                }
            }
            p[r] = best;
        }
        return p;
    }

    public static double accuracy(LanguageScores s) {
        int[] p = predicted(s);
        int right = 0;
        for (int r = 0; r < p.length; r++) {
            right += p[r] == s.truth(r) ? 1 : 0;
        }
        return (double) right / p.length;
    }

    /** Counts of (true language, predicted language), both indexed in header order. */
    public static ConfusionMatrix confusion(LanguageScores s) {
        int[] truth = new int[s.rows()];
        Arrays.setAll(truth, s::truth);
        return new ConfusionMatrix(s.languages().size()).add(predicted(s), truth);
    }

    /** Cavg at threshold t, straight from the definition (O(rows × N)). */
    public static double cavg(LanguageScores s, double t, double pTarget) {
        checkPrior(pTarget);
        int n = s.languages().size();
        int[] trials = s.trialsPerLanguage();
        long[] miss = new long[n];
        long[][] fa = new long[n][n];
        for (int r = 0; r < s.rows(); r++) {
            int m = s.truth(r);
            for (int l = 0; l < n; l++) {
                boolean accepted = s.score(r, l) > t;
                if (l == m && !accepted) {
                    miss[l]++;
                } else if (l != m && accepted) {
                    fa[l][m]++;
                }
            }
        }
        double pNon = (1 - pTarget) / (n - 1);
        double sum = 0;
        for (int l = 0; l < n; l++) {
            double c = pTarget * miss[l] / trials[l];
            for (int m = 0; m < n; m++) {
                if (m != l) {
                    c += pNon * fa[l][m] / trials[m];
                }
            }
            sum += c;
        }
        return sum / n;
    }

    /**
     * The minimum of Cavg over one global threshold. One pass over the sorted distinct scores:
     * when the threshold reaches a score, a target trial there becomes a miss (its weight
     * P_target/(N n_L) is added to the cost) and a non-target trial stops being a false alarm
     * (P_nontarget/(N n_M) is taken away), so the cost is O(E log E) for E = rows × N scores
     * instead of O(E²). Thresholds whose swept cost is within 1e-12 of the best count as equal
     * and the lowest is kept (the running sum carries rounding of a few ulps per step); the
     * returned cost is recomputed from the definition at that threshold.
     */
    public static CavgMinimum minCavg(LanguageScores s, double pTarget) {
        checkPrior(pTarget);
        int n = s.languages().size();
        int[] trials = s.trialsPerLanguage();
        double pNon = (1 - pTarget) / (n - 1);
        double[] distinct = distinctScores(s);
        double[] delta = new double[distinct.length];
        for (int r = 0; r < s.rows(); r++) {
            int m = s.truth(r);
            for (int l = 0; l < n; l++) {
                double w = l == m ? pTarget / ((double) n * trials[l]) : -pNon / ((double) n * trials[m]);
                delta[Arrays.binarySearch(distinct, s.score(r, l))] += w;
            }
        }
        double bestT = Double.NEGATIVE_INFINITY;
        double cost = cavg(s, bestT, pTarget);
        double best = cost;
        double compensation = 0;  // Neumaier summation of the running cost
        for (int i = 0; i < distinct.length; i++) {
            double sum = cost + delta[i];
            compensation += Math.abs(cost) >= Math.abs(delta[i]) ? (cost - sum) + delta[i] : (delta[i] - sum) + cost;
            cost = sum;
            if (cost + compensation < best - 1e-12) {
                best = cost + compensation;
                bestT = distinct[i];
            }
        }
        return new CavgMinimum(bestT, cavg(s, bestT, pTarget));
    }

    /** Every score of the table once, increasing. */
    static double[] distinctScores(LanguageScores s) {
        int n = s.languages().size();
        double[] all = new double[s.rows() * n];
        for (int r = 0, k = 0; r < s.rows(); r++) {
            for (int l = 0; l < n; l++) {
                all[k++] = s.score(r, l);
            }
        }
        Arrays.sort(all);
        int d = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[d - 1]) {
                all[d++] = all[i];
            }
        }
        return Arrays.copyOf(all, d);
    }

    /** The DET points: t = −∞ then every distinct score, increasing. */
    public static List<DetPoint> det(LanguageScores s) {
        Trials t = Trials.of(s);
        List<DetPoint> points = new ArrayList<>(t.thresholds.length);
        for (int i = 0; i < t.thresholds.length; i++) {
            points.add(new DetPoint(t.thresholds[i], (double) t.misses[i] / t.targets, (double) t.falseAlarms[i] / t.nonTargets));
        }
        return points;
    }

    /** The equal error rate of the pooled trials (see the class comment for the rule). */
    public static double eer(LanguageScores s) {
        Trials t = Trials.of(s);
        int below = -1;  // last point with P_miss < P_fa
        for (int i = 0; i < t.thresholds.length; i++) {
            // P_miss vs P_fa compared exactly: misses/targets vs falseAlarms/nonTargets
            long lhs = t.misses[i] * t.nonTargets;
            long rhs = t.falseAlarms[i] * t.targets;
            if (lhs == rhs) {
                return (double) t.misses[i] / t.targets;
            }
            if (lhs < rhs) {
                below = i;
            } else {
                // the first point with P_miss > P_fa; P_miss is non-decreasing and P_fa
                // non-increasing along the thresholds, so it directly follows `below`
                double m1 = (double) t.misses[below] / t.targets;
                double f1 = (double) t.falseAlarms[below] / t.nonTargets;
                double m2 = (double) t.misses[i] / t.targets;
                double f2 = (double) t.falseAlarms[i] / t.nonTargets;
                double lambda = (f1 - m1) / ((f1 - m1) + (m2 - f2));
                return m1 + lambda * (m2 - m1);
            }
        }
        throw new IllegalStateException("no crossing: the last point has P_miss 1 and P_fa 0");
    }

    private static void checkPrior(double pTarget) {
        if (!(pTarget > 0 && pTarget < 1)) {
            throw new IllegalArgumentException("P_target must be strictly between 0 and 1, got " + pTarget);
        }
    }

    /** Pooled trial counts at each DET threshold. */
    private record Trials(double[] thresholds, long[] misses, long[] falseAlarms, long targets, long nonTargets) {
        static Trials of(LanguageScores s) {
            int n = s.languages().size();
            double[] target = new double[s.rows()];
            double[] non = new double[s.rows() * (n - 1)];
            for (int r = 0, k = 0; r < s.rows(); r++) {
                for (int l = 0; l < n; l++) {
                    if (l == s.truth(r)) {
                        target[r] = s.score(r, l);
                    } else {
                        non[k++] = s.score(r, l);
                    }
                }
            }
            Arrays.sort(target);
            Arrays.sort(non);
            double[] distinct = distinctScores(s);
            int points = distinct.length + 1;
            double[] thresholds = new double[points];
            long[] misses = new long[points];
            long[] falseAlarms = new long[points];
            thresholds[0] = Double.NEGATIVE_INFINITY;
            falseAlarms[0] = non.length;
            int ti = 0;
            int ni = 0;
            for (int i = 1; i < points; i++) {
                double t = distinct[i - 1];
                while (ti < target.length && target[ti] <= t) {
                    ti++;
                }
                while (ni < non.length && non[ni] <= t) {
                    ni++;
                }
                thresholds[i] = t;
                misses[i] = ti;
                falseAlarms[i] = non.length - ni;
            }
            return new Trials(thresholds, misses, falseAlarms, target.length, non.length);
        }
    }
}
