package org.seqlab.features;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The reusable state for one {@link Spectrogram}: the window, the FFT tables and scratch
 * buffers. Not thread-safe; {@link PlanCache} keeps one per thread.
 */
final class SpectrumPlan {
    private final Spectrogram spec;
    private final float[] window;
    private final FloatFFT_1D fft;
    private final float[] buffer;
    private final int centreOffset;
    private double rawEnergy;

    private SpectrumPlan(Spectrogram spec) {
        this.spec = spec.validate();
        this.window = spec.window().coefficients(spec.win(), spec.framing().periodicWindow());
        this.fft = new FloatFFT_1D(spec.fft());
        this.buffer = new float[spec.fft()];
        // torch.stft centres a short window inside the n_fft frame; frame t's n_fft span starts
        // at t*hop - fft/2 in signal coordinates.
        this.centreOffset = spec.framing().centred() ? (spec.fft() - spec.win()) / 2 - spec.fft() / 2 : 0;
    }

    static SpectrumPlan of(Spectrogram spec) {
        return PlanCache.get(spec, SpectrumPlan::new);
    }

    /** Fills {@code out[0 .. fft/2]} with frame {@code t}'s magnitude or power spectrum. */
    void frame(float[] signal, int t, float[] out) {
        int win = spec.win();
        int start = t * spec.hop() + centreOffset;
        float[] b = buffer;
        if (start >= 0 && start + win <= signal.length) {
            System.arraycopy(signal, start, b, 0, win);
        } else {
            boolean reflect = spec.framing() == Framing.CENTER_REFLECT;
            int n = signal.length;
            for (int i = 0; i < win; i++) {
                int j = start + i;
                if (j < 0 || j >= n) {
                    if (!reflect) {
                        b[i] = 0f;
                        continue;
                    }
                    j = j < 0 ? -j : 2 * (n - 1) - j;
                }
                b[i] = signal[j];
            }
        }
        if (spec.removeDc()) {
            float sum = 0f;
            for (int i = 0; i < win; i++) {
                sum += b[i];
            }
            float mean = sum / win;
            for (int i = 0; i < win; i++) {
                b[i] -= mean;
            }
        }
        double energy = 0;
        for (int i = 0; i < win; i++) {
            energy += b[i] * b[i];
        }
        rawEnergy = energy;
        float p = (float) spec.preemphasis();
        if (p != 0f) {
            for (int i = win - 1; i > 0; i--) {
                b[i] -= p * b[i - 1];
            }
            b[0] -= p * b[0];
        }
        for (int i = 0; i < win; i++) {
            b[i] *= window[i];
        }
        java.util.Arrays.fill(b, win, b.length, 0f);
        fft.realForward(b);
        int half = spec.fft() / 2;
        out[0] = b[0] * b[0];
        out[half] = b[1] * b[1];
        for (int k = 1; k < half; k++) {
            float re = b[2 * k];
            float im = b[2 * k + 1];
            out[k] = re * re + im * im;
        }
        if (spec.spectrum() == Spectrum.MAGNITUDE) {
            for (int k = 0; k <= half; k++) {
                out[k] = (float) Math.sqrt(out[k]);
            }
        }
    }

    /** Sum of squares of the last frame after DC removal and before pre-emphasis (Kaldi's raw energy). */
    double rawEnergy() {
        return rawEnergy;
    }
}
