package org.seqlab.experiment.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.spec.ConfigException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML document as plain maps, lists and scalars, plus the line of every key path, so
 * validation can point at the line of a bad key. Built from snakeyaml-engine's node tree
 * because the plain loader forgets positions.
 *
 * @param lines 1-based line of each key path ({@code train.epochs}, {@code evaluate.metrics[1]})
 */
public record YamlTree(Map<String, Object> root, Map<String, Integer> lines) {

    /** Parses {@code text}; {@code source} names the file in error messages. */
    public static YamlTree parse(String text, String source) {
        Node node;
        try {
            node = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(-1);
            throw new ConfigException(List.of(new ConfigException.Problem(source, "", line,
                    "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new ConfigException(source, "", "not valid YAML: " + e.getMessage());
        }
        Map<String, Integer> lines = new HashMap<>();
        if (node == null) {
            return new YamlTree(new LinkedHashMap<>(), lines);
        }
        Object value = convert(node, "", lines, source);
        if (!(value instanceof Map<?, ?>)) {
            throw new ConfigException(source, "", "an experiment file is a mapping of keys (name:, data:, model:, ...)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value;
        return new YamlTree(root, lines);
    }

    private static Object convert(Node node, String path, Map<String, Integer> lines, String source) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new ConfigException(List.of(new ConfigException.Problem(source, path, line(t.getKeyNode()),
                            "keys must be plain names")));
                }
                String key = k.getValue();
                String p = path.isEmpty() ? key : path + "." + key;
                if (out.containsKey(key)) {
                    throw new ConfigException(List.of(new ConfigException.Problem(source, p, line(k), "key given twice")));
                }
                lines.put(p, line(k));
                out.put(key, convert(t.getValueNode(), p, lines, source));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Node item : s.getValue()) {
                String p = path + "[" + i++ + "]";
                lines.put(p, line(item));
                out.add(convert(item, p, lines, source));
            }
            return out;
        }
        ScalarNode s = (ScalarNode) node;
        return scalar(s.getTag(), s.getValue());
    }

    /** A scalar by the tag the core schema resolved for it. */
    static Object scalar(Tag tag, String text) {
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.parseBoolean(text.toLowerCase());
        }
        if (Tag.INT.equals(tag)) {
            String t = text.replace("_", "");
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return new BigInteger(t);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            String t = text.toLowerCase();
            return switch (t) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> Double.parseDouble(t);
            };
        }
        return text;
    }

    /** A single value as YAML would read it, for {@code --set key=value} on the command line. */
    public static Object parseValue(String text) {
        Node node = new Compose(LoadSettings.builder().setLabel("--set").build()).composeString(text).orElse(null);
        if (node == null) {
            return null;
        }
        return convert(node, "", new HashMap<>(), "--set");
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(-1);
    }
}
