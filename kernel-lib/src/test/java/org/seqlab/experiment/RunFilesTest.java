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
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.experiment.run.AtomicFiles;
import org.seqlab.experiment.run.Checkpoint;
import org.seqlab.experiment.run.Json;
import org.seqlab.experiment.run.RunDirectory;
import org.seqlab.experiment.run.RunStorageException;
import org.seqlab.experiment.spec.Suggest;

class RunFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteKeepsThePreviousFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("results.json");
        AtomicFiles.writeString(f, "old");
        RunStorageException e = assertThrows(RunStorageException.class, () -> AtomicFiles.write(f, out -> {
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
    void checkpointRoundTripsArraysAndMeta() {
        var params = Map.of("encoder.w", Nd4j.rand(3, 4), "head.b", Nd4j.createFromArray(1.5f, -2f));
        var opt = Map.of("encoder.w#m", Nd4j.rand(3, 4).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        Map<String, Object> meta = Map.of("epoch", 3, "loss_sum", 0.1 + 0.2, "history", List.of());
        Path f = dir.resolve("c.bin");
        new Checkpoint(params, opt, meta).save(f);
        Checkpoint back = Checkpoint.load(f);
        assertEquals(params.get("encoder.w"), back.parameters().get("encoder.w"));
        assertEquals(params.get("head.b"), back.parameters().get("head.b"));
        assertEquals(opt.get("encoder.w#m"), back.optimizer().get("encoder.w#m"));
        assertEquals(0.1 + 0.2, back.meta().get("loss_sum"), "doubles round-trip exactly");
        assertEquals(3, back.meta().get("epoch"));
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
