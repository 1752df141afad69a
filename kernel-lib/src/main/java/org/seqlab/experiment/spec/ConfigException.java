package org.seqlab.experiment.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a configuration, reported together before any work starts, each
 * naming the key path (and the YAML line when the spec came from a file).
 */
public class ConfigException extends IllegalArgumentException {
    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String source, String path, String message) {
        this(List.of(new Problem(source, path, -1, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " configuration problems:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }

    /** One error; {@code line} is 1-based, or -1 when unknown (a spec built in Java). */
    public record Problem(String source, String path, int line, String message) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            if (source != null) {
                b.append(source);
                if (line > 0) {
                    b.append(':').append(line);
                }
                b.append(": ");
            } else if (line > 0) {
                b.append("line ").append(line).append(": ");
            }
            return b.append(path.isEmpty() ? "(top level)" : path).append(": ").append(message).toString();
        }
    }
}
