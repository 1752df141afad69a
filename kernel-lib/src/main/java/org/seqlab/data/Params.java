package org.seqlab.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqlab.experiment.spec.ParamReader;

/**
 * A generator's parameters from datasets.yaml, read through the experiment layer's one
 * parameter system ({@link ParamReader}, checking each value as a declared {@code Param} is
 * checked): typed getters name the corpus and key on a wrong type, and {@link #checkAllUsed()}
 * refuses misspelt keys with the nearest known one, which would otherwise be silently ignored
 * and give a corpus that differs from what the YAML seems to say. This class keeps the
 * generators' getter names; the checking is {@link ParamReader}'s.
 */
public final class Params {
    private final String owner;
    private final Map<String, Object> values;
    private final ParamReader reader;

    public Params(String owner, Map<String, ?> values) {
        this.owner = owner;
        this.values = new TreeMap<>(values == null ? Map.of() : values);
        this.reader = new ParamReader(Datasets.FILE, owner + ".params", this.values);
    }

    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Params(owner, copy);
    }

    public int getInt(String key, int fallback) {
        return reader.integer(key, fallback);
    }

    public double getDouble(String key, double fallback) {
        return reader.number(key, fallback);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return reader.flag(key, fallback);
    }

    public String getString(String key, String fallback) {
        return reader.string(key, fallback);
    }

    public List<String> getStrings(String key, List<String> fallback) {
        return reader.strings(key, fallback);
    }

    /** A [min, max] pair given as a two-element list. */
    public double[] getRange(String key, double min, double max) {
        return reader.range(key, min, max);
    }

    public void checkAllUsed() {
        reader.finish();
    }

    /** Stable text of all values, part of a corpus's recipe. */
    public String canonical() {
        return values.toString();
    }

    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
