package org.seqlab.features;

/**
 * Turns a mono waveform into a feature matrix. Datasets take one of these so that a notebook
 * and a YAML config name the same features; {@link #key()} identifies the settings in the
 * on-disk feature cache, so changing any setting never reuses stale features.
 */
public interface FeatureExtractor {
    /** Features for one signal, indexed [frame][coefficient]. */
    float[][] extract(float[] signal, int sampleRate);

    /** Number of coefficients per frame. */
    int dimension();

    /** A stable string that changes whenever any setting that affects the output changes. */
    String key();
}
