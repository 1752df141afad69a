package org.seqlab.features;

/**
 * Per-utterance mean and variance normalisation (CMVN), which removes a recording's channel and
 * level from its features without needing corpus statistics. For corpus-wide statistics see
 * {@link GlobalStats}.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * Each coefficient shifted to mean 0 and, when {@code variance} is set, scaled to unit
     * variance over the utterance's frames; a constant coefficient is only centred. Returns a new array.
     */
    public static float[][] perUtterance(float[][] features, boolean variance) {
        if (features.length == 0) {
            return new float[0][];
        }
        int dims = features[0].length;
        double[] sum = new double[dims];
        double[] sumSquares = new double[dims];
        for (int t = 0; t < features.length; t++) {
            if (features[t].length != dims) {
                throw new IllegalArgumentException("frame " + t + " has " + features[t].length
                        + " coefficients, frame 0 has " + dims);
            }
            for (int c = 0; c < dims; c++) {
                sum[c] += features[t][c];
            }
        }
        int n = features.length;
        double[] mean = new double[dims];
        for (int c = 0; c < dims; c++) {
            mean[c] = sum[c] / n;
        }
        for (float[] row : features) {
            for (int c = 0; c < dims; c++) {
                double d = row[c] - mean[c];
                sumSquares[c] += d * d;
            }
        }
        double[] scale = new double[dims];
        for (int c = 0; c < dims; c++) {
            double std = Math.sqrt(sumSquares[c] / n);
            scale[c] = variance && std > 0 ? 1.0 / std : 1.0;
        }
        return GlobalStats.apply(features, mean, scale);
    }
}
