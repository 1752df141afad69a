package org.seqlab.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    static float[] sine(double freq, int rate, int n, double amp) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    /** Least-squares amplitude of a sinusoid of known frequency over the interior of y. */
    static double amplitudeAt(float[] y, double freq, int rate) {
        int lo = y.length / 5;
        int hi = y.length - lo;
        double c = 0;
        double s = 0;
        for (int i = lo; i < hi; i++) {
            double w = 2 * Math.PI * freq * i / rate;
            c += y[i] * Math.cos(w);
            s += y[i] * Math.sin(w);
        }
        return 2 * Math.hypot(c, s) / (hi - lo);
    }

    static double rms(float[] y) {
        int lo = y.length / 5;
        int hi = y.length - lo;
        double e = 0;
        for (int i = lo; i < hi; i++) {
            e += y[i] * y[i];
        }
        return Math.sqrt(e / (hi - lo));
    }

    @ParameterizedTest
    @CsvSource({"22050,16000,1000", "44100,16000,3000", "16000,22050,5000", "8000,16000,440", "48000,44100,7000"})
    void sinePassbandKeepsFrequencyAndAmplitude(int from, int to, double freq) {
        float[] y = Resampler.resample(sine(freq, from, from, 0.5), from, to);
        assertEquals(Math.round((double) from * to / from), y.length);
        double a = amplitudeAt(y, freq, to);
        assertEquals(0.5, a, 0.005, "amplitude of " + freq + " Hz");
        // all energy is at that frequency: the fitted sine explains the rms
        assertEquals(a / Math.sqrt(2), rms(y), 0.002, "residual energy");
    }

    @ParameterizedTest
    @CsvSource({"44100,16000,10000", "44100,16000,12000", "22050,16000,9000", "48000,8000,5000"})
    void aboveNewNyquistIsRejectedNotAliased(int from, int to, double freq) {
        float[] y = Resampler.resample(sine(freq, from, from, 0.5), from, to);
        double aliasDb = 20 * Math.log10(rms(y) / (0.5 / Math.sqrt(2)));
        assertTrue(aliasDb < -60, "alias of " + freq + " Hz at " + aliasDb + " dB");
    }
}
