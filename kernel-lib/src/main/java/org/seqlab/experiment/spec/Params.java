package org.seqlab.experiment.spec;

import java.util.List;
import java.util.Map;

/** Typed read access to the resolved parameters of one choice, for the factories that build from them. */
public record Params(String owner, Map<String, Object> values) {

    public int integer(String key) {
        return (Integer) get(key);
    }

    public long longInt(String key) {
        return ((Number) get(key)).longValue();
    }

    public double number(String key) {
        return ((Number) get(key)).doubleValue();
    }

    public boolean bool(String key) {
        return (Boolean) get(key);
    }

    public String string(String key) {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> intList(String key) {
        return (List<Integer>) get(key);
    }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(owner + " declares no parameter '" + key + "'; it has " + values.keySet());
        }
        return values.get(key);
    }
}
