package org.seqlab.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.data.DatasetSpec;
import org.seqlab.data.Datasets;
import org.seqlab.data.Params;
import org.seqlab.experiment.spec.ConfigException;
import org.seqlab.experiment.spec.Param;

/**
 * Generators declare their datasets.yaml parameters ({@link org.seqlab.data.CorpusGenerator#params()},
 * the toy tasks' {@code PARAMS}); these tests hold every generator to its declaration: it reads
 * exactly the keys it declares, the repository's entries stay within the declarations, and a bad
 * value is one line naming datasets.yaml, the entry and the key.
 */
class GeneratorParamsTest {
    @TempDir
    Path data;

    @Test
    void everyGeneratorReadsExactlyTheKeysItDeclares() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String name : Generators.names()) {
            List<Param> declared = Generators.declaration(name);
            Set<String> names = new LinkedHashSet<>();
            declared.forEach(p -> assertTrue(names.add(p.name()), name + " declares '" + p.name() + "' twice"));
            declared.forEach(p -> assertFalse(p.doc().isBlank(), name + "." + p.name() + " has no doc"));
            Params p = new Params(name, declared, Map.of());
            if (Generators.isInMemory(name)) {
                ToyTask.create(name, p, 1);
            } else {
                if (!GeneratorTestSupport.haveEspeak() && !Generators.isText(name)) {
                    continue; // planning the audio corpora needs espeak-ng's version and word lists
                }
                Generators.get(name).inputs(p);
                Generators.get(name).plan(p, 1);
            }
            checked++;
            if (!p.reads().equals(names)) {
                Set<String> unread = new TreeSet<>(names);
                unread.removeAll(p.reads());
                problems.add(name + " declares but never reads " + unread);
            }
        }
        assertEquals(List.of(), problems);
        if (GeneratorTestSupport.haveEspeak()) {
            assertEquals(Generators.names().size(), checked, "every generator planned");
        }
        assertTrue(checked >= 4, "checked " + checked + " of " + Generators.names());
    }

    @Test
    void readingAKeyThatIsNotDeclaredIsAProgrammingError() {
        Params p = new Params("copy", CopyTask.PARAMS, Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.getInt("lenght"));
        assertTrue(e.getMessage().contains("does not declare"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.getDouble("lag"), "declared as an integer, read as a number");
    }

    @Test
    void defaultsComeFromTheDeclarationAndGivenValuesAreNormalised() {
        Params p = new Params("copy", CopyTask.PARAMS, Map.of("lag", 20.0));
        assertEquals(20, p.getInt("lag"), "a whole number written 20.0 is an integer");
        assertEquals(8, p.getInt("symbols"));
        Params s = new Params("sc", SoundscapeGenerator.PARAMS, Map.of("snr_db", List.of(0, 12)));
        assertEquals(List.of(0.0, 12.0), List.of(s.getRange("snr_db")[0], s.getRange("snr_db")[1]));
        assertEquals(List.of(1.0, 5.0), List.of(s.getRange("events_per_clip")[0], s.getRange("events_per_clip")[1]));
    }

    @Test
    void everyRepositoryEntryUsesOnlyKeysItsGeneratorDeclares() throws Exception {
        // parsing checks each generated entry against its generator's declaration
        Datasets reg = Datasets.load(Path.of("..", Datasets.FILE), data);
        int entries = 0;
        for (DatasetSpec s : reg.specs()) {
            if (s.generated()) {
                Set<String> declared = new TreeSet<>();
                Generators.declaration(s.generator()).forEach(p -> declared.add(p.name()));
                assertTrue(declared.containsAll(s.params().keySet()), s.name() + ": " + s.params().keySet() + " vs " + declared);
                entries++;
            }
        }
        assertTrue(entries >= 8, "generated entries " + entries);
    }

    @Test
    void wrongTypeOutOfRangeAndUnknownKeysAreOneLineNamingFileEntryAndKey() {
        assertEquals("datasets.yaml: c.params.lag: 'long' is not allowed; expected an integer in [1, 100000]",
                refused("copy", "{lag: long}"));
        assertEquals("datasets.yaml: c.params.lag: '0' is not allowed; expected an integer in [1, 100000]",
                refused("copy", "{lag: 0}"));
        assertEquals("datasets.yaml: c.params: unknown key 'lagg'; did you mean 'lag'? (declared: symbols, length, lag)",
                refused("copy", "{lagg: 5}"));
        assertEquals("datasets.yaml: c.params.snr_db: '[20, 6]' is not allowed; expected a range [low, high] with"
                + " low <= high in [-30, 60]", refused("soundscapes", "{snr_db: [20, 6]}"));
        assertEquals("datasets.yaml: c.params.languages: 'en' is not allowed; expected a list of strings",
                refused("lid", "{languages: en}"));
        String two = refused("copy", "{lag: 0, symbols: 1}");
        assertTrue(two.contains("c.params.lag") && two.contains("c.params.symbols"), "every problem at once: " + two);
    }

    private String refused(String generator, String params) {
        ConfigException e = assertThrows(ConfigException.class, () -> GeneratorTestSupport.registry(
                Generators.isInMemory(generator) ? null : "dcase", generator, 1, params, data, "datasets.yaml"));
        if (e.problems().size() == 1) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        return e.getMessage();
    }
}
