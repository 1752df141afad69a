package org.seqlab.experiment.run;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.seqlab.io.AtomicFile;

/**
 * Run files are written with {@link AtomicFile}'s guarantee, forced to disk, and their failures
 * become a {@link RunStorageException} naming the file, so a run that cannot store its results
 * stops with a message the user can act on.
 */
public final class RunFiles {
    private RunFiles() {
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, AtomicFile.Content content) {
        try {
            AtomicFile.write(target, AtomicFile.Durability.SYNCED, content);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RunStorageException r) {
                throw r;
            }
            throw new RunStorageException(target, "write", e);
        }
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
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunStorageException(file, "read", e);
        }
    }
}
