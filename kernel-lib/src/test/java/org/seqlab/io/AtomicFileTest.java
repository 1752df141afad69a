package org.seqlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.io.AtomicFile.Durability;

class AtomicFileTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** A new file is readable by others as an ordinary file is; a replaced file keeps its own permissions. */
    @Test
    void writtenFilesAreNotPrivateTemporaries() throws IOException {
        Path fresh = dir.resolve("claims.json");
        AtomicFile.writeString(fresh, Durability.UNSYNCED, "{}");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        Path kept = dir.resolve("kept.txt");
        Files.writeString(kept, "old");
        Files.setPosixFilePermissions(kept, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        AtomicFile.writeString(kept, Durability.UNSYNCED, "new");
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertEquals("new", Files.readString(kept));
    }

    @Test
    void successReplacesTheOldFileAndLeavesOnlyTheTarget() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "old, longer than the new content");
        for (Durability d : Durability.values()) {
            AtomicFile.writeString(f, d, "new " + d);
            assertEquals("new " + d, Files.readString(f));
        }
        byte[] bytes = {0, 1, 2, (byte) 255};
        AtomicFile.write(f, Durability.SYNCED, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(f));
        assertEquals(List.of(f), files());
    }

    @Test
    void theTemporaryIsHiddenInTheTargetsFolderWhileWriting() throws IOException {
        Path f = dir.resolve("model.ckpt");
        AtomicFile.write(f, Durability.SYNCED, out -> {
            List<Path> during = files();
            assertEquals(1, during.size(), "only the temporary exists while writing: " + during);
            String name = during.get(0).getFileName().toString();
            assertTrue(name.startsWith(".model.ckpt.") && name.endsWith(".tmp"), name);
            out.write(1);
        });
        assertEquals(List.of(f), files());
    }

    @Test
    void failureMidWriteKeepsTheOldFileLeavesNoTemporaryAndRethrowsTheCallersError() throws IOException {
        Path f = dir.resolve("stats.csv");
        AtomicFile.writeString(f, Durability.UNSYNCED, "old");
        IOException full = new IOException("No space left on device");
        for (Durability d : Durability.values()) {
            IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, d, out -> {
                out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                throw full;
            }));
            assertSame(full, e);
            IllegalStateException bug = new IllegalStateException("writer bug");
            assertSame(bug, assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, d, out -> {
                out.write(42);
                throw bug;
            })));
            assertEquals("old", Files.readString(f));
            assertEquals(List.of(f), files());
        }
    }

    @Test
    void aFailedProducerKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("corpus.tar.gz");
        Files.writeString(f, "old");
        IOException cut = new IOException("connection reset");
        assertSame(cut, assertThrows(IOException.class, () -> AtomicFile.produce(f, Durability.UNSYNCED, tmp -> {
            Files.writeString(tmp, "partial download");
            throw cut;
        })));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), files());

        AtomicFile.produce(f, Durability.SYNCED, tmp -> Files.writeString(tmp, "complete"));
        assertEquals("complete", Files.readString(f));
        assertEquals(List.of(f), files());
    }

    @Test
    void publishMovesAFinishedFileAndRemovesItWhenTheRenameFails() throws IOException {
        Path build = Files.createDirectories(dir.resolve(".build"));
        Path finished = build.resolve("render.tmp");
        Path target = dir.resolve("a.wav");
        Files.writeString(finished, "audio");
        AtomicFile.publish(finished, target, Durability.SYNCED);
        assertEquals("audio", Files.readString(target));
        assertFalse(Files.exists(finished));

        Path occupied = Files.createDirectories(dir.resolve("b.wav"));
        Files.writeString(occupied.resolve("inside"), "keep");
        Files.writeString(finished, "more audio");
        assertThrows(IOException.class, () -> AtomicFile.publish(finished, occupied, Durability.UNSYNCED));
        assertFalse(Files.exists(finished), "the finished file is cleaned up after a failed rename");
        assertEquals("keep", Files.readString(occupied.resolve("inside")));
    }

    @Test
    void anInterruptFlagDoesNotAbortTheWriteAndIsKept() throws IOException {
        Path f = dir.resolve("last.ckpt");
        AtomicFile.writeString(f, Durability.UNSYNCED, "old");
        Path nio = dir.resolve("nio.txt");
        Thread.currentThread().interrupt();
        // the trap this class avoids: a file channel refuses to write on an interrupted thread
        assertThrows(ClosedByInterruptException.class, () -> {
            try (FileChannel ch = FileChannel.open(nio, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {1}));
            }
        });
        Thread.currentThread().interrupt();
        Files.deleteIfExists(nio);

        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        AtomicFile.write(f, Durability.SYNCED, out -> {
            for (int off = 0; off < big.length; off += 4096) {
                out.write(big, off, Math.min(4096, big.length - off));
            }
        });
        assertTrue(Thread.currentThread().isInterrupted(), "the stop request is still there for the caller to honour");
        assertArrayEquals(big, Files.readAllBytes(f));
        assertEquals(List.of(f), files());
    }
}
