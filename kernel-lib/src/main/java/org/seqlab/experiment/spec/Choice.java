package org.seqlab.experiment.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registry entry chosen by name with some of its parameters set. In a resolved spec every
 * declared parameter is present, in declaration order, so two resolved choices are equal exactly
 * when they build the same thing.
 */
public record Choice(String name, Map<String, Object> params) {
    public Choice {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static Choice of(String name) {
        return new Choice(name, Map.of());
    }

    /** A copy with {@code key} set; checked against the registry entry when the spec is resolved. */
    public Choice with(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put(key, value);
        return new Choice(name, p);
    }

    @Override
    public String toString() {
        return params.isEmpty() ? name : name + params;
    }
}
