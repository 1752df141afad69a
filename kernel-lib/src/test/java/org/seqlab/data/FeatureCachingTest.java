package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.data.batch.Sequence;
import org.seqlab.display.ProgressInterruptedException;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.features.GlobalStats;

/**
 * End to end: a corpus generated into a temporary data folder, features through
 * {@code Corpus.features(...)} with an extractor that counts its calls. The count is the oracle
 * for "not recomputed"; features computed directly from the decoded audio are the oracle for
 * what the cache returns.
 */
class FeatureCachingTest {
    @TempDir
    Path data;

    @AfterEach
    void clearSetting() {
        System.clearProperty(DataHome.FEATURES_PROPERTY);
    }

    /** Frame energies with a settable hop, counting calls across threads (prefetch extracts in the background). */
    static final class CountingEnergy implements FeatureExtractor {
        final AtomicInteger calls = new AtomicInteger();
        final int hopMs;

        CountingEnergy(int hopMs) {
            this.hopMs = hopMs;
        }

        @Override
        public float[][] extract(float[] signal, int sampleRate) {
            calls.incrementAndGet();
            int hop = sampleRate * hopMs / 1000;
            float[][] out = new float[signal.length / hop][2];
            for (int t = 0; t < out.length; t++) {
                for (int i = 0; i < hop; i++) {
                    float x = signal[t * hop + i];
                    out[t][0] += x * x;
                    out[t][1] = Math.max(out[t][1], Math.abs(x));
                }
            }
            return out;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String key() {
            return "energy-peak{hop_ms=" + hopMs + "}";
        }
    }

    /** A fresh registry on the same data folder: what a second JVM would see. */
    private Corpus fresh(long seed) {
        return CorpusTest.tiny(data, seed);
    }

    private static List<float[][]> features(List<Sequence<Example>> seqs) {
        return seqs.stream().map(s -> s.frames()).toList();
    }

    @Test
    void aSecondPassAndASecondRunReadInsteadOfRecomputing() throws Exception {
        CountingEnergy fx = new CountingEnergy(10);
        Corpus corpus = fresh(1);
        FeatureSplit train = corpus.features(fx).split("train");
        List<Sequence<Example>> first = train.sequences();
        assertEquals(2, first.size());
        assertEquals(2, fx.calls.get());

        Split decoded = corpus.split("train");
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(new CountingEnergy(10).extract(decoded.signal(decoded.get(i), Split.DEFAULT_RATE),
                    Split.DEFAULT_RATE), first.get(i).frames(), "the cache returns what the extractor made");
        }

        // second epoch: same objects, and a batcher on its prefetch thread
        train.sequences();
        int batched = 0;
        try (var batches = train.batcher(1).seed(3).prefetch(0, 2)) {
            while (batches.hasNext()) {
                batched += batches.next().size();
            }
        }
        assertEquals(2, batched);
        assertEquals(2, fx.calls.get(), "second epoch read the cache");

