package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seqlab.features.SpectrogramTest.assertMessage;

class MelFilterbankTest {

    @Test
    void melOfKnownFrequencies() {
        // HTK: 2595 log10(1 + 1000/700) = 999.98553 mel; Slaney: 1000 Hz is exactly 15 mel,
        // 6400 Hz is 15 + 27 = 42 mel (log step ln(6.4)/27); Kaldi: 1127 ln(1 + 700/700) = 1127 ln 2.
        assertEquals(999.98553, MelScale.HTK.toMel(1000), 1e-4);
        assertEquals(15.0, MelScale.SLANEY.toMel(1000), 1e-12);
        assertEquals(7.5, MelScale.SLANEY.toMel(500), 1e-12);
        assertEquals(42.0, MelScale.SLANEY.toMel(6400), 1e-12);
        assertEquals(1127 * Math.log(2), MelScale.KALDI.toMel(700), 1e-9);
        for (MelScale s : MelScale.values()) {
            for (double hz : new double[] {0, 123, 999, 1000, 1001, 4321, 8000}) {
                assertEquals(hz, s.toHz(s.toMel(hz)), 1e-9 * (1 + hz), s + " round trip at " + hz);
            }
        }
    }

    @Test
    void trianglesPeakAtOneOnTheirCentres() {
        // 3 HTK bins between 0 and the mel of 4000 Hz: edges at 0, 1/4, 1/2, 3/4, 1 of that mel range.
        // Choosing fft = sample rate puts a bin on every integer Hz, so each centre falls near a bin.
        MelFilterbank fb = new MelFilterbank(3, 0, 4000, MelScale.HTK, false);
        float[][] w = fb.weights(8000, 8000);
        double top = MelScale.HTK.toMel(4000);
        for (int m = 0; m < 3; m++) {
            int centre = (int) Math.round(MelScale.HTK.toHz(top * (m + 1) / 4));
            assertEquals(1.0, w[m][centre], 2e-3, "bin " + m + " at " + centre + " Hz");
            assertEquals(0.0, w[m][0], 0.0);
        }
    }

    @Test
    void slaneyNormGivesEqualAreas() {
        // Area of a triangle of base b (Hz) and height 2/b is 1; summing weights times the bin
        // width in Hz approximates it.
        float[][] w = new MelFilterbank(20, 0, 8000, MelScale.SLANEY, true).weights(16000, 4096);
        double binHz = 16000.0 / 4096;
        for (int m = 0; m < 20; m++) {
            double area = 0;
            for (float v : w[m]) {
                area += v * binHz;
            }
            assertEquals(1.0, area, 0.02, "area of bin " + m);
        }
    }

    @Test
    void sparseMatchesDense() {
        MelFilterbank fb = new MelFilterbank(40, 20, 7600, MelScale.HTK, false);
        float[][] dense = fb.weights(16000, 512);
        MelFilterbank.Sparse sparse = fb.sparse(16000, 512);
        float[] spectrum = new float[257];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int k = 0; k < spectrum.length; k++) {
            spectrum[k] = (float) r.nextDouble();
        }
        float[] out = new float[40];
        sparse.apply(spectrum, out);
        for (int m = 0; m < 40; m++) {
            double expected = 0;
            for (int k = 0; k < 257; k++) {
                expected += dense[m][k] * spectrum[k];
            }
            assertEquals(expected, out[m], 1e-5 * Math.max(1, expected));
        }
    }

    @Test
    void badEdgesAreNamed() {
        assertMessage(() -> new MelFilterbank(40, 0, 9000, MelScale.HTK, false).weights(16000, 512),
                "fmax (9000.0 Hz)", "8000.0");
        assertMessage(() -> new MelFilterbank(40, 5000, 4000, MelScale.HTK, false).weights(16000, 512),
                "fmin (5000.0 Hz)", "fmax (4000.0 Hz)");
        assertMessage(() -> new MelFilterbank(0, 0, 0, MelScale.HTK, false), "bins", "0");
        assertMessage(() -> new MelFilterbank(40, -1, 0, MelScale.HTK, false), "fmin", "-1");
        assertMessage(() -> LogMel.bins(64).fmax(8001).extract(new float[16000], 16000), "fmax (8001.0 Hz)");
        assertMessage(() -> LogMel.bins(64).fmax(0).sampleRate(8000).fmin(4000).extract(new float[8000], 8000),
                "fmin (4000.0 Hz)");
    }
}
