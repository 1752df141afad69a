package org.seqlab.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.display.ProgressInterruptedException;

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
        assertEquals(4, loader.calls.get());
        Path file = cache.file("speech-words", "spk1/utt-001", spec);
        assertTrue(file.startsWith(dir.resolve("speech-words")));
        assertEquals("spk1%2Futt-001.feat", file.getFileName().toString());
        assertEquals(spec.key() + " features-v" + FeatureCache.ALGORITHM + "\n",
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
        Path file = cache.file("c", "u", spec);
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
        IOException e = assertThrows(IOException.class, () -> FeatureCache.read(file, FeatureCache.cacheKey(LogMel.bins(17))));
        assertTrue(e.getMessage().contains(file.toString()));
    }

    private static void assertFails(FeatureCache cache, LogMel spec, Path file, String why) {
        IOException e = assertThrows(IOException.class, () -> cache.get("c", "u", spec, 16000, new CountingLoader()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void prepareFillsTheCacheOnceAndReturnsCorpusStatistics(@TempDir Path dir) throws IOException {
        FeatureCache cache = new FeatureCache(dir);
        AtomicInteger loads = new AtomicInteger();
        FeatureCache.CorpusAudio audio = id -> {
            loads.incrementAndGet();
            return SpectrogramTest.sine(200 + 100 * id.length(), 16000, 4000 + 800 * id.length(), 0.2);
        };
        List<String> ids = List.of("a", "bb", "ccc");
        Mfcc spec = Mfcc.coefficients(13);
        GlobalStats first = cache.prepare("toy", ids, spec, 16000, audio);
        assertEquals(3, loads.get());
        GlobalStats second = cache.prepare("toy", ids, spec, 16000, audio);
        assertEquals(3, loads.get(), "second pass reads the cache");
        GlobalStats direct = new GlobalStats(13);
        for (String id : ids) {
            direct.add(spec.extract(audio.load(id), 16000));
        }
        assertEquals(direct, first);
        assertEquals(first, second);

        Thread.currentThread().interrupt();
        try {
            assertThrows(ProgressInterruptedException.class, () -> cache.prepare("toy2", ids, spec, 16000, audio));
        } finally {
            Thread.interrupted();
        }
        assertTrue(loads.get() <= 3 + 3 + 1, "an interrupted pass stops after at most one utterance");
    }

    @Test
    void idsCannotEscapeTheirFolder() {
        assertEquals("..%2F..%2Fetc", FeatureCache.safeName("../../etc", "utterance"));
        assertEquals("%2E%2E", FeatureCache.safeName("..", "corpus"));
        assertEquals("caf%C3%A9", FeatureCache.safeName("café", "utterance"));
        SpectrogramTest.assertMessage(() -> FeatureCache.safeName("", "corpus"), "corpus");
    }
}