        // second run: new registry, corpus, extractor object, either way of asking
        CountingEnergy again = new CountingEnergy(10);
        Corpus reopened = fresh(1);
        List<Sequence<Example>> second = reopened.features(again).split("train").sequences();
        reopened.split("train").features(again).get(1);
        assertEquals(0, again.calls.get(), "a second run read the cache");
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i).frames(), second.get(i).frames());
        }
        try (Stream<Path> files = Files.walk(data.resolve(DataHome.FEATURES))) {
            assertEquals(2, files.filter(p -> p.toString().endsWith(".feat")).count());
        }
    }

    @Test
    void aChangedSettingOrARebuiltCorpusRecomputes() throws Exception {
        CountingEnergy tenMs = new CountingEnergy(10);
        List<float[][]> ten = features(fresh(1).features(tenMs).split("validation").sequences());
        assertEquals(2, tenMs.calls.get());

        CountingEnergy twentyMs = new CountingEnergy(20);
        List<float[][]> twenty = features(fresh(1).features(twentyMs).split("validation").sequences());
        assertEquals(2, twentyMs.calls.get(), "another hop is another key");
        assertEquals(ten.get(0).length / 2, twenty.get(0).length);

        // same name, other seed: the corpus is rebuilt in place, its features must not be the old ones
        CountingEnergy rebuilt = new CountingEnergy(10);
        Corpus other = fresh(2);
        FeatureSplit val = other.features(rebuilt).split("validation");
        List<float[][]> reseeded = features(val.sequences());
        assertEquals(2, rebuilt.calls.get(), "a rebuilt corpus has another recipe");
        assertFalse(java.util.Arrays.deepEquals(ten.get(0), reseeded.get(0)), "other seed, other audio");
        assertTrue(val.cacheFile(0).orElseThrow().toString().contains("tiny@" + other.recipe().substring(0, 16)));
    }

    @Test
    void theCacheCanBeMovedOrTurnedOff() throws Exception {
        Path elsewhere = data.resolve("elsewhere");
        System.setProperty(DataHome.FEATURES_PROPERTY, elsewhere.toString());
        CountingEnergy fx = new CountingEnergy(10);
        FeatureSplit moved = fresh(1).features(fx).split("validation");
        moved.sequences();
        assertTrue(moved.cacheFile(0).orElseThrow().startsWith(elsewhere));
        assertTrue(Files.isRegularFile(moved.cacheFile(0).orElseThrow()));
        assertFalse(Files.exists(data.resolve(DataHome.FEATURES)), "nothing under the default folder");
        fresh(1).features(fx).split("validation").sequences();
        assertEquals(2, fx.calls.get());

        System.setProperty(DataHome.FEATURES_PROPERTY, "OFF");
        FeatureSplit off = fresh(1).features(fx).split("validation");
        assertTrue(off.cacheFile(0).isEmpty());
        off.sequences();
        off.sequences();
        assertEquals(2 + 4, fx.calls.get(), "without a cache every request computes");
    }

    @Test
    void prepareFillsTheCacheAndGivesTrainingStatistics() throws Exception {
        CountingEnergy fx = new CountingEnergy(10);
        FeatureSplit train = fresh(1).features(fx).split("train");
        GlobalStats stats = train.prepare();
        assertEquals(2, fx.calls.get());

        GlobalStats direct = new GlobalStats(2);
        Split s = train.split();
        for (Example e : s.examples()) {
            direct.add(new CountingEnergy(10).extract(s.signal(e, Split.DEFAULT_RATE), Split.DEFAULT_RATE));
        }
        assertEquals(direct, stats);
        assertEquals(400, stats.frames());

        CountingEnergy again = new CountingEnergy(10);
        assertEquals(stats, fresh(1).features(again).split("train").prepare());
        assertEquals(0, again.calls.get(), "statistics of a cached split are read, not recomputed");

        CountingEnergy interrupted = new CountingEnergy(30);
        FeatureSplit val = fresh(1).features(interrupted).split("validation");
        Thread.currentThread().interrupt();
        try {
            assertThrows(ProgressInterruptedException.class, val::prepare);
        } finally {
            Thread.interrupted();
        }
        assertTrue(interrupted.calls.get() <= 1, "an interrupted pass stops after at most one example");
    }

    @Test
    void aCorruptCacheFileIsNamedAndTheExampleReported() throws Exception {
        CountingEnergy fx = new CountingEnergy(10);
        FeatureSplit val = fresh(1).features(fx).split("validation");
        val.prepare();
        Path file = val.cacheFile(0).orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);

        IOException e = assertThrows(IOException.class, () -> fresh(1).features(fx).split("validation").get(0));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("checksum"), e.getMessage());
        FeatureSplit reopened = fresh(1).features(fx).split("validation");
        assertEquals(1, reopened.sequences().size());
        assertEquals(1, reopened.split().report().skipped());
        assertTrue(reopened.split().report().problems().get(0).contains(file.toString()),
                reopened.split().report().problems().get(0));
    }
}
