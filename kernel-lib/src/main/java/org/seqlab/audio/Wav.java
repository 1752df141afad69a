package org.seqlab.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seqlab.io.AtomicFile;

/**
 * WAV (RIFF/WAVE) reading and writing. Reads PCM 8/16/24/32-bit, IEEE float 32/64 and
 * WAVE_FORMAT_EXTENSIBLE with either subformat; skips unknown chunks. Writing goes through
 * a temporary file and an atomic rename so a crash never leaves a short WAV that looks whole.
 */
public final class Wav {
    private static final int TAG_PCM = 1;
    private static final int TAG_FLOAT = 3;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** The tail shared by the KSDATAFORMAT_SUBTYPE GUIDs after their first two bytes. */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
        0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private Wav() {
    }

    public static Audio read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file);
    }

    /** Decodes WAV bytes; {@code file} is only used to name the source in errors. */
    public static Audio decode(byte[] bytes, Path file) throws AudioFormatException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw new AudioFormatException(file, "truncated: " + bytes.length + " bytes, shorter than a RIFF header");
        }
        if (!tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw new AudioFormatException(file, "bad header: not a RIFF/WAVE file (starts with '" + printable(bytes, 0, 4) + "')");
        }
        int pos = 12;
        int channels = 0;
        int rate = 0;
        SampleFormat format = null;
        while (pos + 8 <= bytes.length) {
            String id = tag(bytes, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new AudioFormatException(file, "bad header: fmt chunk of " + size + " bytes is too short");
                }
                int tag = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14) & 0xFFFF;
                if (tag == TAG_EXTENSIBLE) {
                    if (size < 40 || body + 40 > bytes.length) {
                        throw new AudioFormatException(file, "bad header: WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size + " bytes, need 40");
                    }
                    tag = b.getShort(body + 24) & 0xFFFF;
                    for (int i = 0; i < GUID_TAIL.length; i++) {
                        if (bytes[body + 26 + i] != GUID_TAIL[i]) {
                            throw new AudioFormatException(file, "unsupported format: WAVE_FORMAT_EXTENSIBLE with an unknown subformat GUID");
                        }
                    }
                }
                if (tag != TAG_PCM && tag != TAG_FLOAT) {
                    throw new AudioFormatException(file, "unsupported format: WAV format tag 0x" + Integer.toHexString(tag)
                            + " (only PCM 0x1, IEEE float 0x3 and extensible are read)");
                }
                format = SampleFormat.of(tag == TAG_FLOAT, bits);
                if (format == null) {
                    throw new AudioFormatException(file, "unsupported format: " + bits + "-bit " + (tag == TAG_FLOAT ? "float" : "PCM"));
                }
                if (channels == 0 || rate <= 0) {
                    throw new AudioFormatException(file, "bad header: " + channels + " channels at " + rate + " Hz");
                }
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new AudioFormatException(file, "bad header: data chunk before fmt chunk");
                }
                long available = bytes.length - body;
                if (size == 0xFFFFFFFFL) {
                    size = available - available % ((long) format.bytes() * channels); // streamed: length unknown
                }
                if (size > available) {
                    throw new AudioFormatException(file, "truncated: data chunk declares " + size + " bytes but only "
                            + available + " follow");
                }
                int frameBytes = format.bytes() * channels;
                if (size % frameBytes != 0) {
                    throw new AudioFormatException(file, "truncated: data chunk of " + size + " bytes is not a whole number of "
                            + frameBytes + "-byte frames");
                }
                return new Audio(samples(b, body, (int) (size / frameBytes), channels, format), rate);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new AudioFormatException(file, format == null ? "bad header: no fmt chunk" : "truncated: no data chunk");
    }

    private static float[][] samples(ByteBuffer b, int start, int frames, int channels, SampleFormat f) {
        float[][] out = new float[channels][frames];
        int p = start;
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = switch (f) {
                    case PCM_U8 -> ((b.get(p) & 0xFF) - 128) / 128f;
                    case PCM_16 -> b.getShort(p) / 32768f;
                    case PCM_24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16) / 8388608f;
                    case PCM_32 -> (float) (b.getInt(p) / 2147483648.0);
                    case FLOAT_32 -> b.getFloat(p);
                    case FLOAT_64 -> (float) b.getDouble(p);
                };
                p += f.bytes();
            }
        }
        return out;
    }

    /**
     * The duration in seconds from the header alone (the fmt chunk's rate and frame size, the
     * data chunk's size), so that a corpus' clip lengths are known without decoding its audio.
     * A data chunk longer than the file (or of unknown size, 0xFFFFFFFF) counts what is there;
     * {@link #read} is what reports a truncated file.
     */
    public static double seconds(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long length = ch.size();
            ByteBuffer riff = chunk(ch, 0, 12, file);
            if (!tag(riff.array(), 0).equals("RIFF") || !tag(riff.array(), 8).equals("WAVE")) {
                throw new AudioFormatException(file, "bad header: not a RIFF/WAVE file");
            }
            long pos = 12;
            int rate = 0;
            int frameBytes = 0;
            while (pos + 8 <= length) {
                ByteBuffer head = chunk(ch, pos, 8, file);
                String id = tag(head.array(), 0);
                long size = Integer.toUnsignedLong(head.getInt(4));
                long body = pos + 8;
                if (id.equals("fmt ")) {
                    ByteBuffer fmt = chunk(ch, body, 16, file);
                    int channels = fmt.getShort(2) & 0xFFFF;
                    rate = fmt.getInt(4);
                    frameBytes = channels * (((fmt.getShort(14) & 0xFFFF) + 7) / 8);
                } else if (id.equals("data")) {
                    if (rate <= 0 || frameBytes <= 0) {
                        throw new AudioFormatException(file, "bad header: no usable fmt chunk before the data chunk");
                    }
                    return (Math.min(size, length - body) / frameBytes) / (double) rate;
                }
                pos = body + size + (size & 1);
            }
            throw new AudioFormatException(file, "truncated: no data chunk");
        }
    }

    private static ByteBuffer chunk(FileChannel ch, long pos, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new AudioFormatException(file, "truncated: header ends at byte " + (pos + b.position()));
            }
        }
        return b;
    }

    public static void write(Path file, Audio audio) throws IOException {
        write(file, audio, SampleFormat.PCM_16, false);
    }

    /**
     * Writes {@code audio} in the given format; PCM is clipped to [-1, 1) and rounded.
     * {@code extensible} writes a WAVE_FORMAT_EXTENSIBLE header, as tools do for more than
     * two channels or more than 16 bits.
     */
    public static void write(Path file, Audio audio, SampleFormat format, boolean extensible) throws IOException {
        byte[] bytes = encode(audio, format, extensible);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFile.write(file, AtomicFile.Durability.UNSYNCED, bytes);
    }

    public static byte[] encode(Audio audio, SampleFormat format, boolean extensible) {
        int channels = audio.channelCount();
        int frames = audio.length();
        int dataBytes = frames * channels * format.bytes();
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + dataBytes + (dataBytes & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        int tag = format.isFloat() ? TAG_FLOAT : TAG_PCM;
        b.put("fmt ".getBytes()).putInt(fmtSize);
        b.putShort((short) (extensible ? TAG_EXTENSIBLE : tag)).putShort((short) channels).putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * channels * format.bytes()).putShort((short) (channels * format.bytes()))
                .putShort((short) format.bits());
        if (extensible) {
            b.putShort((short) 22).putShort((short) format.bits()).putInt(channels <= 2 ? (1 << channels) - 1 : 0);
            b.putShort((short) tag).put(GUID_TAIL);
        }
        b.put("data".getBytes()).putInt(dataBytes);
        float[][] ch = audio.channels();
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                float v = ch[c][i];
                switch (format) {
                    case PCM_U8 -> b.put((byte) (quantize(v, 128) + 128));
                    case PCM_16 -> b.putShort((short) quantize(v, 32768));
                    case PCM_24 -> {
                        long q = quantize(v, 8388608);
                        b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
                    }
                    case PCM_32 -> b.putInt((int) quantize(v, 2147483648L));
                    case FLOAT_32 -> b.putFloat(v);
                    case FLOAT_64 -> b.putDouble(v);
                }
            }
        }
        return b.array();
    }

    private static long quantize(float v, long full) {
        long q = Math.round((double) v * full);
        return Math.max(-full, Math.min(full - 1, q));
    }

    private static String tag(byte[] bytes, int pos) {
        return new String(bytes, pos, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] bytes, int pos, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = pos; i < Math.min(bytes.length, pos + n); i++) {
            char c = (char) (bytes[i] & 0xFF);
            s.append(c >= 32 && c < 127 ? c : '?');
        }
        return s.toString();
    }
}
