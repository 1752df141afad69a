package org.seqlab.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seqlab.features.SpectrogramTest.assertMessage;

class NormalizationTest {

    static float[][] random(int frames, int dims, long seed, double offset, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[frames][dims];
        for (float[] row : x) {
            for (int c = 0; c < dims; c++) {
                row[c] = (float) (offset + c + scale * (r.nextDouble() - 0.5));
            }
        }
        return x;
    }

    @Test
    void perUtteranceGivesZeroMeanUnitVariance() {
        float[][] x = random(200, 5, 1, 10, 4);
        for (int c = 0; c < 5; c++) {
            x[7][c] = 100; // an outlier must not break anything
        }
        float[][] y = Normalization.perUtterance(x, true);
        for (int c = 0; c < 5; c++) {
            double s = 0;
            double ss = 0;
            for (float[] row : y) {
                s += row[c];
                ss += row[c] * row[c];
            }
            assertEquals(0.0, s / 200, 1e-5);
            assertEquals(1.0, ss / 200, 1e-4);
        }
        float[][] centred = Normalization.perUtterance(x, false);
        assertEquals(x[3][2] - (y[3][2] * 0 + mean(x, 2)), centred[3][2], 1e-4);
        float[][] constant = Normalization.perUtterance(new float[][] {{2f}, {2f}}, true);
        assertEquals(0f, constant[1][0], "a constant coefficient is centred, not divided by zero");
    }

    private static double mean(float[][] x, int c) {
        double s = 0;
        for (float[] row : x) {
            s += row[c];
        }
        return s / x.length;
    }

    @Test
    void globalStatsMatchBruteForceOverTheConcatenation() {
        float[][][] utterances = {random(50, 4, 1, 100, 2), random(3, 4, 2, 101, 8), random(120, 4, 3, 99, 1)};
        GlobalStats stats = new GlobalStats(4);
        int total = 0;
        for (float[][] u : utterances) {
            stats.add(u);
            total += u.length;
        }
        assertEquals(total, stats.frames());
        for (int c = 0; c < 4; c++) {
            double s = 0;
            for (float[][] u : utterances) {
                for (float[] row : u) {
                    s += row[c];
                }
            }
            double mean = s / total;
            double ss = 0;
            for (float[][] u : utterances) {
                for (float[] row : u) {
                    ss += (row[c] - mean) * (row[c] - mean);
                }
            }
            assertEquals(mean, stats.mean()[c], 1e-9);
            assertEquals(ss / total, stats.variance()[c], 1e-9);
        }
        GlobalStats merged = new GlobalStats(4).add(utterances[0]).add(new GlobalStats(4).add(utterances[1]).add(utterances[2]));
        for (int c = 0; c < 4; c++) {
            assertEquals(stats.mean()[c], merged.mean()[c], 1e-9);
            assertEquals(stats.variance()[c], merged.variance()[c], 1e-9);
        }
        float[][] applied = stats.apply(utterances[2], true);
        double v = stats.variance()[1];
        assertEquals((utterances[2][5][1] - stats.mean()[1]) / Math.sqrt(v), applied[5][1], 1e-5);
    }

    @Test
    void csvRoundTripIsExact(@TempDir Path dir) throws Exception {
        GlobalStats stats = new GlobalStats(3).add(random(77, 3, 9, -5, 3));
        Path file = dir.resolve("stats.csv");
        stats.save(file);
        GlobalStats back = GlobalStats.load(file);
        assertEquals(stats.frames(), back.frames());
        for (int c = 0; c < 3; c++) {
            assertEquals(stats.mean()[c], back.mean()[c], 0.0);
            assertEquals(stats.variance()[c], back.variance()[c], 1e-15 * stats.variance()[c]);
        }
        assertEquals(stats.toCsv(), back.toCsv());
        String text = Files.readString(file);
        assertMessage(() -> GlobalStats.fromCsv(text.replace("0,", "0,x"), "bad.csv"), "bad.csv", "line 4");
        assertMessage(() -> GlobalStats.fromCsv("hello\n", "bad.csv"), "bad.csv", "line 1");
        assertMessage(() -> GlobalStats.fromCsv(text.replace("frames,77", "frames,-1"), "bad.csv"), "line 2", "frames");
        assertMessage(() -> new GlobalStats(3).add(new float[][] {{1f, 2f}}), "2 coefficients", "3");
    }
}
