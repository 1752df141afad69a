package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecAugmentTest {

    private static float[][] ones(int frames, int dims) {
        float[][] x = new float[frames][dims];
        for (float[] row : x) {
            java.util.Arrays.fill(row, 1f);
        }
        return x;
    }

    @Test
    void sameSeedSameMasksAndInputUntouched() {
        float[][] x = ones(300, 80);
        SpecAugment aug = SpecAugment.librispeechBasic();
        float[][] a = aug.apply(x, 11);
        assertArrayEquals(a, aug.apply(x, 11));
        assertArrayEquals(ones(300, 80), x, "input is not modified");
        boolean differs = false;
        for (long seed = 12; seed < 20 && !differs; seed++) {
            differs = !java.util.Arrays.deepEquals(a, aug.apply(x, seed));
        }
        assertTrue(differs, "other seeds give other masks");
    }

    @Test
    void masksAreWholeBandsAndFramesWithinTheirWidths() {
        SpecAugment aug = SpecAugment.none().freq(1, 10).time(1, 20);
        for (long seed = 0; seed < 200; seed++) {
            float[][] y = aug.apply(ones(100, 40), seed);
            int maskedRows = 0;
            for (float[] row : y) {
                boolean all = true;
                for (float v : row) {
                    all &= v == 0f;
                }
                maskedRows += all ? 1 : 0;
            }
            int maskedCols = 0;
            for (int c = 0; c < 40; c++) {
                boolean all = true;
                for (float[] row : y) {
                    all &= row[c] == 0f;
                }
                maskedCols += all ? 1 : 0;
            }
            int zeros = 0;
            for (float[] row : y) {
                for (float v : row) {
                    zeros += v == 0f ? 1 : 0;
                }
            }
            assertTrue(maskedRows <= 20 && maskedCols <= 10, "seed " + seed);
            // every zero lies in a fully masked row or column
            assertEquals(maskedRows * 40 + maskedCols * 100 - maskedRows * maskedCols, zeros, "seed " + seed);
        }
    }

    @Test
    void mapRoundTripAndUnknownKeys() {
        SpecAugment aug = SpecAugment.librispeechBasic().maxTimeFraction(0.2).value(-3.5f);
        assertEquals(aug, SpecAugment.fromMap(aug.toMap()));
        var map = new java.util.LinkedHashMap<String, Object>(aug.toMap());
        map.put("time_warp", 80);
        SpectrogramTest.assertMessage(() -> SpecAugment.fromMap(map), "unknown key 'time_warp'");
        SpectrogramTest.assertMessage(() -> SpecAugment.none().freq(-1, 3), "freq_masks", "-1");
    }

    @Test
    void timeFractionBoundsShortUtterancesAndValueIsUsed() {
        SpecAugment aug = SpecAugment.none().time(3, 100).maxTimeFraction(0.1).value(-5f);
        for (long seed = 0; seed < 50; seed++) {
            float[][] y = aug.apply(ones(30, 4), seed);
            int masked = 0;
            for (float[] row : y) {
                masked += row[0] == -5f ? 1 : 0;
            }
            assertTrue(masked <= 9, "3 masks of at most 3 frames, seed " + seed);
        }
        assertFalse(java.util.Arrays.deepEquals(ones(30, 4), SpecAugment.none().time(2, 30).apply(ones(30, 4), 1)));
        assertArrayEquals(ones(5, 3), SpecAugment.none().apply(ones(5, 3), 1));
    }
}
