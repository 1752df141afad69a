package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.seqlab.data.DatasetSpec;
import org.seqlab.data.Datasets;
import org.seqlab.data.generate.Generators;
import org.seqlab.experiment.registry.Entry;
import org.seqlab.experiment.registry.Kind;
import org.seqlab.experiment.registry.Registry;
import org.seqlab.experiment.spec.Param;

/**
 * The experiment registry's datasets repeat the recipes of datasets.yaml as parameter defaults
 * (a registry key is the yaml key with '-' for '_', and {@code data-seed} is the entry's seed),
 * so that {@code data: parity} in an experiment is the corpus the catalogue describes. Nothing
 * ties the two copies together but this test.
 */
class DatasetDefaultsAgreeTest {
    /** Registry keys that size the splits in memory; datasets.yaml has no counterpart for them. */
    private static final Set<String> SPLIT_SIZES = Set.of("train", "validation", "test");
    /** Registry keys that change how the experiment layer reads the generated examples, not what is generated. */
    private static final Set<String> READING_OPTIONS = Set.of("recall-only");

    @Test
    void registryDefaultsMatchDatasetsYaml() throws Exception {
        Datasets yaml = Datasets.load(Path.of("..", Datasets.FILE), Path.of("unused-data-home"));
        List<String> problems = new ArrayList<>();
        Set<String> compared = new TreeSet<>();
        for (Entry<?> e : Registry.global().entries(Kind.DATASET)) {
            if (!yaml.names().contains(e.name())) {
                continue;
            }
            DatasetSpec spec = yaml.spec(e.name());
            if (!spec.generated() || !Generators.isInMemory(spec.generator())) {
                continue; // an entry that reads a corpus from disk (its generator writes files) repeats no recipe
            }
            compared.add(e.name());
            Map<String, Param> params = e.paramsByName();
            Param seed = params.get("data-seed");
            if (seed == null || !sameValue(seed.defaultValue(), spec.seed())) {
                problems.add(e.name() + ": data-seed default " + (seed == null ? "missing" : seed.defaultValue())
                        + ", datasets.yaml seed " + spec.seed());
            }
            for (var kv : spec.params().entrySet()) {
                Param p = params.get(kv.getKey().replace('_', '-'));
                if (p == null || !sameValue(p.defaultValue(), kv.getValue())) {
                    problems.add(e.name() + ": " + kv.getKey() + " is " + kv.getValue() + " in datasets.yaml, registry default "
                            + (p == null ? "missing" : p.defaultValue()));
                }
            }
            for (Param p : e.params()) {
                String key = p.name().replace('-', '_');
                if (!p.name().equals("data-seed") && !SPLIT_SIZES.contains(p.name())
                        && !READING_OPTIONS.contains(p.name()) && !spec.params().containsKey(key)) {
                    problems.add(e.name() + ": registry key " + p.name() + " (default " + p.defaultValue()
                            + ") has no '" + key + "' in datasets.yaml");
                }
            }
        }
        assertEquals(List.of(), problems, "EngineEntries.datasets(...) and datasets.yaml disagree");
        assertTrue(compared.containsAll(Set.of("adding", "copy", "parity", "memory-signal")), "compared only " + compared);
    }

    @Test
    void defaultCorporaOfRegistryDatasetsAreInDatasetsYaml() throws Exception {
        Datasets yaml = Datasets.load(Path.of("..", Datasets.FILE), Path.of("unused-data-home"));
        int checked = 0;
        for (Entry<?> e : Registry.global().entries(Kind.DATASET)) {
            Param corpus = e.paramsByName().get("corpus");
            if (corpus != null && corpus.defaultValue() != null) {
                assertTrue(yaml.names().contains((String) corpus.defaultValue()),
                        e.name() + ": default corpus '" + corpus.defaultValue() + "' is not in datasets.yaml " + yaml.names());
                checked++;
            }
        }
        assertTrue(checked >= 2, "spoken-words and chars name a default corpus; checked " + checked);
    }

    private static boolean sameValue(Object registry, Object yaml) {
        if (registry instanceof Number a && yaml instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return registry != null && registry.equals(yaml);
    }
}
