package org.seqlab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A generator's parameters from datasets.yaml. Typed getters name the corpus and key on a
 * wrong type, and {@link #checkAllUsed()} catches misspelt keys, which would otherwise be
 * silently ignored and give a corpus that differs from what the YAML seems to say.
 */
public final class Params {
    private final String owner;
    private final Map<String, Object> values;
    private final Set<String> used = new HashSet<>();

    public Params(String owner, Map<String, ?> values) {
        this.owner = owner;
        this.values = new TreeMap<>(values == null ? Map.of() : values);
    }

    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Params(owner, copy);
    }

    public int getInt(String key, int fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw wrong(key, v, "an integer");
    }

    public double getDouble(String key, double fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, v, "a number");
    }

    public boolean getBoolean(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, v, "true or false");
    }

    public String getString(String key, String fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, v, "a string");
    }

    public List<String> getStrings(String key, List<String> fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        throw wrong(key, v, "a list");
    }

    /** A [min, max] pair given as a two-element list. */
    public double[] getRange(String key, double min, double max) {
        Object v = raw(key);
        if (v == null) {
            return new double[] {min, max};
        }
        if (v instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number a && list.get(1) instanceof Number b
                && a.doubleValue() <= b.doubleValue()) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        throw wrong(key, v, "a range [min, max] with min <= max");
    }

    public void checkAllUsed() {
        Set<String> unknown = new HashSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("datasets.yaml: " + owner + ": unknown params " + new TreeMap<>(
                    Map.copyOf(values)).keySet().stream().filter(unknown::contains).toList() + " (misspelt?)");
        }
    }

    /** Stable text of all values, part of a corpus's recipe. */
    public String canonical() {
        return values.toString();
    }

    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    private Object raw(String key) {
        used.add(key);
        return values.get(key);
    }

    private IllegalArgumentException wrong(String key, Object v, String expected) {
        return new IllegalArgumentException("datasets.yaml: " + owner + ": param '" + key + "' is " + v + ", expected " + expected);
    }
}
