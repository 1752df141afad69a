package org.seqlab.features;

/** How filterbank energies are compressed before use. */
public enum Compression {
    /** Linear energies, as torchaudio's MelSpectrogram and librosa's melspectrogram return them. */
    NONE,
    /** Natural log of max(x, floor): Kaldi fbank and most ASR recipes. */
    LOG,
    /**
     * Decibels as torchaudio's AmplitudeToDB and librosa's power_to_db: 10 log10(max(x, floor))
     * for power (20 log10 for magnitude), then optionally clipped to top_db below the utterance's peak.
     */
    DB
}
