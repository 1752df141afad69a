package org.seqlab.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.ParamReader;

/**
 * A generator's {@code params} from datasets.yaml, checked against the parameters the generator
 * DECLARES ({@link CorpusGenerator#params()}) by the one parameter system ({@link ParamReader}):
 * every value is checked when the view is made, so a wrong type, a value out of range or a
 * misspelt key is one line naming datasets.yaml, the entry and the key before anything is built;
 * getters take no fallback (the default is the declaration's); reading an undeclared key is an
 * {@link IllegalStateException}. This class keeps the generators' getter names and the recipe text.
 */
public final class Params {
    private final String source;
    private final String owner;
    private final Map<String, Object> values;
    private final List<Param> declaration;
    private final ParamReader reader;

    /** Values of datasets.yaml's entry {@code owner}. */
    public Params(String owner, List<Param> declaration, Map<String, ?> values) {
        this(Datasets.FILE, owner, declaration, values);
    }

    /**
     * @param source the file named in errors
     * @param owner the datasets.yaml entry (or the generator, for a corpus an experiment makes in memory)
     */
    public Params(String source, String owner, List<Param> declaration, Map<String, ?> values) {
        this.source = source;
        this.owner = owner;
        this.values = new TreeMap<>(values == null ? Map.of() : values);
        this.declaration = List.copyOf(declaration);
        this.reader = new ParamReader(source, owner + ".params", declaration, this.values);
    }

    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Params(source, owner, declaration, copy);
    }

    public int getInt(String key) {
        return reader.integer(key);
    }

    public long getLong(String key) {
        return reader.longInt(key);
    }

    public double getDouble(String key) {
        return reader.number(key);
    }

    public boolean getBoolean(String key) {
        return reader.flag(key);
    }

    public String getString(String key) {
        return reader.string(key);
    }

    /** A declared choice ({@code Param.oneOf}). */
    public String getChoice(String key) {
        return reader.choice(key);
    }

    public List<String> getStrings(String key) {
        return reader.strings(key);
    }

    /** A declared {@code [low, high]} pair ({@code Param.range}). */
    public double[] getRange(String key) {
        return reader.range(key);
    }

    /** True when datasets.yaml gives the key (otherwise its declared default applies). */
    public boolean given(String key) {
        return reader.given(key);
    }

    /** The declaration these values were checked against, in the generator's order. */
    public List<Param> declared() {
        return declaration;
    }

    /** The keys read so far; a test compares them with the declaration to find keys declared but never used. */
    public Set<String> reads() {
        return reader.reads();
    }

    /** Stable text of the values datasets.yaml gives, part of a corpus's recipe. */
    public String canonical() {
        return values.toString();
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
