package org.seqlab.experiment.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every run file is written to a temporary sibling, forced to disk and renamed over the target,
 * so a reader (or a resumed run after {@code kill -9}) sees either the old file or the new one,
 * never half of one.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content produced by {@code writer}. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Appends a line to a log file; a torn last line after a crash is harmless there. */
    public static void appendLine(Path target, String line) {
        try (FileOutputStream out = new FileOutputStream(target.toFile(), true)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RunStorageException(target, "append to", e);
        }
    }

    /** Reads a whole text file without an interruptible channel. */
    public static String read(Path file) {
        try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunStorageException(file, "read", e);
        }
    }

    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            // Classic streams, not NIO channels: a thread interrupt (a kernel's stop button) must not
            // abort the write of the checkpoint that the interrupt itself asks for.
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                content.writeTo(out);
                out.flush();
                out.getFD().sync();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof RunStorageException r) {
                throw r;
            }
            throw new RunStorageException(target, "write", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the original error matters more
                }
            }
        }
    }
}
