package org.seqlab.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpectrogramTest {

    static float[] sine(double hz, int sampleRate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }

    @Test
    void pureSinePeaksAtItsBin() {
        // 1000 Hz at 16 kHz with n_fft 512: bin width 31.25 Hz, so bin 32 exactly.
        float[][] s = Spectrogram.defaults().extract(sine(1000, 16000, 16000, 0.5), 16000);
        for (int t = 2; t < s.length - 2; t++) {
            int best = 0;
            for (int k = 1; k < s[t].length; k++) {
                if (s[t][k] > s[t][best]) {
                    best = k;
                }
            }
            assertEquals(32, best, "peak bin of frame " + t);
        }
    }

    @Test
    void rectangularPowerSatisfiesParseval() {
        // With a rectangular window covering the whole FFT, sum_k |X_k|^2 over the full spectrum
        // equals n_fft * sum x^2; the one-sided spectrum counts bins 1..n/2-1 twice.
        Spectrogram s = Spectrogram.defaults().fft(64).win(64).hop(64).window(Window.RECTANGULAR)
                .framing(Framing.SNIP_EDGES);
        float[] x = new float[192];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() - 0.5);
        }
        float[][] p = s.extract(x, 16000);
        assertEquals(3, p.length);
        for (int t = 0; t < 3; t++) {
            double energy = 0;
            for (int i = 0; i < 64; i++) {
                energy += x[t * 64 + i] * x[t * 64 + i];
            }
            double spectral = p[t][0] + p[t][32];
            for (int k = 1; k < 32; k++) {
                spectral += 2 * p[t][k];
            }
            assertEquals(64 * energy, spectral, 1e-4 * 64 * energy, "frame " + t);
        }
    }

    @Test
    void magnitudeIsSquareRootOfPower() {
        float[] x = sine(440, 16000, 4000, 0.3);
        float[][] power = Spectrogram.defaults().extract(x, 16000);
        float[][] mag = Spectrogram.defaults().spectrum(Spectrum.MAGNITUDE).extract(x, 16000);
        for (int t = 0; t < power.length; t++) {
            for (int k = 0; k < power[t].length; k++) {
                assertEquals(Math.sqrt(power[t][k]), mag[t][k], 1e-6 + 1e-5 * mag[t][k]);
            }
        }
    }

    @Test
    void frameCounts() {
        Spectrogram centred = Spectrogram.defaults();
        assertEquals(1 + 16000 / 160, centred.frames(16000));
        assertEquals(1 + 16000 / 160, centred.extract(new float[16000], 16000).length);
        Spectrogram kaldi = centred.framing(Framing.SNIP_EDGES);
        assertEquals(1 + (16000 - 400) / 160, kaldi.frames(16000));
        assertEquals(1, kaldi.frames(400));
        assertEquals(1 + 300 / 160, centred.framing(Framing.CENTER_ZERO).frames(300));
    }

    @Test
    void windowsByHand() {
        assertArrayEquals(new float[] {0f, 0.5f, 1f, 0.5f}, Window.HANN.coefficients(4, true), 1e-7f);
        assertArrayEquals(new float[] {0f, 0.75f, 0.75f, 0f}, Window.HANN.coefficients(4, false), 1e-7f);
        assertArrayEquals(new float[] {0.08f, 1f, 0.08f}, Window.HAMMING.coefficients(3, false), 1e-7f);
        float[] povey = Window.POVEY.coefficients(3, true);
        assertArrayEquals(new float[] {0f, 1f, 0f}, povey, 1e-7f, "povey is symmetric even when periodic is asked");
        assertEquals(Math.pow(0.75, 0.85), Window.POVEY.coefficients(4, false)[1], 1e-7);
        assertArrayEquals(new float[] {1f, 1f}, Window.RECTANGULAR.coefficients(2, true));
    }

    @Test
    void badParametersAreNamed() {
        assertMessage(() -> Spectrogram.defaults().fft(256).extract(new float[16000], 16000), "fft (256)", "win (400)");
        assertMessage(() -> Spectrogram.defaults().hop(0), "hop", "0");
        assertMessage(() -> Spectrogram.defaults().fft(511), "fft must be even", "511");
        assertMessage(() -> Spectrogram.defaults().preemphasis(1.5), "preemphasis", "1.5");
        assertMessage(() -> Spectrogram.defaults().framing(Framing.SNIP_EDGES).extract(new float[399], 16000),
                "399 samples", "win=400", "snip_edges");
        assertMessage(() -> Spectrogram.defaults().extract(new float[0], 16000), "empty");
        assertMessage(() -> Spectrogram.defaults().extract(new float[200], 16000), "200 samples", "reflect");
        assertMessage(() -> Spectrogram.defaults().extract(new float[16000], 8000), "16000", "8000", "sample_rate");
        // zero-padded centring accepts a signal shorter than fft/2
        assertEquals(2, Spectrogram.defaults().framing(Framing.CENTER_ZERO).extract(new float[200], 16000).length);
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should name '" + part + "'");
        }
    }
}
