package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/**
 * Short-time Fourier spectrogram settings, the first stage of every other extractor here.
 * Lengths are in samples at {@link #sampleRate()}; a signal at another rate is refused rather
 * than silently analysed with the wrong frame duration.
 *
 * <p>A window shorter than {@code fft} is centred in the FFT frame as torch.stft does in the
 * centred modes, and zero-padded at the end as Kaldi does in snip-edges mode; magnitudes do not
 * depend on that placement. Pre-emphasis and DC removal act on the window-length segment
 * before windowing, exactly as in Kaldi.
 *
 * @param sampleRate  rate in Hz the settings are meant for
 * @param fft         FFT size (even), giving {@code fft / 2 + 1} bins
 * @param win         window length, at most {@code fft}
 * @param hop         frame shift
 * @param preemphasis coefficient p of x[i] - p x[i-1] (0 = off); x[-1] is taken as x[0] as Kaldi
 * @param removeDc    subtract each frame's mean before pre-emphasis (Kaldi)
 */
public record Spectrogram(int sampleRate, int fft, int win, int hop, Window window, Framing framing,
                          double preemphasis, boolean removeDc, Spectrum spectrum) implements FeatureSpec {

    public static final String NAME = "spectrogram";

    public Spectrogram {
        positive("sample_rate", sampleRate);
        positive("fft", fft);
        positive("win", win);
        positive("hop", hop);
        if (fft % 2 != 0) {
            throw new IllegalArgumentException("fft must be even, got " + fft);
        }
        if (window == null || framing == null || spectrum == null) {
            throw new IllegalArgumentException("window, framing and spectrum must be set");
        }
        if (!(preemphasis >= 0 && preemphasis < 1)) {
            throw new IllegalArgumentException("preemphasis must be in [0, 1), got " + preemphasis);
        }
    }

    /** Seqlab's 16 kHz defaults: n_fft 512, 25 ms Hann window, 10 ms hop, centred with reflection, power. */
    public static Spectrogram defaults() {
        return new Spectrogram(16000, 512, 400, 160, Window.HANN, Framing.CENTER_REFLECT, 0.0,
                false, Spectrum.POWER);
    }

    public Spectrogram sampleRate(int v) {
        return new Spectrogram(v, fft, win, hop, window, framing, preemphasis, removeDc, spectrum);
    }

    public Spectrogram fft(int v) {
        return new Spectrogram(sampleRate, v, win, hop, window, framing, preemphasis, removeDc, spectrum);
    }

    public Spectrogram win(int v) {
        return new Spectrogram(sampleRate, fft, v, hop, window, framing, preemphasis, removeDc, spectrum);
    }

    public Spectrogram hop(int v) {
        return new Spectrogram(sampleRate, fft, win, v, window, framing, preemphasis, removeDc, spectrum);
    }

    public Spectrogram window(Window v) {
        return new Spectrogram(sampleRate, fft, win, hop, v, framing, preemphasis, removeDc, spectrum);
    }

    public Spectrogram framing(Framing v) {
        return new Spectrogram(sampleRate, fft, win, hop, window, v, preemphasis, removeDc, spectrum);
    }

    public Spectrogram preemphasis(double v) {
        return new Spectrogram(sampleRate, fft, win, hop, window, framing, v, removeDc, spectrum);
    }

    public Spectrogram removeDc(boolean v) {
        return new Spectrogram(sampleRate, fft, win, hop, window, framing, preemphasis, v, spectrum);
    }

    public Spectrogram spectrum(Spectrum v) {
        return new Spectrogram(sampleRate, fft, win, hop, window, framing, preemphasis, removeDc, v);
    }

    public int bins() {
        return fft / 2 + 1;
    }

    /** Checks the settings that depend on each other; called before any extraction. */
    public Spectrogram validate() {
        if (win > fft) {
            throw new IllegalArgumentException("fft (" + fft + ") must be >= win (" + win + ")");
        }
        return this;
    }

    /** Number of frames for a signal of {@code length} samples, or an error naming why there are none. */
    public int frames(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("signal is empty");
        }
        if (framing == Framing.SNIP_EDGES) {
            if (length < win) {
                throw new IllegalArgumentException("signal of " + length + " samples is shorter than one frame (win="
                        + win + ") with snip_edges framing");
            }
            return 1 + (length - win) / hop;
        }
        if (framing == Framing.CENTER_REFLECT && length <= fft / 2) {
            throw new IllegalArgumentException("signal of " + length + " samples is too short for reflect padding of "
                    + fft / 2 + " (fft/2); use framing center_zero or a smaller fft");
        }
        return 1 + length / hop;
    }

    @Override
    public float[][] extract(float[] signal, int sampleRate) {
        checkRate(sampleRate);
        SpectrumPlan plan = SpectrumPlan.of(this);
        int frames = frames(signal.length);
        float[][] out = new float[frames][];
        for (int t = 0; t < frames; t++) {
            out[t] = new float[bins()];
            plan.frame(signal, t, out[t]);
        }
        return out;
    }

    @Override
    public int dimension() {
        return bins();
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        putParameters(m);
        return m;
    }

    void putParameters(Map<String, Object> m) {
        m.put("sample_rate", sampleRate);
        m.put("fft", fft);
        m.put("win", win);
        m.put("hop", hop);
        m.put("window", Features.lower(window));
        m.put("framing", Features.lower(framing));
        m.put("preemphasis", preemphasis);
        m.put("remove_dc", removeDc);
        m.put("spectrum", Features.lower(spectrum));
    }

    static Spectrogram read(ParamReader p, Spectrogram d) {
        return new Spectrogram(p.integer("sample_rate", d.sampleRate), p.integer("fft", d.fft),
                p.integer("win", d.win), p.integer("hop", d.hop), p.choice("window", Window.class, d.window),
                p.choice("framing", Framing.class, d.framing), p.number("preemphasis", d.preemphasis),
                p.flag("remove_dc", d.removeDc), p.choice("spectrum", Spectrum.class, d.spectrum)).validate();
    }

    void checkRate(int signalRate) {
        if (signalRate != sampleRate) {
            throw new IllegalArgumentException("features are set for sample_rate " + sampleRate
                    + " Hz but the signal is " + signalRate + " Hz; resample the audio or set sample_rate");
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }
}
