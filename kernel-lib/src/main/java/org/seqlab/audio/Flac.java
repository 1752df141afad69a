package org.seqlab.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * FLAC decoding through jflac-codec (LibriSpeech ships FLAC). jflac reports damage loosely
 * (bad frames are counted, a short stream just ends), so the decoded length is checked
 * against the STREAMINFO total to turn truncation into an error that names the file.
 */
public final class Flac {
    private Flac() {
    }

    public static Audio read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 4 || bytes[0] != 'f' || bytes[1] != 'L' || bytes[2] != 'a' || bytes[3] != 'C') {
            throw new AudioFormatException(file, "bad header: not a FLAC stream (no 'fLaC' marker)");
        }
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes));
        Collector pcm = new Collector();
        decoder.addPCMProcessor(pcm);
        try {
            decoder.decode();
        } catch (IOException | RuntimeException e) {
            throw new AudioFormatException(file, "truncated or corrupt FLAC: " + e.getMessage(), e);
        }
        StreamInfo info = pcm.info != null ? pcm.info : decoder.getStreamInfo();
        if (info == null) {
            throw new AudioFormatException(file, "bad header: no STREAMINFO block");
        }
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        int bytesPerSample = (bits + 7) / 8;
        int frames = pcm.length / (bytesPerSample * channels);
        long expected = info.getTotalSamples();
        if (decoder.getBadFrames() > 0) {
            throw new AudioFormatException(file, "corrupt FLAC: " + decoder.getBadFrames() + " frames failed their checks");
        }
        if (expected > 0 && frames < expected) {
            throw new AudioFormatException(file, "truncated: decoded " + frames + " of " + expected + " samples");
        }
        float[][] out = new float[channels][frames];
        double scale = 1.0 / (1L << (bits - 1));
        byte[] d = pcm.data;
        int p = 0;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                int v;
                if (bytesPerSample == 1) {
                    v = (d[p] & 0xFF) - 128;
                } else {
                    v = 0;
                    for (int k = 0; k < bytesPerSample; k++) {
                        v |= (d[p + k] & 0xFF) << (8 * k);
                    }
                    int shift = 32 - 8 * bytesPerSample;
                    v = (v << shift) >> shift;
                }
                out[c][i] = (float) (v * scale);
                p += bytesPerSample;
            }
        }
        return new Audio(out, info.getSampleRate());
    }

    /** jflac hands little-endian interleaved PCM per frame, with 8-bit samples unsigned. */
    private static final class Collector implements PCMProcessor {
        StreamInfo info;
        byte[] data = new byte[1 << 16];
        int length;

        @Override
        public void processStreamInfo(StreamInfo streamInfo) {
            info = streamInfo;
        }

        @Override
        public void processPCM(ByteData pcm) {
            int n = pcm.getLen();
            if (length + n > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + n));
            }
            System.arraycopy(pcm.getData(), 0, data, length, n);
            length += n;
        }
    }
}
