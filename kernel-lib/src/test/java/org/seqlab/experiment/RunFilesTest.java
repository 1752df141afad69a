package org.seqlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.autograd.Rng;
import org.seqlab.experiment.run.RunFiles;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunStorageException;
import org.seqlab.experiment.spec.Suggest;
import org.seqlab.nn.Checkpoint;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Sequential;

class RunFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsThePreviousFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("results.json");
        RunFiles.writeString(f, "old");
        RunStorageException e = assertThrows(RunStorageException.class, () -> RunFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().startsWith("cannot write " + f + ": no space left on the device"), e.getMessage());
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test
    void concurrentRunsGetDistinctFolders() throws Exception {
        Set<Path> made = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> made.add(RunDirectory.create(dir, "same").path()));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(200, made.size());
        try (Stream<Path> s = Files.list(dir.resolve("same"))) {
            assertEquals(200, s.count());
        }
    }

    @Test
    void runCountersRoundTripExactlyThroughTheCheckpointMeta() throws IOException {
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("epoch", 3);
        meta.put("loss_sum", 0.1 + 0.2);
        meta.put("best", Double.NaN);
        meta.put("history", List.of(Map.of("epoch", 1, "train_loss", 1.0 / 3)));
        Path f = dir.resolve(RunDirectory.LAST);
        Checkpoint.save(f, new Sequential().add("head", new Linear(2, 2, new Rng(1))), null, Map.of("trainer.json", Json.write(meta)));
        Map<String, Object> back = Json.readObject(Checkpoint.metadata(f).get("trainer.json"));
        assertEquals(0.1 + 0.2, back.get("loss_sum"), "doubles round-trip exactly");
        assertEquals(3, back.get("epoch"));
        assertEquals(null, back.get("best"), "NaN (no best yet) is stored as null");
        assertEquals(1.0 / 3, ((Map<?, ?>) ((List<?>) back.get("history")).get(0)).get("train_loss"));
    }

    @Test
    void jsonEscapesAndRoundTrips() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("text", "a \"quoted\"\nline\\");
        m.put("x", 1.0 / 3);
        m.put("nan", Double.NaN);
        m.put("list", List.of(1, 2L, true));
        Map<String, Object> back = Json.readObject(Json.write(m));
        assertEquals("a \"quoted\"\nline\\", back.get("text"));
        assertEquals(1.0 / 3, back.get("x"));
        assertEquals(null, back.get("nan"));
        assertEquals(List.of(1, 2, true), back.get("list"));
    }

    @Test
    void editDistanceByHand() {
        assertEquals(0, Suggest.distance("epochs", "epochs"));
        assertEquals(1, Suggest.distance("epocs", "epochs"));
        assertEquals(1, Suggest.distance("epcohs", "epochs"), "adjacent swap counts once");
        assertEquals(3, Suggest.distance("kitten", "sitting"));
        assertEquals("hidden", Suggest.nearest("hiden", List.of("layers", "hidden", "pool")));
        assertEquals(null, Suggest.nearest("optimiser-x", List.of("seed", "batch")));
    }
}
