package org.seqlab.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.seqlab.io.AtomicFile;

/**
 * Features on disk, so that a second epoch or a second run reads instead of recomputing.
 * Corpora use it by default: {@code org.seqlab.data.Corpus} decides where it lives (under the
 * data folder, see {@code org.seqlab.data.DataHome#features}) and which corpus id it is given
 * (name plus recipe hash, so a rebuilt corpus never meets its old features); this class only
 * knows ids, extractors and files.
 *
 * <p>Layout: {@code root/<corpus>/<first 16 hex digits of sha256(cache key)>/<utterance>.feat}
 * where the cache key is the extractor's {@link FeatureExtractor#key()}, the sample rate and
 * {@link #ALGORITHM}, plus {@code key.txt} in each extractor folder holding the full key for
 * people. Any change of an extractor setting changes the key and so the folder; the full key is
 * also stored in every file and checked, so a hash collision or a moved file cannot serve wrong
 * features.
 *
 * <p>File format (little-endian): magic {@code SQLF}, int version 1, int frames, int dims,
 * int key length, the key in UTF-8, frames x dims float32, then the CRC32 of everything before
 * it. Files are written to a temporary name in the same folder and renamed, so a crash never
 * leaves a half-written file under the final name.
 */
public final class FeatureCache {
    static final int MAGIC = 0x464c5153; // "SQLF" read little-endian
    static final int VERSION = 1;
    /**
     * Bumped whenever a change in this package alters the features some unchanged spec produces,
     * so that caches made by an older Seqlab are not served as current.
     */
    static final int ALGORITHM = 1;
    private static final String SUFFIX = ".feat";

    /** Loads one utterance's samples; called only on a cache miss. */
    @FunctionalInterface
    public interface AudioLoader {
        float[] load() throws IOException;
    }

    private final Path root;

    public FeatureCache(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Cached features of one utterance, computing and storing them on a miss. */
    public float[][] get(String corpus, String utterance, FeatureExtractor extractor, int sampleRate,
                         AudioLoader audio) throws IOException {
        Path file = file(corpus, utterance, extractor, sampleRate);
        String key = cacheKey(extractor, sampleRate);
        float[][] cached = read(file, key);
        if (cached != null) {
            return cached;
        }
        float[][] features = extractor.extract(audio.load(), sampleRate);
        write(file, key, features);
        return features;
    }

    /** Where an utterance's features live; the file need not exist. */
    public Path file(String corpus, String utterance, FeatureExtractor extractor, int sampleRate) {
        return root.resolve(safeName(corpus, "corpus")).resolve(hash(cacheKey(extractor, sampleRate)))
                .resolve(safeName(utterance, "utterance") + SUFFIX);
    }

    /**
     * What a cached file must have been made with: the extractor's key, the rate the audio was
     * resampled to (a plain extractor's key need not name it) and the algorithm generation.
     */
    static String cacheKey(FeatureExtractor extractor, int sampleRate) {
        return extractor.key() + " rate " + sampleRate + " features-v" + ALGORITHM;
    }

    /** The features stored at {@code file}, or null if there is none; corrupt files fail naming the file. */
    static float[][] read(Path file, String expectedKey) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        String where = "feature cache file " + file;
        if (bytes.length < 24) {
            throw new IOException(where + " is truncated: " + bytes.length + " bytes, shorter than an empty feature file (24)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) {
            throw new IOException(where + " is not a Seqlab feature file (bad magic)");
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new IOException(where + " has version " + version + ", this Seqlab reads version " + VERSION);
        }
        int frames = b.getInt();
        int dims = b.getInt();
        int keyLength = b.getInt();
        if (frames < 0 || dims < 0 || keyLength < 0) {
            throw new IOException(where + " has a corrupt header (frames " + frames + ", dims " + dims + ")");
        }
        long expectedSize = 20L + keyLength + 4L * frames * dims + 4;
        if (bytes.length != expectedSize) {
            throw new IOException(where + " has " + bytes.length + " bytes but its header (frames " + frames
                    + ", dims " + dims + ") implies " + expectedSize + "; it is truncated or corrupt, delete it");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IOException(where + " fails its checksum; it is corrupt, delete it");
        }
        String key = new String(bytes, 20, keyLength, StandardCharsets.UTF_8);
        if (!key.equals(expectedKey)) {
            throw new IOException(where + " holds features for '" + key + "', not '" + expectedKey + "'");
        }
        b.position(20 + keyLength);
        float[][] out = new float[frames][dims];
        for (float[] row : out) {
            b.asFloatBuffer().get(row);
            b.position(b.position() + 4 * dims);
        }
        return out;
    }

    static void write(Path file, String key, float[][] features) throws IOException {
        int frames = features.length;
        int dims = frames == 0 ? 0 : features[0].length;
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(20 + keyBytes.length + 4 * frames * dims + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putInt(frames).putInt(dims).putInt(keyBytes.length).put(keyBytes);
        for (int t = 0; t < frames; t++) {
            if (features[t].length != dims) {
                throw new IllegalArgumentException("frame " + t + " has " + features[t].length + " values, frame 0 has "
                        + dims + "; cannot cache ragged features for " + file);
            }
            for (float v : features[t]) {
                b.putFloat(v);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("key.txt");
        if (!Files.exists(keyFile)) {
            AtomicFile.writeString(keyFile, AtomicFile.Durability.UNSYNCED, key + "\n");
        }
        AtomicFile.write(file, AtomicFile.Durability.UNSYNCED, b.array());
    }

    /**
     * Ids become file names: letters, digits, '.', '-', '_' and '@' are kept, anything else (path
     * separators included) becomes %XX of its UTF-8 bytes, so distinct ids stay distinct and no
     * id can leave its folder.
     */
    static String safeName(String id, String what) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " id must not be empty");
        }
        if (id.equals(".") || id.equals("..")) {
            return id.replace(".", "%2E");
        }
        StringBuilder b = new StringBuilder();
        for (byte raw : id.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_' || c == '@') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    static String hash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
