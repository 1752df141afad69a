package org.seqlab.experiment.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a plain map of parameters key by key, each with its fallback, for the maps whose keys are
 * not declared up front as an entry's {@link Param} list: a generator's {@code params} in
 * datasets.yaml ({@code data.Params}) and a feature extractor's spec ({@code features.Features}).
 * Each value is checked by the rules every declared parameter uses ({@link Param#coerce}), so an
 * integer, a number or a choice is accepted or refused the same way in an experiment, in
 * datasets.yaml and in a feature spec, and a key that nothing read is refused with the nearest
 * key that was read ({@link Suggest}), as an experiment's unknown key is. Errors are one
 * {@link ConfigException} line: source, owner and key, the value and what was expected.
 */
public final class ParamReader {
    private final String source;
    private final String owner;
    private final Map<String, ?> values;
    private final Set<String> used = new LinkedHashSet<>();

    /**
     * @param source the file the map came from (for the message), or null
     * @param owner what the map configures (a corpus, an extractor), the first part of each key path
     */
    public ParamReader(String source, String owner, Map<String, ?> values) {
        this.source = source;
        this.owner = owner;
        this.values = values == null ? Map.of() : values;
    }

    /** Marks {@code key} as known without reading it (a key the caller handles itself, such as {@code name}). */
    public ParamReader known(String key) {
        used.add(key);
        return this;
    }

    public boolean has(String key) {
        used.add(key);
        return values.get(key) != null;
    }

    public int integer(String key, int fallback) {
        Object v = read(key, ParamType.INT, null);
        return v == null ? fallback : (Integer) v;
    }

    public long longInt(String key, long fallback) {
        Object v = read(key, ParamType.LONG, null);
        return v == null ? fallback : (Long) v;
    }

    public double number(String key, double fallback) {
        Object v = read(key, ParamType.DOUBLE, null);
        return v == null ? fallback : (Double) v;
    }

    public boolean flag(String key, boolean fallback) {
        Object v = read(key, ParamType.BOOL, null);
        return v == null ? fallback : (Boolean) v;
    }

    public String string(String key, String fallback) {
        Object v = read(key, ParamType.STRING, null);
        return v == null ? fallback : (String) v;
    }

    /** One of the enum's constants, named in lower case in the map. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        Object raw = values.get(key);
        Object v = read(key, ParamType.ENUM, names, raw == null ? null : raw.toString().trim().toLowerCase(Locale.ROOT));
        return v == null ? fallback : type.getEnumConstants()[names.indexOf((String) v)];
    }

    /** A list, each element as text. */
    public List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (values.get(key) instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw bad(key, "'" + values.get(key) + "' is not allowed; expected a list");
    }

    /** A {@code [min, max]} pair of numbers with min <= max. */
    public double[] range(String key, double min, double max) {
        if (!has(key)) {
            return new double[] {min, max};
        }
        if (values.get(key) instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number a
                && list.get(1) instanceof Number b && a.doubleValue() <= b.doubleValue()) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        throw bad(key, "'" + values.get(key) + "' is not allowed; expected a range [min, max] with min <= max");
    }

    /** A nested map (a spec inside a spec); required. */
    @SuppressWarnings("unchecked")
    public Map<String, ?> nested(String key) {
        if (!has(key)) {
            throw bad(key, "missing; expected a map with a 'name'");
        }
        if (values.get(key) instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw bad(key, "'" + values.get(key) + "' is not allowed; expected a map with a 'name'");
    }

    /** Refuses every key that nothing read, each with the nearest key that was read. */
    public void finish() {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(values.keySet())) {
            if (!used.contains(key)) {
                String near = Suggest.nearest(key, used);
                unknown.add("unknown key '" + key + "'" + (near == null ? "" : "; did you mean '" + near + "'?"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(source, owner, String.join("; ", unknown) + " (known keys: " + String.join(", ", used) + ")");
        }
    }

    private Object read(String key, ParamType type, List<String> choices) {
        return read(key, type, choices, values.get(key));
    }

    private Object read(String key, ParamType type, List<String> choices, Object value) {
        used.add(key);
        if (value == null) {
            return null;
        }
        Problems problems = new Problems(source, Map.of());
        Object v = new Param(key, type, null, null, null, choices, "").coerce(value, path(key), problems);
        problems.throwIfAny();
        return v;
    }

    private String path(String key) {
        return owner + "." + key;
    }

    private ConfigException bad(String key, String message) {
        return new ConfigException(source, path(key), message);
    }
}
