package org.seqlab.features;

/**
 * Triangular mel filters: {@code bins} triangles whose edges are equally spaced on the mel
 * scale between {@code fmin} and {@code fmax}.
 *
 * @param fmax       upper edge in Hz; zero or negative means that much below Nyquist (Kaldi's
 *                   convention), so one spec serves any sample rate
 * @param slaneyNorm scale each triangle by 2 / (its width in Hz), giving equal area (librosa's
 *                   {@code norm="slaney"}); off leaves peaks at 1 (torchaudio's default, HTK)
 */
public record MelFilterbank(int bins, double fmin, double fmax, MelScale scale, boolean slaneyNorm) {

    public MelFilterbank {
        if (bins <= 0) {
            throw new IllegalArgumentException("bins must be > 0, got " + bins);
        }
        if (!(fmin >= 0)) {
            throw new IllegalArgumentException("fmin must be >= 0 Hz, got " + fmin);
        }
        if (!Double.isFinite(fmax)) {
            throw new IllegalArgumentException("fmax must be finite, got " + fmax);
        }
        if (scale == null) {
            throw new IllegalArgumentException("mel_scale must be set");
        }
    }

    /** The upper edge at this sample rate, after checking it against fmin and Nyquist. */
    public double upperEdge(int sampleRate) {
        double nyquist = sampleRate / 2.0;
        double top = fmax > 0 ? fmax : nyquist + fmax;
        if (top > nyquist) {
            throw new IllegalArgumentException("fmax (" + fmax + " Hz) must be <= sample_rate/2 (" + nyquist + " Hz)");
        }
        if (top <= fmin) {
            throw new IllegalArgumentException("fmin (" + fmin + " Hz) must be below fmax (" + top + " Hz)");
        }
        return top;
    }

    /** Dense weights [bin][fft/2 + 1], computed in double and rounded once. */
    public float[][] weights(int sampleRate, int fft) {
        double top = upperEdge(sampleRate);
        int freqs = fft / 2 + 1;
        double melLow = scale.toMel(fmin);
        double melStep = (scale.toMel(top) - melLow) / (bins + 1);
        double[] edgeMel = new double[bins + 2];
        double[] edgeHz = new double[bins + 2];
        for (int i = 0; i < bins + 2; i++) {
            edgeMel[i] = melLow + i * melStep;
            edgeHz[i] = scale.toHz(edgeMel[i]);
        }
        boolean inMel = scale.trianglesInMel();
        double[] edges = inMel ? edgeMel : edgeHz;
        float[][] w = new float[bins][freqs];
        for (int k = 0; k < freqs; k++) {
            double hz = (double) k * sampleRate / fft;
            double x = inMel ? scale.toMel(hz) : hz;
            for (int m = 0; m < bins; m++) {
                double up = (x - edges[m]) / (edges[m + 1] - edges[m]);
                double down = (edges[m + 2] - x) / (edges[m + 2] - edges[m + 1]);
                double v = Math.max(0.0, Math.min(up, down));
                if (slaneyNorm) {
                    v *= 2.0 / (edgeHz[m + 2] - edgeHz[m]);
                }
                w[m][k] = (float) v;
            }
        }
        return w;
    }

    /** The same weights stored band by band from the first to the last non-zero bin. */
    Sparse sparse(int sampleRate, int fft) {
        float[][] dense = weights(sampleRate, fft);
        int[] first = new int[bins];
        float[][] taps = new float[bins][];
        for (int m = 0; m < bins; m++) {
            int lo = 0;
            int hi = dense[m].length - 1;
            while (lo <= hi && dense[m][lo] == 0f) {
                lo++;
            }
            while (hi >= lo && dense[m][hi] == 0f) {
                hi--;
            }
            first[m] = lo;
            taps[m] = java.util.Arrays.copyOfRange(dense[m], lo, hi + 1);
        }
        return new Sparse(first, taps);
    }

    /** Band m covers bins first[m] .. first[m] + taps[m].length - 1; most of the matrix is zeros. */
    record Sparse(int[] first, float[][] taps) {
        void apply(float[] spectrum, float[] out) {
            for (int m = 0; m < first.length; m++) {
                float[] t = taps[m];
                int f = first[m];
                float s = 0f;
                for (int i = 0; i < t.length; i++) {
                    s += t[i] * spectrum[f + i];
                }
                out[m] = s;
            }
        }
    }
}
