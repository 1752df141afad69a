package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.generate.Generators;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    /** Surefire runs in kernel-lib/; the registry lives at the repository root. */
    static final Path YAML = Path.of("..", "datasets.yaml");

    @TempDir
    Path data;

    @Test
    void repositoryRegistryIsValidAndCoversEveryTask() throws Exception {
        Datasets reg = Datasets.load(YAML, data);
        List<String> names = reg.names();
        for (String n : List.of("soundscapes", "speech-words", "speech-sentences", "lid", "licences-text", "adding", "copy",
                "parity", "librispeech-train-clean-100", "librispeech-dev-clean", "librispeech-test-clean", "speech-commands",
                "fsdd", "esc50", "desed", "tut-sed-2017", "voxlingua107")) {
            assertTrue(names.contains(n), n + " missing from datasets.yaml");
        }
        for (DatasetSpec s : reg.specs()) {
            assertTrue(s.generated() != (s.source() != null), s.name());
            // every generated corpus's params are all understood by its generator
            if (s.inMemory()) {
                assertNotNull(reg.corpus(s.name()).toy());
            } else if (s.generated()) {
                Params p = s.paramsView();
                Generators.get(s.generator()).plan(p, s.seed());
            }
        }
    }

    @Test
    void packagedCopyMatchesTheRepositoryFile() throws Exception {
        try (InputStream in = Datasets.class.getResourceAsStream("/datasets.yaml")) {
            assertNotNull(in, "datasets.yaml is not on the classpath");
            assertEquals(Files.readString(YAML, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void unknownNameSaysWhatToRun() throws Exception {
        Datasets reg = Datasets.load(YAML, data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.corpus("soundscape"));
        assertTrue(e.getMessage().contains("./seqlab datasets list"), e.getMessage());
    }

    @Test
    void missingDownloadSaysWhatToRun() throws Exception {
        Datasets reg = Datasets.load(YAML, data);
        Corpus c = reg.corpus("esc50");
        assertFalse(c.isReady());
        CorpusException e = assertThrows(CorpusException.class, () -> c.split("fold1"));
        assertTrue(e.getMessage().contains("./seqlab datasets prepare esc50"), e.getMessage());
    }

    @Test
    void badEntriesNameTheDatasetAndKey() {
        String base = "datasets:\n  - name: x\n    task: t\n    description: d\n    licence: l\n    size: s\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.parse(base, "f.yaml", data))
                .getMessage().contains("exactly one of 'generator' and 'source'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Datasets.parse(base + "    generator: nope\n    seed: 1\n", "f.yaml", data))
                .getMessage().contains("unknown generator 'nope'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Datasets.parse(base + "    generator: adding\n", "f.yaml", data))
                .getMessage().contains("needs an integer 'seed'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Datasets.parse(base + "    generator: adding\n    seed: 1\n    sede: 2\n", "f.yaml", data))
                .getMessage().contains("unknown key 'sede'"));
        IllegalArgumentException misspelt = assertThrows(IllegalArgumentException.class,
                () -> Datasets.parse(base + "    generator: adding\n    seed: 1\n    params: {lenght: 5}\n", "f.yaml", data)
                        .corpus("x").toy());
        assertTrue(misspelt.getMessage().contains("lenght"), misspelt.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.parse("datasets: [", "f.yaml", data))
                .getMessage().startsWith("f.yaml"));
    }

    @Test
    void dataHomeFollowsPropertyThenDefault() {
        String old = System.getProperty(DataHome.PROPERTY);
        try {
            System.setProperty(DataHome.PROPERTY, data.toString());
            assertEquals(data, DataHome.get());
            System.clearProperty(DataHome.PROPERTY);
            if (System.getenv(DataHome.ENV) == null) {
                assertTrue(DataHome.get().endsWith(Path.of(".cache", "seqlab", "data")));
            }
        } finally {
            if (old != null) {
                System.setProperty(DataHome.PROPERTY, old);
            }
        }
    }
}
