package org.seqlab.metrics.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.metrics.ConfusionMatrix;

/**
 * The definitions of issue 17 on tables small enough to work by hand; each comment holds the
 * working. Expected values are ratios of small integers, so 1e-12 allows for the rounding of a
 * few divisions and sums and nothing else.
 */
class LidMetricsTest {
    private static final double TOL = 1e-12;

    private static LanguageScores table(List<String> languages, int[] truth, double[][] scores) {
        List<String> utts = new ArrayList<>();
        for (int r = 0; r < truth.length; r++) {
            utts.add("u" + (r + 1));
        }
        return LanguageScores.of("test", languages, utts, truth, scores);
    }

    /**
     * Example A: languages en, fr; fr has a single trial; ties.
     * <pre>
     * u1 en: en  2  fr 1
     * u2 en: en  0  fr 0    tie: predicted en (first column), right; en score exactly at t = 0
     * u3 en: en -1  fr 1    predicted fr
     * u4 fr: en  1  fr 1    tie: predicted en, wrong
     * </pre>
     * accuracy 2/4. n_en 3, n_fr 1, N 2, P_target 0.5, so P_nontarget 0.5 and
     * Cavg(t) = (1/2)(0.5)[P_miss(en) + P_fa(en,fr) + P_miss(fr) + P_fa(fr,en)].
     * <ul>
     * <li>t = 0: P_miss(en) = #{2,0,-1 ≤ 0}/3 = 2/3 (0 ≤ 0: strict acceptance), P_fa(en,fr) = #{1 > 0}/1 = 1,
     *     P_miss(fr) = #{1 ≤ 0}/1 = 0, P_fa(fr,en) = #{1,0,1 > 0}/3 = 2/3: Cavg = (1/4)(7/3) = 7/12.</li>
     * <li>t = −∞: 0 + 1 + 0 + 1 → 1/2; t = −1: 1/3 + 1 + 0 + 1 → 7/12; t = 1: 2/3 + 0 + 1 + 0 → 5/12;
     *     t = 2: 1 + 0 + 1 + 0 → 1/2. min Cavg 5/12 at t = 1.</li>
     * <li>EER: targets {2, 0, -1, 1}, non-targets {1, 0, 1, 1}. (P_miss, P_fa): −∞ (0, 1), −1 (1/4, 1),
     *     0 (2/4, 3/4), 1 (3/4, 0), 2 (1, 0). No equal point; between t = 0 and t = 1:
     *     λ = (3/4 − 1/2) / ((3/4 − 1/2) + (3/4 − 0)) = 1/4, EER = 1/2 + (1/4)(1/4) = 9/16.</li>
     * </ul>
     */
    private static LanguageScores exampleA() {
        return table(List.of("en", "fr"), new int[] {0, 0, 0, 1},
                new double[][] {{2, 1}, {0, 0}, {-1, 1}, {1, 1}});
    }

    @Test
    void exampleAByHand() {
        LanguageScores a = exampleA();
        assertEquals(0.5, LidMetrics.accuracy(a), TOL);
        assertEquals(7.0 / 12, LidMetrics.cavg(a, 0, 0.5), TOL);
        assertEquals(0.5, LidMetrics.cavg(a, Double.NEGATIVE_INFINITY, 0.5), TOL);
        assertEquals(7.0 / 12, LidMetrics.cavg(a, -1, 0.5), TOL);
        assertEquals(5.0 / 12, LidMetrics.cavg(a, 1, 0.5), TOL);
        assertEquals(0.5, LidMetrics.cavg(a, 2, 0.5), TOL);
        assertMinimum(1.0, 5.0 / 12, LidMetrics.minCavg(a, 0.5));
        assertEquals(9.0 / 16, LidMetrics.eer(a), TOL, "interpolated");
        assertEquals(List.of(new DetPoint(Double.NEGATIVE_INFINITY, 0, 1), new DetPoint(-1, 0.25, 1), new DetPoint(0, 0.5, 0.75),
                new DetPoint(1, 0.75, 0), new DetPoint(2, 1, 0)), LidMetrics.det(a));
        ConfusionMatrix c = LidMetrics.confusion(a);
        assertEquals(2, c.count(0, 0));
        assertEquals(1, c.count(0, 1));
        assertEquals(1, c.count(1, 0), "the fr trial's tie goes to en, the first column");
        assertEquals(0, c.count(1, 1));
    }

