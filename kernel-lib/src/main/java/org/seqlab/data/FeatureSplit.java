package org.seqlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import org.seqlab.data.batch.Batcher;
import org.seqlab.audio.AudioFormatException;
import org.seqlab.data.batch.Sequence;
import org.seqlab.display.Progress;
import org.seqlab.features.FeatureExtractor;

/**
 * A split seen through a feature extractor: what training loops consume. Features are made on
 * demand through the installed {@link FeatureStore}, keyed by corpus, split, example and the
 * extractor's {@link FeatureExtractor#key()}, so changing a setting never reuses stale ones.
 */
public final class FeatureSplit {
    private final Split split;
    private final FeatureExtractor extractor;
    private final int sampleRate;
    private final FeatureStore store;
    private final String keyPrefix;

    FeatureSplit(Split split, FeatureExtractor extractor, int sampleRate, FeatureStore store) {
        this(split, extractor, sampleRate, store, null);
    }

    private FeatureSplit(Split split, FeatureExtractor extractor, int sampleRate, FeatureStore store, String recipe) {
        this.split = split;
        this.extractor = extractor;
        this.sampleRate = sampleRate;
        this.store = store;
        this.keyPrefix = split.corpus() + (recipe == null ? "" : "@" + recipe.substring(0, Math.min(16, recipe.length())))
                + "/" + split.name();
    }

    /** The same view with the corpus recipe in its cache keys, so a rebuilt corpus never reuses old features. */
    FeatureSplit withRecipe(String recipe) {
        return new FeatureSplit(split, extractor, sampleRate, store, recipe);
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

    public String cacheKey(Example e) {
        return keyPrefix + "/" + e.id() + "/" + sampleRate + "/" + extractor.key();
    }

    /** Features of example {@code i}, [frame][coefficient]; a bad file throws naming it. */
    public float[][] get(int i) throws IOException {
        Example e = split.get(i);
        try {
            return store.get(cacheKey(e), () -> {
                try {
                    return extractor.extract(split.signal(e, sampleRate), sampleRate);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        } catch (UncheckedIOException ex) {
            throw ex.getCause();
        }
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
        try (Progress bar = Progress.start("features " + keyPrefix, split.size())) {
            for (int i = 0; i < split.size(); i++) {
                Example e = split.get(i);
                try {
                    out.add(new Sequence<>(e.id(), get(i), e));
                } catch (AudioFormatException ex) {
                    split.report().skip(ex);
                } catch (IOException ex) {
                    split.report().skip(e.audio(), ex.toString());
                }
                bar.step();
            }
        }
        split.report().warnIfSkipped();
        return out;
    }
}
