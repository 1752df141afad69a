package org.seqlab.data;

import java.util.function.Supplier;

/**
 * Where computed features are kept between uses. The default keeps nothing and computes every
 * time; the features package installs an on-disk cache here, so corpora and extractors stay
 * independent of how caching is done.
 */
public interface FeatureStore {
    FeatureStore NONE = (key, compute) -> compute.get();

    /**
     * Returns the features stored under {@code key}, or computes, stores and returns them.
     * Keys combine the corpus recipe, the split, the example id and the extractor's key.
     */
    float[][] get(String key, Supplier<float[][]> compute);

    static FeatureStore installed() {
        return Holder.store;
    }

    /** Installs the store used by every later {@code features(...)} call. */
    static void install(FeatureStore store) {
        Holder.store = store == null ? NONE : store;
    }

    final class Holder {
        private static volatile FeatureStore store = NONE;

        private Holder() {
        }
    }
}