    /**
     * Example C: three languages x, y, z (N 3, P_target 0.5, P_nontarget 0.25); n_x 2, n_y 1, n_z 1.
     * <pre>
     * u1 x: x 3    y 0.2  z -2
     * u2 y: x 2    y 2    z 0     tie x/y: predicted x, wrong
     * u3 z: x -1   y 0    z 1
     * u4 x: x 0.5  y -1   z 2     predicted z, wrong
     * </pre>
     * accuracy 2/4. Confusion (rows true x, y, z): [1 0 1], [1 0 0], [0 0 1].
     * <ul>
     * <li>Cavg(0): x: P_miss 0, P_fa(x,y) = 1 (u2's x 2 > 0), P_fa(x,z) = 0 → 0.25;
     *     y: P_miss 0, P_fa(y,x) = 1/2 (u1's y 0.2), P_fa(y,z) = 0 (u3's y 0, not > 0) → 0.125;
     *     z: P_miss 0, P_fa(z,x) = 1/2 (u4's z 2), P_fa(z,y) = 0 → 0.125. Cavg = 0.5/3 = 1/6.</li>
     * <li>Cavg(0.2): as at 0 except P_fa(y,x) = 0 (u1's y 0.2 is not > 0.2): (0.25 + 0 + 0.125)/3 = 1/8,
     *     the minimum over −∞, −2, −1, 0, 0.2, 0.5, 1, 2, 3.</li>
     * <li>EER: targets {3, 2, 1, 0.5}, non-targets {0.2, −2, 2, 0, −1, 0, −1, 2} (8). At t = 0.2:
     *     P_miss 0, P_fa 2/8; at t = 0.5: P_miss 1/4, P_fa #{2, 2}/8 = 1/4: an equal point, EER 1/4.</li>
     * </ul>
     */
    @Test
    void exampleCByHandWithAnEqualPoint() {
        LanguageScores c = table(List.of("x", "y", "z"), new int[] {0, 1, 2, 0},
                new double[][] {{3, 0.2, -2}, {2, 2, 0}, {-1, 0, 1}, {0.5, -1, 2}});
        assertEquals(0.5, LidMetrics.accuracy(c), TOL);
        assertEquals(1.0 / 6, LidMetrics.cavg(c, 0, 0.5), TOL);
        assertEquals(1.0 / 8, LidMetrics.cavg(c, 0.2, 0.5), TOL);
        assertMinimum(0.2, 0.125, LidMetrics.minCavg(c, 0.5));
        assertEquals(0.25, LidMetrics.eer(c), 0, "an equal point is taken as it is, exactly");
        ConfusionMatrix m = LidMetrics.confusion(c);
        long[][] expected = {{1, 0, 1}, {1, 0, 0}, {0, 0, 1}};
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[t][p], m.count(t, p), "true " + t + " predicted " + p);
            }
        }
        LidScore s = LidScore.of(c, 0.5);
        assertEquals(0.5, s.accuracy(), TOL);
        assertEquals(1.0 / 6, s.cavg(), TOL);
        assertEquals(0.125, s.minCavg(), TOL);
        assertEquals(0.2, s.minCavgThreshold(), 0);
        assertEquals(0.25, s.eer(), 0);
    }

    /**
     * Example B: every true language scores lowest. a, b; u1 a: a 0, b 1; u2 b: a 1, b 0.
     * P_target 0.8, so P_nontarget 0.2. t = −∞ accepts all: Cavg = (1/2)(0.2 + 0.2) = 0.2;
     * t = 0: every P_miss and P_fa is 1: (1/2)(0.8 + 0.2 + 0.8 + 0.2) = 1; t = 1 rejects all:
     * (1/2)(0.8 + 0.8) = 0.8. min Cavg 0.2 at −∞. EER: targets {0, 0}, non-targets {1, 1}:
     * −∞ (0, 1), 0 (1, 1): equal, EER 1. Accuracy 0.
     * With P_target 0.5 the costs at −∞ and at t = 1 are both 0.5: the lower threshold is kept.
     */
    @Test
    void minimumAtMinusInfinityAndTiesKeepTheLowestThreshold() {
        LanguageScores b = table(List.of("a", "b"), new int[] {0, 1}, new double[][] {{0, 1}, {1, 0}});
        assertMinimum(Double.NEGATIVE_INFINITY, 0.2, LidMetrics.minCavg(b, 0.8));
        assertEquals(1.0, LidMetrics.cavg(b, 0, 0.8), TOL);
        assertEquals(0.8, LidMetrics.cavg(b, 1, 0.8), TOL);
        assertEquals(1.0, LidMetrics.eer(b), 0);
        assertEquals(0.0, LidMetrics.accuracy(b), 0);
        assertMinimum(Double.NEGATIVE_INFINITY, 0.5, LidMetrics.minCavg(b, 0.5));
    }

    /**
     * Perfect separation: targets {1, 1}, non-targets {-1, -1}. DET: −∞ (0, 1), −1 (0, 0): equal at
     * 0, so EER 0; Cavg(0) 0 and min Cavg 0, first reached at t = −1.
     */
    @Test
    void perfectScoresCostNothing() {
        LanguageScores p = table(List.of("a", "b"), new int[] {0, 1}, new double[][] {{1, -1}, {-1, 1}});
        assertEquals(0.0, LidMetrics.eer(p), 0);
        assertEquals(0.0, LidMetrics.cavg(p, 0, 0.5), 0);
        assertMinimum(-1, 0, LidMetrics.minCavg(p, 0.5));
        assertEquals(1.0, LidMetrics.accuracy(p), 0);
    }

    /**
     * The sweep of {@link LidMetrics#minCavg} against the definition evaluated at every threshold,
     * and the EER against a scan for the crossing written independently, on random tables with
     * many tied scores (integers in [-3, 3]).
     */
    @Test
    void sweepAgreesWithTheDefinitionAtEveryThreshold() {
        Random tables = new Random(17_002);  // stream: random score tables
        for (int k = 0; k < 200; k++) {
            int n = 2 + tables.nextInt(3);
            int rows = n + tables.nextInt(8);
            List<String> langs = new ArrayList<>();
            for (int l = 0; l < n; l++) {
                langs.add("L" + l);
            }
            int[] truth = new int[rows];
            double[][] scores = new double[rows][n];
            for (int r = 0; r < rows; r++) {
                truth[r] = r < n ? r : tables.nextInt(n);  // every language has a trial
                for (int l = 0; l < n; l++) {
                    scores[r][l] = tables.nextInt(7) - 3 + (tables.nextBoolean() ? 0 : 0.5);
                }
            }
            LanguageScores s = table(langs, truth, scores);
            double pTarget = 0.1 + 0.8 * tables.nextDouble();
            double best = LidMetrics.cavg(s, Double.NEGATIVE_INFINITY, pTarget);
            double bestT = Double.NEGATIVE_INFINITY;
            for (double t = -3; t <= 3.5; t += 0.5) {
                double c = LidMetrics.cavg(s, t, pTarget);
                if (c < best - 1e-12) {
                    best = c;
                    bestT = t;
                }
            }
            LidMetrics.CavgMinimum min = LidMetrics.minCavg(s, pTarget);
            assertEquals(best, min.cavg(), TOL, "table " + k);
            assertEquals(LidMetrics.cavg(s, min.threshold(), pTarget), min.cavg(), TOL);
            assertEquals(bestT, min.threshold(), 0, "table " + k + ": the lowest threshold reaching the minimum");
            assertEquals(scanEer(LidMetrics.det(s)), LidMetrics.eer(s), TOL, "table " + k);
        }
    }

    /** -0 and 0 are one score: one DET threshold, and 0 is not accepted at t = 0 whatever its sign. */
    @Test
    void negativeZeroIsZero() {
        LanguageScores z = table(List.of("a", "b"), new int[] {0, 1}, new double[][] {{-0.0, 0.0}, {0.0, -0.0}});
        assertEquals(List.of(new DetPoint(Double.NEGATIVE_INFINITY, 0, 1), new DetPoint(0, 1, 0)), LidMetrics.det(z));
        assertEquals(0.5, LidMetrics.cavg(z, 0, 0.5), TOL, "every target missed, no false alarm: (1/2)(0.5 + 0.5)");
    }

    @Test
    void priorMustBeAProbability() {
        assertThrows(IllegalArgumentException.class, () -> LidMetrics.cavg(exampleA(), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> LidMetrics.minCavg(exampleA(), 1));
        assertThrows(IllegalArgumentException.class, () -> LidMetrics.cavg(exampleA(), 0, Double.NaN));
    }

    /** Equal point, else the straight line between the neighbours around the crossing. */
    private static double scanEer(List<DetPoint> det) {
        for (int i = 0; i < det.size(); i++) {
            DetPoint p = det.get(i);
            if (Math.abs(p.pMiss() - p.pFa()) < 1e-15) {
                return p.pMiss();
            }
            if (p.pMiss() > p.pFa()) {
                DetPoint q = det.get(i - 1);
                double d1 = q.pFa() - q.pMiss();
                double d2 = p.pMiss() - p.pFa();
                return (q.pMiss() * d2 + p.pMiss() * d1) / (d1 + d2);
            }
        }
        throw new AssertionError("no crossing");
    }

    /** The threshold exactly (it is one of the scores, or −∞), the cost to {@link #TOL}. */
    private static void assertMinimum(double threshold, double cavg, LidMetrics.CavgMinimum got) {
        assertEquals(threshold, got.threshold(), 0, "threshold");
        assertEquals(cavg, got.cavg(), TOL, "min Cavg");
    }
}
