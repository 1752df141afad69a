package org.seqlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The registry of corpora declared in {@code datasets.yaml}.
 *
 * <p>Which file: {@code $SEQLAB_DATASETS} if set; else the first {@code datasets.yaml} found in
 * the working directory or one of its parents (so notebooks under {@code notebooks/} see the
 * repository's file and edits to it take effect at once); else the copy packaged in the jar as
 * the resource {@code /datasets.yaml} (kernel-lib's build copies the top-level file), so an
 * installed kernel works from any folder.
 *
 * <pre>{@code
 * Corpus c = Datasets.get("soundscapes");   // builds it on first use
 * Split val = c.split("validation");
 * }</pre>
 */
public final class Datasets {
    public static final String FILE = "datasets.yaml";
    public static final String ENV = "SEQLAB_DATASETS";

    private static Datasets defaultRegistry;

    private final String source;
    private final Map<String, DatasetSpec> specs;
    private final Path dataHome;

    private Datasets(String source, Map<String, DatasetSpec> specs, Path dataHome) {
        this.source = source;
        this.specs = specs;
        this.dataHome = dataHome;
    }

    /** The registry from the default datasets.yaml, read once per JVM. */
    public static synchronized Datasets registry() {
        if (defaultRegistry == null) {
            defaultRegistry = locate();
        }
        return defaultRegistry;
    }

    /** Reads datasets.yaml again, after it was edited in a running notebook. */
    public static synchronized Datasets reload() {
        defaultRegistry = locate();
        return defaultRegistry;
    }

    /** Shorthand for {@code registry().corpus(name)}. */
    public static Corpus get(String name) {
        return registry().corpus(name);
    }

    /** The corpus {@code name} of the default registry, its files under {@code dataHome} instead of the default data folder. */
    public static Corpus get(String name, Path dataHome) {
        return new Corpus(registry().spec(name), dataHome);
    }

    public static Datasets load(Path yaml) throws IOException {
        return load(yaml, DataHome.get());
    }

    public static Datasets load(Path yaml, Path dataHome) throws IOException {
        return parse(Files.readString(yaml, StandardCharsets.UTF_8), yaml.toString(), dataHome);
    }

    public static Datasets parse(String yamlText, String source, Path dataHome) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yamlText);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> m) || !(m.get("datasets") instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": expected a top-level 'datasets:' list");
        }
        Map<String, DatasetSpec> specs = new LinkedHashMap<>();
        for (Object node : list) {
            DatasetSpec spec = DatasetSpec.parse(node, source);
            if (spec.name().equals(DataHome.FEATURES)) {
                throw new IllegalArgumentException(source + ": dataset name '" + DataHome.FEATURES
                        + "' is reserved for the feature cache in the data folder; rename the dataset");
            }
            if (specs.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException(source + ": dataset '" + spec.name() + "' is declared twice");
            }
        }
        return new Datasets(source, specs, dataHome);
    }

    private static Datasets locate() {
        try {
            String env = System.getenv(ENV);
            if (env != null && !env.isBlank()) {
                return load(Path.of(env));
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path f = dir.resolve(FILE);
                if (Files.isRegularFile(f)) {
                    return load(f);
                }
            }
            try (InputStream in = Datasets.class.getResourceAsStream("/" + FILE)) {
                if (in == null) {
                    throw new IllegalStateException("no datasets.yaml: set " + ENV + " or run from the Seqlab repository");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:/" + FILE, DataHome.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String source() {
        return source;
    }

    public Path dataHome() {
        return dataHome;
    }

    public List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    public List<DatasetSpec> specs() {
        return new ArrayList<>(specs.values());
    }

    public DatasetSpec spec(String name) {
        DatasetSpec s = specs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "' in " + source
                    + "; run ./seqlab datasets list to see the names: " + names());
        }
        return s;
    }

    /** A handle on a corpus; nothing is built or read until it is used. */
    public Corpus corpus(String name) {
        return new Corpus(spec(name), dataHome);
    }
}
