package org.seqlab.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens an audio file by its magic bytes, so a misnamed file still decodes or fails clearly. */
public final class AudioFiles {
    private AudioFiles() {
    }

    public static Audio read(Path file) throws IOException {
        return magic(file).equals("fLaC") ? Flac.read(file) : Wav.read(file);
    }

    /**
     * The duration in seconds: a WAV's from its header alone ({@link Wav#seconds}), a FLAC's by
     * decoding it (FLAC corpora are speech, not the long clips whose lengths are asked for).
     */
    public static double seconds(Path file) throws IOException {
        return magic(file).equals("fLaC") ? Flac.read(file).seconds() : Wav.seconds(file);
    }

    /** "fLaC" or "RIFF"; anything else fails naming the file. */
    private static String magic(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new AudioFormatException(file, "no such file");
        }
        if (n == 0) {
            throw new AudioFormatException(file, "truncated: empty file");
        }
        String magic = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (magic.equals("fLaC") || magic.equals("RIFF")) {
            return magic;
        }
        throw new AudioFormatException(file, "unsupported format: neither WAV (RIFF) nor FLAC (fLaC) magic bytes");
    }

    /** True for the file names corpora use for audio. */
    public static boolean isAudioName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".flac");
    }
}
