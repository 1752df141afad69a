package org.seqlab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.ParamType;
import org.seqlab.experiment.spec.Problems;
import org.seqlab.experiment.spec.Suggest;

/**
 * A generator's {@code params} from datasets.yaml, checked against the parameters the generator
 * DECLARES ({@link org.seqlab.data.CorpusGenerator#params()}, the same {@link Param} rules an
 * experiment's keys follow). Every value is checked when the view is made, so a wrong type, a value
 * out of range or a misspelt key (with the nearest declared key) is one line naming datasets.yaml,
 * the entry and the key, before anything is built. Getters take no fallback: the default is the
 * declaration's, so it lives in one place, and reading a key the generator does not declare is a
 * programming error ({@link IllegalStateException}), which the generator tests run into.
 */
public final class Params {
    private final String owner;
    private final String source;
    private final Map<String, Object> values;
    private final Map<String, Param> declared = new LinkedHashMap<>();
    private final Map<String, Object> resolved = new LinkedHashMap<>();
    private final Set<String> reads = Collections.synchronizedSet(new LinkedHashSet<>());

    /** Values of datasets.yaml's entry {@code owner}. */
    public Params(String owner, List<Param> declaration, Map<String, ?> values) {
        this(Datasets.FILE, owner, declaration, values);
    }

    /**
     * @param source the file named in errors
     * @param owner the datasets.yaml entry (or the generator, for a corpus made in memory by an experiment)
     */
    public Params(String source, String owner, List<Param> declaration, Map<String, ?> values) {
        this.owner = owner;
        this.source = source;
        this.values = new TreeMap<>(values == null ? Map.of() : values);
        declaration.forEach(p -> declared.put(p.name(), p));
        Problems problems = new Problems(source, Map.of());
        for (Map.Entry<String, Object> e : this.values.entrySet()) {
            Param p = declared.get(e.getKey());
            if (p == null) {
                String near = Suggest.nearest(e.getKey(), declared.keySet());
                problems.add(path(e.getKey()), "unknown key" + (near == null ? "" : "; did you mean '" + near + "'?")
                        + " (declared: " + String.join(", ", declared.keySet()) + ")");
            } else {
                resolved.put(p.name(), p.coerce(e.getValue(), path(p.name()), problems));
            }
        }
        for (Param p : declaration) {
            if (p.required() && !this.values.containsKey(p.name())) {
                problems.add(path(p.name()), "missing; expected " + p.allowed() + " (" + p.doc() + ")");
            }
            resolved.putIfAbsent(p.name(), p.defaultValue());
        }
        problems.throwIfAny();
    }

    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Params(source, owner, List.copyOf(declared.values()), copy);
    }

    public int getInt(String key) {
        return (Integer) read(key, ParamType.INT);
    }

    public long getLong(String key) {
        return (Long) read(key, ParamType.LONG);
    }

    public double getDouble(String key) {
        return (Double) read(key, ParamType.DOUBLE);
    }

    public boolean getBoolean(String key) {
        return (Boolean) read(key, ParamType.BOOL);
    }

    public String getString(String key) {
        return (String) read(key, ParamType.STRING);
    }

    /** A declared choice ({@code Param.oneOf}). */
    public String getChoice(String key) {
        return (String) read(key, ParamType.ENUM);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStrings(String key) {
        return (List<String>) read(key, ParamType.STRING_LIST);
    }

    /** A declared {@code [low, high]} pair ({@code Param.range}). */
    @SuppressWarnings("unchecked")
    public double[] getRange(String key) {
        List<Double> r = (List<Double>) read(key, ParamType.RANGE);
        return new double[] {r.get(0), r.get(1)};
    }

    /** True when datasets.yaml gives the key (otherwise its declared default applies). */
    public boolean given(String key) {
        declaration(key);
        return values.containsKey(key);
    }

    /** The declaration these values were checked against, in the generator's order. */
    public List<Param> declared() {
        return List.copyOf(declared.values());
    }

    /** The keys read so far; a test compares them with the declaration to find keys declared but never used. */
    public Set<String> reads() {
        synchronized (reads) {
            return Set.copyOf(reads);
        }
    }

    /** Stable text of the values datasets.yaml gives, part of a corpus's recipe. */
    public String canonical() {
        return values.toString();
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private Object read(String key, ParamType type) {
        Param p = declaration(key);
        if (p.type() != type) {
            throw new IllegalStateException(owner + ": the generator reads '" + key + "' as " + type + " but declares it "
                    + p.type());
        }
        reads.add(key);
        Object v = resolved.get(key);
        if (v == null) {
            throw new IllegalStateException(owner + ": '" + key + "' has no default and datasets.yaml gives none");
        }
        return v;
    }

    private Param declaration(String key) {
        Param p = declared.get(key);
        if (p == null) {
            throw new IllegalStateException(owner + ": the generator reads '" + key + "', which it does not declare; declared: "
                    + new ArrayList<>(declared.keySet()));
        }
        return p;
    }

    private String path(String key) {
        return owner + ".params." + key;
    }
}
