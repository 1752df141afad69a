package org.seqlab.experiment.yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.ExperimentSpec;
import org.seqlab.experiment.spec.Problems;
import org.seqlab.experiment.spec.Schema;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Experiment specs to and from YAML text, with {@code --set} overrides applied before checking. */
public final class SpecYaml {
    private SpecYaml() {}

    public static ExperimentSpec load(Path file, List<String> overrides, Registry registry) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "", "no such experiment file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "", "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString(), overrides, registry);
    }

    public static ExperimentSpec parse(String text, String source, List<String> overrides, Registry registry) {
        YamlTree tree = YamlTree.parse(text, source);
        Map<String, Object> root = tree.root();
        for (String o : overrides) {
            root = Overrides.apply(root, o);
        }
        return Schema.resolve(root, new Problems(source, tree.lines()), registry);
    }

    /** The YAML of a spec; of a resolved spec, every default spelled out. */
    public static String dump(ExperimentSpec spec) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(plain(Schema.toTree(spec)));
    }

    /** Copies into mutable plain collections: the dumper must not see unmodifiable wrapper classes as objects. */
    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return v;
    }
}
