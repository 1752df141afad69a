package org.seqlab.audio;

/** Sample encodings a WAV file can hold; all are read, and all can be written for round trips. */
public enum SampleFormat {
    PCM_U8(8, false),
    PCM_16(16, false),
    PCM_24(24, false),
    PCM_32(32, false),
    FLOAT_32(32, true),
    FLOAT_64(64, true);

    private final int bits;
    private final boolean floating;

    SampleFormat(int bits, boolean floating) {
        this.bits = bits;
        this.floating = floating;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / 8;
    }

    public boolean isFloat() {
        return floating;
    }

    /** The format for a WAV {@code fmt } chunk's tag and bit depth, or null if there is none. */
    static SampleFormat of(boolean floating, int bits) {
        for (SampleFormat f : values()) {
            if (f.floating == floating && f.bits == bits) {
                return f;
            }
        }
        return null;
    }
}
