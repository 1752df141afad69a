package org.seqlab.features;

/**
 * How frames are laid over the signal. The centred modes are torch.stft's {@code center=True}
 * (frame t is centred on sample t * hop, so there are 1 + length / hop frames); snip-edges is
 * Kaldi's default (frames start at t * hop and must fit inside the signal).
 */
public enum Framing {
    /** Centred, the signal mirrored at the ends: torch.stft and torchaudio's default. */
    CENTER_REFLECT,
    /** Centred, zeros beyond the ends: librosa >= 0.10's default ({@code pad_mode="constant"}). */
    CENTER_ZERO,
    /** Kaldi's snip-edges: no padding, symmetric windows, the last partial frame dropped. */
    SNIP_EDGES;

    boolean centred() {
        return this != SNIP_EDGES;
    }

    boolean periodicWindow() {
        return centred();
    }
}
