package org.seqlab.experiment.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plain map of parameters against the {@link Param}s its owner DECLARES: a generator's
 * {@code params} in datasets.yaml ({@code data.Params}) and a feature extractor's spec
 * ({@code features.Features}), the same declarations registry entries make. Every value is checked
 * when the reader is made, by {@link Param#coerce}, so a wrong type, a value out of range or an
 * unknown key (with the nearest declared key, {@link Suggest}) is refused before any work, all
 * problems together, each one line naming source, owner and key. Getters take no fallback: the
 * default is the declaration's alone. Reading a key that is not declared, or as another type, is
 * a programming error ({@link IllegalStateException}); {@link #reads()} lets a test find keys that
 * are declared but never read.
 */
public final class ParamReader {
    private final String source;
    private final String owner;
    private final Map<String, Param> declared = new LinkedHashMap<>();
    private final Map<String, Object> given;
    private final Map<String, Object> resolved = new LinkedHashMap<>();
    private final Set<String> reads = Collections.synchronizedSet(new LinkedHashSet<>());

    /**
     * @param source the file the map came from (for the message), or null
     * @param owner what the map configures, the first part of each key path ({@code lid.params}, {@code logmel})
     * @param declaration the keys the owner reads, with types, defaults, ranges and docs
     */
    public ParamReader(String source, String owner, List<Param> declaration, Map<String, ?> values) {
        this.source = source;
        this.owner = owner;
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
        declaration.forEach(p -> {
            if (declared.put(p.name(), p) != null) {
                throw new IllegalStateException(owner + " declares '" + p.name() + "' twice");
            }
        });
        Problems problems = new Problems(source, Map.of());
        for (Map.Entry<String, Object> e : given.entrySet()) {
            Param p = declared.get(e.getKey());
            if (p == null) {
                String near = Suggest.nearest(e.getKey(), declared.keySet());
                problems.add(owner, "unknown key '" + e.getKey() + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                        + " (declared: " + String.join(", ", declared.keySet()) + ")");
                continue;
            }
            Object raw = e.getValue();
            if (p.type() == ParamType.ENUM && raw != null) {
                raw = raw.toString().trim().toLowerCase(Locale.ROOT);
            }
            resolved.put(p.name(), p.coerce(raw, path(p.name()), problems));
        }
        for (Param p : declaration) {
            if (p.required() && !given.containsKey(p.name())) {
                problems.add(path(p.name()), "missing; expected " + p.allowed() + " (" + p.doc() + ")");
            }
            resolved.putIfAbsent(p.name(), p.defaultValue());
        }
        problems.throwIfAny();
    }

    public int integer(String key) {
        return (Integer) read(key, ParamType.INT);
    }

    public long longInt(String key) {
        return (Long) read(key, ParamType.LONG);
    }

    public double number(String key) {
        return (Double) read(key, ParamType.DOUBLE);
    }

    public boolean flag(String key) {
        return (Boolean) read(key, ParamType.BOOL);
    }

    public String string(String key) {
        return (String) read(key, ParamType.STRING);
    }

    /** A declared choice ({@link Param#oneOf}), as its lower-case name. */
    public String choice(String key) {
        return (String) read(key, ParamType.ENUM);
    }

    /** A declared choice read as the enum constant of the same name (choices are the constants in lower case). */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        return Enum.valueOf(type, choice(key).toUpperCase(Locale.ROOT));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        return (List<String>) read(key, ParamType.STRING_LIST);
    }

    /** A declared {@code [low, high]} pair ({@link Param#range}). */
    @SuppressWarnings("unchecked")
    public double[] range(String key) {
        List<Double> r = (List<Double>) read(key, ParamType.RANGE);
        return new double[] {r.get(0), r.get(1)};
    }

    /** A declared nested spec ({@link Param#spec}). */
    @SuppressWarnings("unchecked")
    public Map<String, ?> nested(String key) {
        return (Map<String, ?>) read(key, ParamType.SPEC);
    }

    /** True when the map gives the key (otherwise its declared default applies). */
    public boolean given(String key) {
        declaration(key);
        return given.containsKey(key);
    }

    /** The declaration, in the owner's order. */
    public List<Param> declared() {
        return List.copyOf(declared.values());
    }

    /** The keys read so far. */
    public Set<String> reads() {
        synchronized (reads) {
            return Set.copyOf(reads);
        }
    }

    private Object read(String key, ParamType type) {
        Param p = declaration(key);
        if (p.type() != type) {
            throw new IllegalStateException(owner + ": '" + key + "' is read as " + type + " but declared " + p.type());
        }
        reads.add(key);
        Object v = resolved.get(key);
        if (v == null) {
            throw new IllegalStateException(owner + ": '" + key + "' has no default and no value");
        }
        return v;
    }

    private Param declaration(String key) {
        Param p = declared.get(key);
        if (p == null) {
            throw new IllegalStateException(owner + " reads '" + key + "', which it does not declare; declared: "
                    + new ArrayList<>(declared.keySet()));
        }
        return p;
    }

    private String path(String key) {
        return owner + "." + key;
    }
}
