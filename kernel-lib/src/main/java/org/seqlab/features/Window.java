package org.seqlab.features;

/**
 * Analysis window shapes. torch.stft and librosa use periodic windows (denominator N), Kaldi
 * uses symmetric ones (denominator N - 1); {@link Framing} decides which, so that each preset
 * reproduces its reference without a separate knob.
 */
public enum Window {
    HANN,
    HAMMING,
    /** Kaldi's default: a symmetric Hann window raised to 0.85, always symmetric. */
    POVEY,
    RECTANGULAR;

    /** The window's {@code length} coefficients, computed in double and rounded once. */
    public float[] coefficients(int length, boolean periodic) {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + length);
        }
        float[] w = new float[length];
        if (length == 1) {
            w[0] = 1f; // torch and scipy both give a single 1
            return w;
        }
        double denominator = (periodic && this != POVEY) ? length : length - 1;
        for (int n = 0; n < length; n++) {
            double c = Math.cos(2 * Math.PI * n / denominator);
            double v = switch (this) {
                case HANN -> 0.5 - 0.5 * c;
                case HAMMING -> 0.54 - 0.46 * c;
                case POVEY -> Math.pow(0.5 - 0.5 * c, 0.85);
                case RECTANGULAR -> 1.0;
            };
            w[n] = (float) v;
        }
        return w;
    }
}
