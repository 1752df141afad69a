package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogMelTest {

    @Test
    void silenceSitsOnTheFloor() {
        float[][] f = LogMel.bins(40).floor(1e-7).extract(new float[8000], 16000);
        for (float[] row : f) {
            for (float v : row) {
                assertEquals(Math.log(1e-7), v, 1e-6);
            }
        }
        float[][] kaldi = Fbank.kaldi(23).extract(new float[8000], 16000);
        assertEquals(Math.log(Fbank.FLOAT_EPSILON), kaldi[3][5], 1e-6);
        float[][] energy = Fbank.kaldi(23).energy(true).extract(new float[8000], 16000);
        assertEquals(0.0, energy[3][0], 0.0, "Kaldi's default energy_floor 1.0 floors log energy at 0");
    }

    @Test
    void sineEnergyLandsInTheMelBinContainingIt() {
        LogMel spec = LogMel.bins(40);
        float[][] f = spec.extract(SpectrogramTest.sine(2000, 16000, 16000, 0.5), 16000);
        float[][] w = spec.filterbank().weights(16000, 512);
        int expected = 0;
        for (int m = 1; m < 40; m++) {
            if (w[m][64] > w[expected][64]) {
                expected = m; // bin 64 = 2000 Hz
            }
        }
        float[] row = f[50];
        int best = 0;
        for (int m = 1; m < row.length; m++) {
            if (row[m] > row[best]) {
                best = m;
            }
        }
        assertEquals(expected, best);
    }

    @Test
    void decibelsAreTenLog10AndClippedBelowThePeak() {
        float[] x = SpectrogramTest.sine(1000, 16000, 8000, 0.5);
        float[][] linear = LogMel.bins(40).compression(Compression.NONE).extract(x, 16000);
        float[][] db = LogMel.bins(40).compression(Compression.DB).extract(x, 16000);
        float[][] clipped = LogMel.bins(40).compression(Compression.DB).topDb(30).extract(x, 16000);
        double peak = Double.NEGATIVE_INFINITY;
        for (float[] row : db) {
            for (float v : row) {
                peak = Math.max(peak, v);
            }
        }
        for (int t = 0; t < db.length; t++) {
            for (int m = 0; m < 40; m++) {
                assertEquals(10 * Math.log10(Math.max(linear[t][m], 1e-10)), db[t][m], 1e-3);
                assertEquals(Math.max(db[t][m], peak - 30), clipped[t][m], 1e-4);
                assertTrue(clipped[t][m] >= peak - 30 - 1e-4);
            }
        }
        float[][] magnitudeDb = LogMel.bins(40).spectrum(Spectrum.MAGNITUDE).compression(Compression.DB).extract(x, 16000);
        float[][] magnitude = LogMel.bins(40).spectrum(Spectrum.MAGNITUDE).compression(Compression.NONE).extract(x, 16000);
        assertEquals(20 * Math.log10(magnitude[10][5]), magnitudeDb[10][5], 1e-3, "magnitude uses 20 log10");
    }

    @Test
    void extractionIsThreadSafeAndRepeatable() throws Exception {
        float[] x = Reference.signal16k();
        LogMel spec = LogMel.bins(64);
        float[][] first = spec.extract(x, 16000);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> spec.extract(x, 16000));
            var b = pool.submit(() -> spec.extract(x, 16000));
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, a.get());
            org.junit.jupiter.api.Assertions.assertArrayEquals(first, b.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
