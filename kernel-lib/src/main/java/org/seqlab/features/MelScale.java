package org.seqlab.features;

/**
 * Mel scales and where their triangles are drawn. HTK and Slaney draw triangles linear in Hz
 * between mel-spaced edges (torchaudio and librosa); Kaldi uses HTK's formula but draws the
 * triangles linear in mel, which shifts every weight slightly, so it is a scale of its own.
 */
public enum MelScale {
    /** 2595 log10(1 + f / 700): torchaudio's default. */
    HTK,
    /** Linear below 1 kHz, logarithmic above (Auditory Toolbox): librosa's default. */
    SLANEY,
    /** 1127 ln(1 + f / 700) (the HTK curve) with triangles in the mel domain, as Kaldi. */
    KALDI;

    private static final double SLANEY_F_SP = 200.0 / 3;
    private static final double SLANEY_MIN_LOG_HZ = 1000.0;
    private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

    public double toMel(double hz) {
        return switch (this) {
            case HTK -> 2595.0 * Math.log10(1.0 + hz / 700.0);
            case KALDI -> 1127.0 * Math.log(1.0 + hz / 700.0);
            case SLANEY -> hz < SLANEY_MIN_LOG_HZ ? hz / SLANEY_F_SP
                    : SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
        };
    }

    public double toHz(double mel) {
        return switch (this) {
            case HTK -> 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
            case KALDI -> 700.0 * (Math.exp(mel / 1127.0) - 1.0);
            case SLANEY -> mel < SLANEY_MIN_LOG_MEL ? mel * SLANEY_F_SP
                    : SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
        };
    }

    boolean trianglesInMel() {
        return this == KALDI;
    }
}
