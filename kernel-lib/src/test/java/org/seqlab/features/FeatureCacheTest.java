package org.seqlab.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureCacheTest {

    private static final float[] AUDIO = SpectrogramTest.sine(440, 16000, 8000, 0.3);

    /** Counts how often audio is loaded, which is how often features are computed. */
    private static final class CountingLoader implements FeatureCache.AudioLoader {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public float[] load() {
            calls.incrementAndGet();
            return AUDIO;
        }
    }

    @Test
    void secondRequestReadsInsteadOfRecomputing(@TempDir Path dir) throws IOException {
        FeatureCache cache = new FeatureCache(dir);
        CountingLoader loader = new CountingLoader();
        LogMel spec = LogMel.bins(64);
        float[][] first = cache.get("speech-words", "spk1/utt-001", spec, 16000, loader);
        float[][] second = cache.get("speech-words", "spk1/utt-001", spec, 16000, loader);
        assertEquals(1, loader.calls.get());
        assertArrayEquals(spec.extract(AUDIO, 16000), first);
        assertArrayEquals(first, second);
        // a new cache object on the same folder (a second run) still reads
        new FeatureCache(dir).get("speech-words", "spk1/utt-001", LogMel.bins(64), 16000, loader);
        assertEquals(1, loader.calls.get());
        // any other setting, corpus or utterance computes again
        cache.get("speech-words", "spk1/utt-001", spec.hop(320), 16000, loader);
        cache.get("lid", "spk1/utt-001", spec, 16000, loader);
        cache.get("speech-words", "spk1/utt-002", spec, 16000, loader);
        cache.get("speech-words", "spk1/utt-001", spec.sampleRate(8000), 8000, loader);
        assertEquals(5, loader.calls.get());
        Path file = cache.file("speech-words", "spk1/utt-001", spec, 16000);
        assertTrue(file.startsWith(dir.resolve("speech-words")));
        assertEquals("spk1%2Futt-001.feat", file.getFileName().toString());
        assertEquals(spec.key() + " rate 16000 features-v" + FeatureCache.ALGORITHM + "\n",
                Files.readString(file.resolveSibling("key.txt")));
        try (Stream<Path> all = Files.walk(dir)) {
            assertTrue(all.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary files are left");
        }
    }

    @Test
    void corruptFilesAreNamed(@TempDir Path dir) throws IOException {
        FeatureCache cache = new FeatureCache(dir);
        LogMel spec = LogMel.bins(16);
        cache.get("c", "u", spec, 16000, new CountingLoader());
        Path file = cache.file("c", "u", spec, 16000);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x10;
        Files.write(file, flipped);
        assertFails(cache, spec, file, "checksum");

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 10));
        assertFails(cache, spec, file, "truncated");

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(file, badMagic);
        assertFails(cache, spec, file, "magic");

        Files.write(file, new byte[3]);
        assertFails(cache, spec, file, "truncated");

        // the right file under another key: read() refuses it
        Files.write(file, good);
        IOException e = assertThrows(IOException.class, () -> FeatureCache.read(file, FeatureCache.cacheKey(LogMel.bins(17), 16000)));
        assertTrue(e.getMessage().contains(file.toString()));
    }

    private static void assertFails(FeatureCache cache, LogMel spec, Path file, String why) {
        IOException e = assertThrows(IOException.class, () -> cache.get("c", "u", spec, 16000, new CountingLoader()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void theSampleRateIsPartOfTheKeyEvenWhenTheExtractorDoesNotNameIt(@TempDir Path dir) throws IOException {
        FeatureExtractor rateBlind = new FeatureExtractor() {
            @Override
            public float[][] extract(float[] signal, int sampleRate) {
                return new float[][] {{signal.length}};
            }

            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public String key() {
                return "length";
            }
        };
        FeatureCache cache = new FeatureCache(dir);
        assertEquals(8000f, cache.get("c", "u", rateBlind, 16000, () -> new float[8000])[0][0]);
        assertEquals(4000f, cache.get("c", "u", rateBlind, 8000, () -> new float[4000])[0][0]);
        assertEquals(8000f, cache.get("c", "u", rateBlind, 16000, () -> new float[1])[0][0], "read, not recomputed");
    }

    @Test
    void idsCannotEscapeTheirFolder() {
        assertEquals("..%2F..%2Fetc", FeatureCache.safeName("../../etc", "utterance"));
        assertEquals("%2E%2E", FeatureCache.safeName("..", "corpus"));
        assertEquals("caf%C3%A9", FeatureCache.safeName("café", "utterance"));
        assertEquals("tiny@0123", FeatureCache.safeName("tiny@0123", "corpus"));
        assertEquals("a%25b", FeatureCache.safeName("a%b", "corpus"));
        SpectrogramTest.assertMessage(() -> FeatureCache.safeName("", "corpus"), "corpus");
    }
}
