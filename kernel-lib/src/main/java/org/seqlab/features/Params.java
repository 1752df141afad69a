package org.seqlab.features;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one extractor's plain map (as a YAML layer produces it) and remembers which keys were
 * used, so that a misspelt key fails loudly instead of silently falling back to a default.
 */
final class Params {
    private final String name;
    private final Map<String, ?> map;
    private final Set<String> used = new LinkedHashSet<>();

    Params(String name, Map<String, ?> map) {
        this.name = name;
        this.map = map;
        used.add("name");
    }

    boolean has(String key) {
        used.add(key);
        return map.containsKey(key) && map.get(key) != null;
    }

    int integer(String key, int fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Math.toIntExact(n.longValue());
        }
        throw bad(key, v, "an integer");
    }

    double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "a number");
            }
        }
        throw bad(key, v, "a number");
    }

    boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(key, v, "true or false");
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = map.get(key);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String n = e.name().toLowerCase(Locale.ROOT);
            names.add(n);
            if (v instanceof String s && s.trim().toLowerCase(Locale.ROOT).equals(n)) {
                return e;
            }
        }
        throw bad(key, v, "one of " + names);
    }

    @SuppressWarnings("unchecked")
    Map<String, ?> nested(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException(name + ": missing key '" + key + "'");
        }
        Object v = map.get(key);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw bad(key, v, "a map with a 'name'");
    }

    /** Fails on any key that no parameter read, naming it and the keys that are allowed. */
    void finish() {
        for (String key : map.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException(name + ": unknown key '" + key + "'; known keys: " + used);
            }
        }
    }

    private IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException(name + ": key '" + key + "' must be " + expected + ", got '" + value + "'");
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
