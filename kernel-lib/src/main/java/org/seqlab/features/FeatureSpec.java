package org.seqlab.features;

import java.util.Map;

/**
 * A feature extractor that is also a plain value: experiment configs embed it, write it to YAML
 * through {@link #toMap()} and read it back with {@link Features#fromMap(Map)}, and the result
 * must be {@code equals} to the original so that a changed config is detected.
 */
public interface FeatureSpec extends FeatureExtractor {
    /** The name and every parameter, in a fixed order, with numbers, booleans, strings and maps only. */
    Map<String, Object> toMap();

    @Override
    default String key() {
        return Features.key(toMap());
    }
}
