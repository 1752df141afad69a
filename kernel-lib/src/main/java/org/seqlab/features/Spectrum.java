package org.seqlab.features;

/** What each frequency bin holds: |X| or |X|^2 (torchaudio's {@code power=1} or {@code power=2}). */
public enum Spectrum {
    MAGNITUDE,
    POWER
}
