package org.seqlab.experiment.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects configuration problems while a whole spec is checked, so the user sees all of them
 * at once; knows where each key path sits in the YAML file when the spec came from one.
 */
public final class Problems {
    private final String source;
    private final Map<String, Integer> lines;
    private final List<ConfigException.Problem> found = new ArrayList<>();

    /** {@code source} is a file name or null; {@code lines} maps key paths to 1-based lines. */
    public Problems(String source, Map<String, Integer> lines) {
        this.source = source;
        this.lines = lines == null ? Map.of() : lines;
    }

    public static Problems inJava() {
        return new Problems(null, Map.of());
    }

    public void add(String path, String message) {
        found.add(new ConfigException.Problem(source, path, lineOf(path), message));
    }

    /** The line of the key, or of its nearest ancestor that has one (a missing key's section). */
    private int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return -1;
            }
            p = p.substring(0, cut);
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
