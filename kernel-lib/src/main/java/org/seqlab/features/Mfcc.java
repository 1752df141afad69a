package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/**
 * Mel-frequency cepstral coefficients: an orthonormal DCT-II of compressed mel energies, as
 * torchaudio's MFCC ({@code dct_type=2, norm="ortho"}), keeping the first {@code coefficients}.
 */
public record Mfcc(int coefficients, LogMel mel) implements FeatureSpec {

    public static final String NAME = "mfcc";

    public Mfcc {
        if (mel == null) {
            throw new IllegalArgumentException("mel must be set");
        }
        if (coefficients <= 0) {
            throw new IllegalArgumentException("coefficients must be > 0, got " + coefficients);
        }
    }

    /** Seqlab's defaults: the DCT of {@code LogMel.bins(40)} (16 kHz, 25 ms, 10 ms, natural log). */
    public static Mfcc coefficients(int coefficients) {
        return new Mfcc(coefficients, LogMel.bins(40));
    }

    /** {@code torchaudio.transforms.MFCC()}: 40 coefficients of MelSpectrogram() in dB (floor 1e-10, top_db 80). */
    public static Mfcc torchaudio() {
        return new Mfcc(40, LogMel.torchaudio().compression(Compression.DB).floor(1e-10).topDb(80.0));
    }

    public Mfcc withCoefficients(int v) {
        return new Mfcc(v, mel);
    }

    public Mfcc mel(LogMel v) {
        return new Mfcc(coefficients, v);
    }

    public Mfcc validate() {
        mel.validate();
        if (coefficients > mel.filterbank().bins()) {
            throw new IllegalArgumentException("coefficients (" + coefficients + ") must be <= mel bins ("
                    + mel.filterbank().bins() + ")");
        }
        if (mel.compression() == Compression.NONE) {
            throw new IllegalArgumentException("mfcc needs compression log or db, got none");
        }
        return this;
    }

    @Override
    public float[][] extract(float[] signal, int sampleRate) {
        float[][] dct = PlanCache.get(this, Mfcc::dctMatrix);
        float[][] mels = mel.extract(signal, sampleRate);
        int n = mels.length == 0 ? 0 : mels[0].length;
        float[][] out = new float[mels.length][coefficients];
        for (int t = 0; t < mels.length; t++) {
            float[] x = mels[t];
            for (int k = 0; k < coefficients; k++) {
                float[] basis = dct[k];
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    s += basis[i] * x[i];
                }
                out[t][k] = s;
            }
        }
        return out;
    }

    /** Orthonormal DCT-II rows: sqrt(2/N) cos(pi k (n + 1/2) / N), row 0 divided by sqrt 2. */
    static float[][] dctMatrix(Mfcc spec) {
        spec.validate();
        int n = spec.mel.filterbank().bins();
        float[][] d = new float[spec.coefficients][n];
        for (int k = 0; k < spec.coefficients; k++) {
            double scale = Math.sqrt(2.0 / n) * (k == 0 ? Math.sqrt(0.5) : 1.0);
            for (int i = 0; i < n; i++) {
                d[k][i] = (float) (scale * Math.cos(Math.PI / n * (i + 0.5) * k));
            }
        }
        return d;
    }

    @Override
    public int dimension() {
        return coefficients;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("coefficients", coefficients);
        mel.putParameters(m);
        return m;
    }

    static Mfcc read(ParamReader p) {
        int c = p.integer("coefficients", 13);
        return new Mfcc(c, LogMel.read(p, LogMel.bins(40))).validate();
    }
}
