package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.data.batch.Sequence;
import org.seqlab.features.FeatureExtractor;

class CorpusTest {
    @TempDir
    Path data;

    static Corpus tiny(Path data, long seed) {
        String yaml = "datasets:\n  - name: tiny\n    task: t\n    description: d\n    licence: l\n    size: s\n"
                + "    format: dcase\n    generator: soundscapes\n    seed: " + seed + "\n"
                + "    params: {train: 2, validation: 2, test: 1, clip_seconds: 2, classes: [click, bell, whistle]}\n";
        return Datasets.parse(yaml, "t.yaml", data).corpus("tiny");
    }

    /** Frame energies: enough to check the hook passes signal and rate through. */
    static final class FrameEnergy implements FeatureExtractor {
        int calls;

        @Override
        public float[][] extract(float[] signal, int sampleRate) {
            calls++;
            int hop = sampleRate / 100;
            float[][] out = new float[signal.length / hop][1];
            for (int t = 0; t < out.length; t++) {
                for (int i = 0; i < hop; i++) {
                    out[t][0] += signal[t * hop + i] * signal[t * hop + i];
                }
            }
            return out;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public String key() {
            return "energy-10ms";
        }
    }

    @Test
    void builtOnFirstUseThenDamageIsCaughtWithTheFixToRun() throws Exception {
        Corpus c = tiny(data, 1);
        assertFalse(c.isReady());
        assertEquals(2, c.split("validation").size());
        assertTrue(c.isReady());
        assertTrue(c.verify().isEmpty());

        Path clip = c.split("validation").get(0).audio();
        byte[] bytes = Files.readAllBytes(clip);
        Files.write(clip, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        Corpus reopened = tiny(data, 1);
        CorpusException e = assertThrows(CorpusException.class, () -> reopened.split("validation"));
        assertTrue(e.getMessage().contains("./seqlab datasets prepare tiny --force"), e.getMessage());
        List<String> problems = reopened.verify();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(clip.getFileName().toString()));

        reopened.prepare(true);
        assertTrue(reopened.verify().isEmpty());
        assertEquals(bytes.length, Files.size(clip));
    }

    @Test
    void lazyBatchesExtractOnThePrefetchThreadAndSkipBadFiles() throws Exception {
        Corpus c = tiny(data, 3);
        Split val = c.split("validation");
        Path bad = data.resolve("bad.wav");
        Files.writeString(bad, "RIFF not really");
        List<Example> withBad = new java.util.ArrayList<>(val.examples());
        withBad.add(Example.labelled("bad.wav", bad, null, "click"));
        Split mixed = new Split("tiny", "mixed", withBad, new LoadReport("tiny/mixed", false));
        FrameEnergy fx = new FrameEnergy();
        List<String> ids = new java.util.ArrayList<>();
        try (var batches = mixed.features(fx).batcher(2).bucketed(2).seed(1).prefetch(0, 2)) {
            while (batches.hasNext()) {
                var b = batches.next();
                ids.addAll(b.ids());
                assertEquals(200, b.maxLength());
            }
        }
        assertEquals(2, ids.size());
        assertFalse(ids.contains("bad.wav"));
        assertEquals(1, mixed.report().skipped());
        assertTrue(mixed.report().problems().get(0).contains("bad.wav"));
    }

    @Test
    void missingManifestMeansNotReady() throws Exception {
        Corpus c = tiny(data, 1).prepare();
        Files.delete(c.dir().resolve(Manifest.FILE));
        assertFalse(tiny(data, 1).isReady());
        assertFalse(tiny(data, 2).isReady(), "another seed is another recipe");
    }

    @Test
    void featuresAreCachedUnderTheDataFolderByRecipeSplitAndExample() throws Exception {
        FrameEnergy fx = new FrameEnergy();
        Corpus c = tiny(data, 1);
        FeatureSplit val = c.features(fx).split("validation");
        float[][] f = val.get(0);
        assertEquals(200, f.length);
        assertEquals(1, f[0].length);
        val.get(0);
        assertEquals(1, fx.calls, "second request read from the cache");
        Path file = val.cacheFile(0).orElseThrow();
        assertTrue(Files.isRegularFile(file), file.toString());
        assertEquals(data.resolve(DataHome.FEATURES).resolve("tiny@" + c.recipe().substring(0, 16)),
                file.getParent().getParent());
        assertEquals("validation%2F" + val.split().get(0).id() + ".feat", file.getFileName().toString());
        assertEquals(file, c.split("validation").features(fx).cacheFile(0).orElseThrow(), "one cache, either way in");
        assertNotEquals(file.getParent().getParent(),
                tiny(data.resolve("other"), 2).features(fx).split("validation").cacheFile(0).orElseThrow().getParent().getParent());
        List<Sequence<Example>> seqs = val.sequences();
        assertEquals(2, seqs.size());
        assertEquals(val.split().get(1), seqs.get(1).target());
        assertTrue(new Split("tiny", "loose", val.split().examples(), new LoadReport("tiny/loose", false))
                .features(fx).cacheFile(0).isEmpty(), "a split without a corpus has no recipe, so it is not cached");
    }

    @Test
    void noCorpusMayTakeTheFeatureCacheFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.parse(
                "datasets:\n  - {name: features, task: t, description: d, licence: l, size: s, format: dcase,"
                        + " generator: soundscapes, seed: 1}\n", "t.yaml", data));
        assertTrue(e.getMessage().contains("t.yaml") && e.getMessage().contains("features"), e.getMessage());
    }

    @Test
    void variantBuildsElsewhereWithItsOwnSizesAndLeavesTheOriginalAlone() throws Exception {
        Corpus original = tiny(data, 1);
        Path elsewhere = data.resolve("variants");
        Corpus small = original.variant(elsewhere, Map.of("validation", 1, "test", 3));
        assertEquals(elsewhere.resolve("tiny"), small.dir());
        assertNotEquals(original.recipe(), small.recipe());
        assertEquals(1, small.split("validation").size());
        assertEquals(3, small.split("test").size());
        assertEquals(2, small.split("train").size(), "params not overridden keep their datasets.yaml value");
        assertFalse(original.isReady(), "building the variant did not build the original");
        assertEquals(2, original.spec().params().get("validation"), "the original's params are untouched");

        IllegalArgumentException sameFolder = assertThrows(IllegalArgumentException.class,
                () -> original.variant(data, Map.of("test", 1)));
        assertTrue(sameFolder.getMessage().contains("outside its data folder"), sameFolder.getMessage());
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
                () -> original.variant(data.resolve("other"), Map.of("tset", 1)).prepare());
        assertTrue(misspelt.getMessage().contains("tset"), misspelt.getMessage());
    }
}
