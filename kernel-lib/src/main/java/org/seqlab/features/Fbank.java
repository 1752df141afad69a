package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/**
 * Kaldi's {@code compute-fbank-feats} without dither, as {@code torchaudio.compliance.kaldi.fbank}:
 * snip-edges framing, symmetric Povey window, DC removal, pre-emphasis 0.97, n_fft rounded up to
 * a power of two, Kaldi mel triangles from 20 Hz to Nyquist, ln floored at float32 epsilon, and
 * optionally the frame's log energy as column 0 (Kaldi's {@code --use-energy}, measured before
 * pre-emphasis and windowing, floored at ln(energy_floor) when energy_floor > 0).
 */
public record Fbank(LogMel mel, boolean energy, double energyFloor) implements FeatureSpec {

    public static final String NAME = "fbank";
    /** torch.finfo(torch.float32).eps, Kaldi's floor before every log. */
    public static final double FLOAT_EPSILON = Math.ulp(1.0f);

    public Fbank {
        if (mel == null) {
            throw new IllegalArgumentException("mel must be set");
        }
        if (!(energyFloor >= 0)) {
            throw new IllegalArgumentException("energy_floor must be >= 0, got " + energyFloor);
        }
    }

    /** Kaldi fbank defaults at 16 kHz (25 ms / 10 ms frames, n_fft 512) with {@code bins} mel bins. */
    public static Fbank kaldi(int bins) {
        Spectrogram s = new Spectrogram(16000, 512, 400, 160, Window.POVEY, Framing.SNIP_EDGES, 0.97, true,
                Spectrum.POWER);
        LogMel mel = new LogMel(s, new MelFilterbank(bins, 20.0, 0.0, MelScale.KALDI, false), Compression.LOG,
                FLOAT_EPSILON, 0.0);
        return new Fbank(mel, false, 1.0);
    }

    public Fbank mel(LogMel v) {
        return new Fbank(v, energy, energyFloor);
    }

    public Fbank energy(boolean v) {
        return new Fbank(mel, v, energyFloor);
    }

    public Fbank energyFloor(double v) {
        return new Fbank(mel, energy, v);
    }

    @Override
    public float[][] extract(float[] signal, int sampleRate) {
        if (!energy) {
            return mel.extract(signal, sampleRate);
        }
        double[][] energies = new double[1][];
        float[][] out = mel.compute(signal, sampleRate, 1, energies);
        double logFloor = energyFloor > 0 ? Math.log(energyFloor) : Double.NEGATIVE_INFINITY;
        for (int t = 0; t < out.length; t++) {
            double e = Math.log(Math.max(energies[0][t], FLOAT_EPSILON));
            out[t][0] = (float) Math.max(e, logFloor);
        }
        return out;
    }

    @Override
    public int dimension() {
        return mel.dimension() + (energy ? 1 : 0);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        mel.putParameters(m);
        m.put("energy", energy);
        m.put("energy_floor", energyFloor);
        return m;
    }

    static Fbank read(ParamReader p) {
        Fbank d = kaldi(23);
        LogMel mel = LogMel.read(p, d.mel);
        return new Fbank(mel, p.flag("energy", d.energy), p.number("energy_floor", d.energyFloor));
    }
}
