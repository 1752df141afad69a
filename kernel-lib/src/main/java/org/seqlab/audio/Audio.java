package org.seqlab.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A decoded audio signal: one float array per channel in [-1, 1] and a sample rate. Models
 * and feature extractors want mono, so {@link #mono()} mixes down by averaging channels.
 */
public record Audio(float[][] channels, int sampleRate) {

    public Audio {
        if (channels.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        for (float[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length: " + c.length + " vs " + channels[0].length);
            }
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    public static Audio mono(float[] samples, int sampleRate) {
        return new Audio(new float[][] {samples}, sampleRate);
    }

    /** Reads WAV or FLAC, chosen by the file's magic bytes rather than its name. */
    public static Audio read(Path file) throws IOException {
        return AudioFiles.read(file);
    }

    public int channelCount() {
        return channels.length;
    }

    public int length() {
        return channels[0].length;
    }

    public double seconds() {
        return (double) length() / sampleRate;
    }

    /** The average of all channels (a copy-free view when already mono). */
    public float[] mono() {
        if (channels.length == 1) {
            return channels[0];
        }
        float[] out = new float[length()];
        for (float[] c : channels) {
            for (int i = 0; i < out.length; i++) {
                out[i] += c[i];
            }
        }
        float scale = 1f / channels.length;
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** Mono at the given rate; resamples only when the rate differs. */
    public float[] mono(int targetRate) {
        float[] m = mono();
        return targetRate == sampleRate ? m : Resampler.resample(m, sampleRate, targetRate);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Audio[%d ch, %d Hz, %.3f s]", channels.length, sampleRate, seconds());
    }
}
