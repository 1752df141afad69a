package org.seqlab.experiment.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.spec.ConfigException;

/**
 * {@code --set key.path=value} and sweep values applied to a key tree before it is checked, so an
 * override meets exactly the validation a value in the file would. Setting a choice
 * ({@code model=gru}) renames it and keeps the parameters that were given.
 */
public final class Overrides {
    private Overrides() {}

    public static Map<String, Object> apply(Map<String, Object> root, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set", assignment, "expected key.path=value");
        }
        return apply(root, assignment.substring(0, eq).trim(), YamlTree.parseValue(assignment.substring(eq + 1)));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> root, String path, Object value) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(root);
        String[] keys = path.split("\\.");
        Map<String, Object> m = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = m.get(keys[i]);
            if (next instanceof String name) {
                next = new LinkedHashMap<>(Map.of("name", name));
                m.put(keys[i], next);
            } else if (next == null) {
                next = new LinkedHashMap<String, Object>();
                m.put(keys[i], next);
            } else if (!(next instanceof Map)) {
                throw new ConfigException("--set", path, "'" + String.join(".", java.util.Arrays.copyOf(keys, i + 1))
                        + "' is a value, not a section");
            }
            m = (Map<String, Object>) next;
        }
        String last = keys[keys.length - 1];
        Object old = m.get(last);
        if (old instanceof Map<?, ?> choice && choice.containsKey("name") && !(value instanceof Map)) {
            ((Map<String, Object>) choice).put("name", value);
        } else {
            m.put(last, value);
        }
        return copy;
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }
}
