package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqlab.experiment.spec.ParamReader;

/**
 * Appends time derivatives to another extractor's features: [x, d x, d d x, ...] per frame,
 * each delta by torchaudio's {@code compute_deltas} regression (edges replicated), higher
 * orders by applying it again, as torchaudio users do.
 */
public record Deltas(FeatureSpec base, int order, int window) implements FeatureSpec {

    public static final String NAME = "deltas";

    public Deltas {
        if (base == null) {
            throw new IllegalArgumentException("base extractor must be set");
        }
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1, got " + order);
        }
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be odd and >= 3, got " + window);
        }
    }

    /** Deltas and delta-deltas over 5 frames, torchaudio's default window. */
    public static Deltas of(FeatureSpec base) {
        return new Deltas(base, 2, 5);
    }

    public Deltas order(int v) {
        return new Deltas(base, v, window);
    }

    public Deltas window(int v) {
        return new Deltas(base, order, v);
    }

    /**
     * d[t] = sum_{k=1..n} k (x[t+k] - x[t-k]) / (2 sum k^2), n = (window - 1) / 2, indices
     * clamped to the utterance: torchaudio's formula with replicate padding.
     */
    public static float[][] compute(float[][] x, int window) {
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be odd and >= 3, got " + window);
        }
        int n = (window - 1) / 2;
        double denominator = n * (n + 1) * (2.0 * n + 1) / 3.0;
        int frames = x.length;
        float[][] d = new float[frames][];
        for (int t = 0; t < frames; t++) {
            int dims = x[t].length;
            d[t] = new float[dims];
            for (int c = 0; c < dims; c++) {
                double s = 0;
                for (int k = 1; k <= n; k++) {
                    s += k * ((double) x[Math.min(t + k, frames - 1)][c] - x[Math.max(t - k, 0)][c]);
                }
                d[t][c] = (float) (s / denominator);
            }
        }
        return d;
    }

    @Override
    public float[][] extract(float[] signal, int sampleRate) {
        float[][] current = base.extract(signal, sampleRate);
        int dims = base.dimension();
        float[][] out = new float[current.length][dims * (order + 1)];
        for (int o = 0; o <= order; o++) {
            if (o > 0) {
                current = compute(current, window);
            }
            for (int t = 0; t < current.length; t++) {
                System.arraycopy(current[t], 0, out[t], o * dims, dims);
            }
        }
        return out;
    }

    @Override
    public int dimension() {
        return base.dimension() * (order + 1);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", NAME);
        m.put("order", order);
        m.put("window", window);
        m.put("of", base.toMap());
        return m;
    }

    static Deltas read(ParamReader p) {
        FeatureSpec base = Features.fromMap(p.nested("of"));
        return new Deltas(base, p.integer("order", 2), p.integer("window", 5));
    }
}
