package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/**
 * Mel filterbank energies, optionally log or dB compressed: the usual input of every speech
 * and sound event model in the lectures. Start from a preset and change what differs:
 *
 * <pre>{@code
 * LogMel.bins(64)                       // 16 kHz, n_fft 512, 25 ms Hann, 10 ms hop, ln(max(x, 1e-10))
 *       .fmin(20).fmax(7600).hop(320);
 * LogMel.torchaudio()                   // = torchaudio.transforms.MelSpectrogram()
 * LogMel.librosa()                      // = librosa.feature.melspectrogram(y, sr=22050)
 * }</pre>
 */
public record LogMel(Spectrogram spectrogram, MelFilterbank filterbank, Compression compression, double floor,
                     double topDb) implements FeatureSpec {

    public static final String NAME = "logmel";

    public LogMel {
        if (spectrogram == null || filterbank == null || compression == null) {
            throw new IllegalArgumentException("spectrogram, filterbank and compression must be set");
        }
        if (!(floor > 0)) {
            throw new IllegalArgumentException("floor must be > 0, got " + floor);
        }
        if (!(topDb >= 0)) {
            throw new IllegalArgumentException("top_db must be >= 0 (0 = no clipping), got " + topDb);
        }
    }

    /** Seqlab's defaults at 16 kHz: n_fft 512, 25 ms Hann window, 10 ms hop, HTK mel, natural log floored at 1e-10. */
    public static LogMel bins(int bins) {
        return new LogMel(Spectrogram.defaults(), new MelFilterbank(bins, 0.0, 0.0, MelScale.HTK, false),
                Compression.LOG, 1e-10, 0.0);
    }

    /** {@code torchaudio.transforms.MelSpectrogram()}: 16 kHz, n_fft 400, hop 200, 128 HTK bins, linear power. */
    public static LogMel torchaudio() {
        Spectrogram s = new Spectrogram(16000, 400, 400, 200, Window.HANN, Framing.CENTER_REFLECT, 0.0, false,
                Spectrum.POWER);
        return new LogMel(s, new MelFilterbank(128, 0.0, 0.0, MelScale.HTK, false), Compression.NONE, 1e-10, 0.0);
    }

    /**
     * {@code librosa.feature.melspectrogram(y, sr=22050)} defaults: n_fft 2048, hop 512, 128 Slaney bins with
     * Slaney area normalisation, centred with zero padding (librosa >= 0.10), linear power.
     */
    public static LogMel librosa() {
        Spectrogram s = new Spectrogram(22050, 2048, 2048, 512, Window.HANN, Framing.CENTER_ZERO, 0.0, false,
                Spectrum.POWER);
        return new LogMel(s, new MelFilterbank(128, 0.0, 0.0, MelScale.SLANEY, true), Compression.NONE, 1e-10, 0.0);
    }

    public LogMel spectrogram(Spectrogram v) {
        return new LogMel(v, filterbank, compression, floor, topDb);
    }

    public LogMel filterbank(MelFilterbank v) {
        return new LogMel(spectrogram, v, compression, floor, topDb);
    }

    public LogMel sampleRate(int v) {
        return spectrogram(spectrogram.sampleRate(v));
    }

    public LogMel fft(int v) {
        return spectrogram(spectrogram.fft(v));
    }

    public LogMel win(int v) {
        return spectrogram(spectrogram.win(v));
    }

    public LogMel hop(int v) {
        return spectrogram(spectrogram.hop(v));
    }

    public LogMel window(Window v) {
        return spectrogram(spectrogram.window(v));
    }

    public LogMel framing(Framing v) {
        return spectrogram(spectrogram.framing(v));
    }

    public LogMel spectrum(Spectrum v) {
        return spectrogram(spectrogram.spectrum(v));
    }

    public LogMel withBins(int v) {
        MelFilterbank f = filterbank;
        return filterbank(new MelFilterbank(v, f.fmin(), f.fmax(), f.scale(), f.slaneyNorm()));
    }

    public LogMel fmin(double v) {
        MelFilterbank f = filterbank;
        return filterbank(new MelFilterbank(f.bins(), v, f.fmax(), f.scale(), f.slaneyNorm()));
    }

    public LogMel fmax(double v) {
        MelFilterbank f = filterbank;
        return filterbank(new MelFilterbank(f.bins(), f.fmin(), v, f.scale(), f.slaneyNorm()));
    }

    public LogMel scale(MelScale v) {
        MelFilterbank f = filterbank;
        return filterbank(new MelFilterbank(f.bins(), f.fmin(), f.fmax(), v, f.slaneyNorm()));
    }

    public LogMel slaneyNorm(boolean v) {
        MelFilterbank f = filterbank;
        return filterbank(new MelFilterbank(f.bins(), f.fmin(), f.fmax(), f.scale(), v));
    }

    public LogMel compression(Compression v) {
        return new LogMel(spectrogram, filterbank, v, floor, topDb);
    }

    public LogMel floor(double v) {
        return new LogMel(spectrogram, filterbank, compression, v, topDb);
    }

    public LogMel topDb(double v) {
        return new LogMel(spectrogram, filterbank, compression, floor, v);
    }

    /** Checks the settings that depend on each other; called before any extraction. */
    public LogMel validate() {
        spectrogram.validate();
        filterbank.upperEdge(spectrogram.sampleRate());
        if (topDb > 0 && compression != Compression.DB) {
            throw new IllegalArgumentException("top_db (" + topDb + ") only applies to compression db, not "
                    + Features.lower(compression));
        }
        return this;
    }

    @Override
    public float[][] extract(float[] signal, int sampleRate) {
        return compute(signal, sampleRate, 0, null);
    }

    /**
     * Rows of {@code lead + bins} values with the mel features from column {@code lead}; when
     * {@code rawEnergy} is given it receives each frame's energy (Kaldi's raw energy).
     */
    float[][] compute(float[] signal, int sampleRate, int lead, double[][] rawEnergy) {
        spectrogram.checkRate(sampleRate);
        Plan plan = PlanCache.get(this, Plan::new);
        int frames = spectrogram.frames(signal.length);
        int bins = filterbank.bins();
        float[][] out = new float[frames][lead + bins];
        double[] energies = rawEnergy == null ? null : new double[frames];
        double peak = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            plan.spectrum.frame(signal, t, plan.power);
            if (energies != null) {
                energies[t] = plan.spectrum.rawEnergy();
            }
            plan.mel.apply(plan.power, plan.melOut);
            float[] row = out[t];
            for (int m = 0; m < bins; m++) {
                float v = plan.melOut[m];
                row[lead + m] = switch (compression) {
                    case NONE -> v;
                    case LOG -> (float) Math.log(Math.max(v, floor));
                    case DB -> (float) (plan.dbMultiplier * Math.log10(Math.max(v, floor)));
                };
                peak = Math.max(peak, row[lead + m]);
            }
        }
        if (topDb > 0) {
            float clip = (float) (peak - topDb);
            for (float[] row : out) {
                for (int m = lead; m < row.length; m++) {
                    row[m] = Math.max(row[m], clip);
                }
            }
        }
        if (rawEnergy != null) {
            rawEnergy[0] = energies;
        }
        return out;
    }

    @Override
    public int dimension() {
        return filterbank.bins();
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        putParameters(m);
        return m;
    }

    void putParameters(Map<String, Object> m) {
        spectrogram.putParameters(m);
        m.put("bins", filterbank.bins());
        m.put("fmin", filterbank.fmin());
        m.put("fmax", filterbank.fmax());
        m.put("mel_scale", Features.lower(filterbank.scale()));
        m.put("slaney_norm", filterbank.slaneyNorm());
        m.put("compression", Features.lower(compression));
        m.put("floor", floor);
        m.put("top_db", topDb);
    }

    static LogMel read(ParamReader p, LogMel d) {
        Spectrogram s = Spectrogram.read(p, d.spectrogram);
        MelFilterbank f = d.filterbank;
        MelFilterbank fb = new MelFilterbank(p.integer("bins", f.bins()), p.number("fmin", f.fmin()),
                p.number("fmax", f.fmax()), p.choice("mel_scale", MelScale.class, f.scale()),
                p.flag("slaney_norm", f.slaneyNorm()));
        return new LogMel(s, fb, p.choice("compression", Compression.class, d.compression),
                p.number("floor", d.floor), p.number("top_db", d.topDb)).validate();
    }

    /** Per-thread state: the spectrum plan, the sparse filterbank and two scratch rows. */
    private static final class Plan {
        final SpectrumPlan spectrum;
        final MelFilterbank.Sparse mel;
        final float[] power;
        final float[] melOut;
        final double dbMultiplier;

        Plan(LogMel spec) {
            spec.validate();
            Spectrogram s = spec.spectrogram;
            this.spectrum = SpectrumPlan.of(s);
            this.mel = spec.filterbank.sparse(s.sampleRate(), s.fft());
            this.power = new float[s.bins()];
            this.melOut = new float[spec.filterbank.bins()];
            this.dbMultiplier = s.spectrum() == Spectrum.POWER ? 10.0 : 20.0;
        }
    }
}
