package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusBuilderTest {
    @TempDir
    Path dir;

    /** A plan of n text files; rendering job {@code failAt} throws, like a crash midway. */
    static CorpusGenerator.Plan plan(int n, int failAt, AtomicInteger renders) {
        List<CorpusGenerator.Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            jobs.add(new CorpusGenerator.Job() {
                @Override
                public String path() {
                    return "items/" + k + ".txt";
                }

                @Override
                public List<String> render(Path target) throws IOException {
                    if (k == failAt) {
                        throw new IOException("simulated crash at item " + k);
                    }
                    renders.incrementAndGet();
                    Files.writeString(target, "item " + k);
                    return List.of("item" + k + "\tlabel\t" + k);
                }
            });
        }
        return new CorpusGenerator.Plan() {
            @Override
            public List<? extends CorpusGenerator.Job> jobs() {
                return jobs;
            }

            @Override
            public void finish(Path root, Map<String, List<String>> records) throws IOException {
                StringBuilder b = new StringBuilder();
                records.values().forEach(ls -> ls.forEach(l -> b.append(l).append('\n')));
                Files.writeString(root.resolve("labels.tsv"), b);
            }
        };
    }

    @Test
    void interruptedBuildHasNoManifestAndResumesWithoutRedoingFinishedItems() throws Exception {
        Path root = dir.resolve("c");
        AtomicInteger renders = new AtomicInteger();
        assertThrows(IOException.class, () -> CorpusBuilder.build("c", root, "r1", plan(10, 6, renders)));
        assertEquals(6, renders.get());
        assertNull(Manifest.read(root), "a half-built corpus must not look complete");

        renders.set(0);
        CorpusBuilder.Result result = CorpusBuilder.build("c", root, "r1", plan(10, -1, renders));
        assertEquals(4, renders.get());
        assertEquals(4, result.rendered());
        assertEquals(6, result.resumed());
        // metadata of resumed items came back from the journal, tabs included
        List<String> labels = Files.readAllLines(root.resolve("labels.tsv"));
        assertEquals(10, labels.size());
        assertEquals("item0\tlabel\t0", labels.get(0));
        assertEquals(11, result.manifest().files().size());
        assertEquals("r1", Manifest.read(root).recipe());
        assertFalse(Files.exists(root.resolve(CorpusBuilder.BUILD_DIR)));
    }

    @Test
    void interruptStopsAtAnItemBoundaryAndTheBuildResumes() throws Exception {
        Path root = dir.resolve("c");
        AtomicInteger renders = new AtomicInteger();
        CorpusGenerator.Plan interrupting = plan(6, -1, renders);
        CorpusGenerator.Plan wrapped = new CorpusGenerator.Plan() {
            @Override
            public List<? extends CorpusGenerator.Job> jobs() {
                List<CorpusGenerator.Job> jobs = new ArrayList<>(interrupting.jobs());
                CorpusGenerator.Job third = jobs.get(2);
                jobs.set(2, new CorpusGenerator.Job() {
                    @Override
                    public String path() {
                        return third.path();
                    }

                    @Override
                    public List<String> render(Path target) throws IOException {
                        Thread.currentThread().interrupt(); // as a kernel interrupt would
                        return third.render(target);
                    }
                });
                return jobs;
            }

            @Override
            public void finish(Path r, Map<String, List<String>> records) throws IOException {
                interrupting.finish(r, records);
            }
        };
        assertThrows(org.seqlab.display.ProgressInterruptedException.class, () -> CorpusBuilder.build("c", root, "r1", wrapped));
        assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        assertNull(Manifest.read(root));
        renders.set(0);
        CorpusBuilder.Result r = CorpusBuilder.build("c", root, "r1", plan(6, -1, renders));
        assertEquals(3, r.resumed());
        assertEquals(3, renders.get());
    }

    @Test
    void damagedFinishedItemIsRenderedAgainOnResume() throws Exception {
        Path root = dir.resolve("c");
        AtomicInteger renders = new AtomicInteger();
        assertThrows(IOException.class, () -> CorpusBuilder.build("c", root, "r1", plan(5, 4, renders)));
        Files.writeString(root.resolve("items/2.txt"), "tampered");
        renders.set(0);
        CorpusBuilder.build("c", root, "r1", plan(5, -1, renders));
        assertEquals(2, renders.get()); // item 2 (checksum no longer matches) and item 4
        assertEquals("item 2", Files.readString(root.resolve("items/2.txt")));
    }

    @Test
    void changedRecipeRebuildsFromScratch() throws Exception {
        Path root = dir.resolve("c");
        AtomicInteger renders = new AtomicInteger();
        CorpusBuilder.build("c", root, "r1", plan(3, -1, renders));
        Files.writeString(root.resolve("stale.txt"), "from the old recipe");
        renders.set(0);
        CorpusBuilder.build("c", root, "r2", plan(3, -1, renders));
        assertEquals(3, renders.get());
        assertFalse(Files.exists(root.resolve("stale.txt")));
        assertEquals("r2", Manifest.read(root).recipe());
    }

    @Test
    void refusesToOverwriteAFolderItDidNotBuild() throws Exception {
        Path root = dir.resolve("mine");
        Files.createDirectories(root);
        Files.writeString(root.resolve("thesis.tex"), "precious");
        IOException e = assertThrows(IOException.class, () -> CorpusBuilder.build("x", root, "r", plan(1, -1, new AtomicInteger())));
        assertTrue(e.getMessage().contains("not a Seqlab-built corpus"), e.getMessage());
        assertEquals("precious", Files.readString(root.resolve("thesis.tex")));
    }

    @Test
    void manifestCheckFindsChangedAndMissingFiles() throws Exception {
        Path root = dir.resolve("c");
        Manifest m = CorpusBuilder.build("c", root, "r1", plan(3, -1, new AtomicInteger())).manifest();
        assertTrue(m.check(root, true).isEmpty());
        Files.writeString(root.resolve("items/1.txt"), "item X"); // same size, other content
        Files.delete(root.resolve("items/2.txt"));
        assertEquals(1, m.check(root, false).size());
        List<String> problems = m.check(root, true);
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).contains("checksum mismatch") || problems.get(1).contains("checksum mismatch"));
    }

    @Test
    void journalEscapingRoundTrips() {
        List<String> lines = List.of("a\tb", "back\\slash\\r", "new\nline", "");
        assertEquals(lines, CorpusBuilder.decode(CorpusBuilder.encode(lines)));
        assertTrue(CorpusBuilder.encode(lines).indexOf('\t') < 0);
    }
}
