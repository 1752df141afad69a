package org.seqlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.seqlab.data.batch.Batcher;
import org.seqlab.audio.AudioFormatException;
import org.seqlab.data.batch.Sequence;
import org.seqlab.display.Progress;
import org.seqlab.features.FeatureCache;
import org.seqlab.features.FeatureExtractor;
import org.seqlab.features.GlobalStats;

/**
 * A split seen through a feature extractor: what training loops consume. Features are made on
 * demand and, for a corpus's splits, kept in the on-disk {@link FeatureCache} under the corpus's
 * name and recipe hash, the split, the example id, the extractor's {@link FeatureExtractor#key()}
 * and the sample rate, so a second epoch or run reads them and changing a setting or rebuilding
 * the corpus never reuses stale ones.
 */
public final class FeatureSplit {
    private final Split split;
    private final FeatureExtractor extractor;
    private final int sampleRate;
    private final FeatureCache cache;
    private final String cacheId;

    FeatureSplit(Split split, FeatureExtractor extractor, int sampleRate, FeatureCache cache, String cacheId) {
        this.split = split;
        this.extractor = extractor;
        this.sampleRate = sampleRate;
        this.cache = cache;
        this.cacheId = cacheId;
    }

    public Split split() {
        return split;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    public int size() {
        return split.size();
    }

    /** Where example {@code i}'s features are cached (the file may not exist yet); empty when not cached. */
    public Optional<Path> cacheFile(int i) {
        return cache == null ? Optional.empty()
                : Optional.of(cache.file(cacheId, utterance(split.get(i)), extractor, sampleRate));
    }

    private String utterance(Example e) {
        return split.name() + "/" + e.id();
    }

    /** Features of example {@code i}, [frame][coefficient]; a bad audio or cache file throws naming it. */
    public float[][] get(int i) throws IOException {
        Example e = split.get(i);
        if (cache == null) {
            return extractor.extract(split.signal(e, sampleRate), sampleRate);
        }
        return cache.get(cacheId, utterance(e), extractor, sampleRate, () -> split.signal(e, sampleRate));
    }

    /**
     * Computes (or reads) the features of every example and returns their global mean and
     * variance, so one pass over a training split both fills the cache and gives the
     * normalisation that later splits are scaled with. Bad files are skipped and counted in the
     * split's report (or fail at once in strict mode); stops when the thread is interrupted.
     */
    public GlobalStats prepare() {
        GlobalStats stats = new GlobalStats(extractor.dimension());
        forEach((e, f) -> stats.add(f));
        return stats;
    }

    /**
     * A batcher that extracts features when each batch is made, so with
     * {@link Batcher#prefetch} decoding and extraction run on the background thread while the
     * trainer works. Bucketing orders examples by audio file size, which within one corpus
     * orders them as their durations (and so their frame counts) do, without decoding
     * anything up front. Bad files are skipped and counted in the split's report (or fail in
     * strict mode).
     */
    public Batcher<Example> batcher(int batchSize) {
        int[] sizes = new int[split.size()];
        for (int i = 0; i < sizes.length; i++) {
            try {
                sizes[i] = (int) Math.min(Integer.MAX_VALUE, Files.size(split.get(i).audio()));
            } catch (IOException e) {
                sizes[i] = 0; // reported when loaded
            }
        }
        return Batcher.lazy(sizes, i -> {
            Example e = split.get(i);
            try {
                return new Sequence<>(e.id(), get(i), e);
            } catch (AudioFormatException ex) {
                split.report().skip(ex);
            } catch (IOException ex) {
                split.report().skip(e.audio(), ex.toString());
            }
            return null;
        }, batchSize);
    }

    /**
     * Features of every example as sequences carrying the example, ready for batching. Bad
     * files are skipped and counted in the split's report (or fail at once in strict mode).
     */
    public List<Sequence<Example>> sequences() {
        List<Sequence<Example>> out = new ArrayList<>();
        forEach((e, f) -> out.add(new Sequence<>(e.id(), f, e)));
        return out;
    }

    /** Every example's features in order with a progress bar, bad files skipped and reported. */
    private void forEach(BiConsumer<Example, float[][]> action) {
        try (Progress bar = Progress.start("features " + split.corpus() + "/" + split.name(), split.size())) {
            for (int i = 0; i < split.size(); i++) {
                Example e = split.get(i);
                try {
                    action.accept(e, get(i));
                } catch (AudioFormatException ex) {
                    split.report().skip(ex);
                } catch (IOException ex) {
                    split.report().skip(e.audio(), ex.toString());
                }
                bar.step();
            }
        }
        split.report().warnIfSkipped();
    }
}
