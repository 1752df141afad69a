package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion marker that makes a public corpus ready: its content and its atomic write. */
class SourcesTest {
    @TempDir
    Path dir;

    private static final String ENTRY = "datasets:\n  - name: mini\n    task: t\n    description: d\n    licence: l\n"
            + "    size: s\n    format: fsdd\n    source:\n";

    @Test
    void manualCorpusIsMarkedCompleteOnceItsFormatLoadsIt() throws Exception {
        Path data = dir.resolve("data");
        Corpus c = Datasets.parse(ENTRY + "      url: https://example.org/mini\n      archive_root: mini\n      manual: true\n",
                "t.yaml", data).corpus("mini");
        CorpusException missing = assertThrows(CorpusException.class, c::prepare);
        assertTrue(missing.getMessage().contains(data.resolve("mini/mini").toString())
                && missing.getMessage().contains("https://example.org/mini"), missing.getMessage());
        assertFalse(c.isReady());

        Path recordings = Files.createDirectories(data.resolve("mini/mini/recordings"));
        for (String name : List.of("3_alice_7.wav", "3_alice_1.wav", "4_bob_12.wav")) {
            Files.writeString(recordings.resolve(name), "not audio; the format only lists files");
        }
        c.prepare();
        assertTrue(c.isReady());
        assertEquals("manual\nexamples 3\n", Files.readString(data.resolve("mini/" + Sources.COMPLETE_MARKER)));
        assertEquals(List.of(), leftovers(data.resolve("mini")));
    }

    @Test
    void downloadedCorpusMarkerRecordsChecksumAndFileCount() throws Exception {
        Path z = ArchivesTest.zip(dir.resolve("mini.zip"), "mini/recordings/3_alice_7.wav", "mini/recordings/3_alice_1.wav");
        String sha = Checksums.sha256(z);
        Path data = dir.resolve("data");
        Corpus c = Datasets.parse(ENTRY + "      url: " + z.toUri() + "\n      archive_root: mini\n      sha256: " + sha + "\n",
                "t.yaml", data).corpus("mini");
        c.prepare();
        assertEquals("sha256 " + sha + "\nfiles 2\n", Files.readString(data.resolve("mini/" + Sources.COMPLETE_MARKER)));
        assertEquals(List.of(), leftovers(data.resolve("mini")));
    }

    /** Temporaries that an atomic write would have left behind. */
    private static List<Path> leftovers(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
