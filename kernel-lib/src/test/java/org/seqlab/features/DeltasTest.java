package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DeltasTest {

    @Test
    void rampHasItsSlopeInsideAndLessAtTheEdges() {
        float[][] ramp = new float[10][1];
        for (int t = 0; t < 10; t++) {
            ramp[t][0] = 3 * t;
        }
        float[][] d = Deltas.compute(ramp, 5);
        for (int t = 2; t < 8; t++) {
            assertEquals(3.0, d[t][0], 1e-6);
        }
        // t = 0 with replicate padding: (1*(3-0) + 2*(6-0)) / 10 = 1.5
        assertEquals(1.5, d[0][0], 1e-6);
        assertEquals(1.5, d[9][0], 1e-6);
    }

    @Test
    void extractorStacksStaticDeltaAndDeltaDelta() {
        float[] x = Reference.signal16k();
        LogMel base = LogMel.bins(20);
        float[][] stat = base.extract(x, 16000);
        float[][] d1 = Deltas.compute(stat, 5);
        float[][] d2 = Deltas.compute(d1, 5);
        float[][] all = Deltas.of(base).extract(x, 16000);
        assertEquals(60, all[0].length);
        for (int t = 0; t < stat.length; t++) {
            assertArrayEquals(stat[t], java.util.Arrays.copyOfRange(all[t], 0, 20));
            assertArrayEquals(d1[t], java.util.Arrays.copyOfRange(all[t], 20, 40));
            assertArrayEquals(d2[t], java.util.Arrays.copyOfRange(all[t], 40, 60));
        }
    }

    @Test
    void evenWindowIsRefused() {
        SpectrogramTest.assertMessage(() -> Deltas.compute(new float[3][2], 4), "window", "4");
    }
}
