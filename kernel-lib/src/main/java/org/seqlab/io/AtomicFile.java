package org.seqlab.io;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one way Seqlab replaces a file that something else may read: checkpoints, run results,
 * feature caches, corpus files and manifests.
 *
 * <p>The guarantee: a reader, or a resumed run after {@code kill -9} or a kernel restart, sees
 * either the complete old file or the complete new one, never a torn mix. The new content goes to
 * a hidden temporary sibling ({@code .name.<random>.tmp}, same folder so the rename cannot cross
 * file systems), which is renamed over the target only once it is complete; if anything fails
 * before that, the temporary is deleted and the old file is untouched, and the caller's exception
 * propagates unchanged. With {@link Durability#SYNCED} the content is also forced to disk before
 * the rename, so after a power loss the target is the old file or the new one (the rename itself
 * is not forced: it may be the old one).
 *
 * <p>Writing uses classic {@link FileOutputStream}s, not NIO channels, on purpose: a channel
 * closes itself when its thread is interrupted, and an interrupt (a notebook's stop button) is
 * exactly when a training loop saves its checkpoint. An interrupt flag therefore neither aborts
 * nor clears during a write here.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Whether the content is forced to disk before it replaces the target. */
    public enum Durability {
        /**
         * Survives power loss; costs one disk flush per file. For files that cannot be recomputed
         * cheaply or that mark work as done: checkpoints, run results.
         */
        SYNCED,
        /**
         * Survives a killed process, not necessarily a power loss. For files written by the
         * thousand that are verified or recomputed anyway (feature caches, rendered corpus audio,
         * downloads checked by checksum), where a flush per file would dominate the run time.
         */
        UNSYNCED
    }

    /**
     * Streams the new content. The writer may close the stream (a zip or gzip wrapper has to be
     * closed to finish): that only flushes, and the file stays open to be forced to disk.
     */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills the temporary file by path, for producers that open the file themselves (downloads). */
    @FunctionalInterface
    public interface Producer {
        void writeTo(Path temporary) throws IOException;
    }

    public static void write(Path target, Durability durability, byte[] bytes) throws IOException {
        write(target, durability, out -> out.write(bytes));
    }

    public static void writeString(Path target, Durability durability, CharSequence text) throws IOException {
        write(target, durability, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, Durability durability, Content content) throws IOException {
        Path tmp = createTemporary(target);
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                content.writeTo(new KeepOpen(out));
                out.flush();
                if (durability == Durability.SYNCED) {
                    out.getFD().sync();
                }
            }
            rename(tmp, target);
            tmp = null;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * As {@link #write(Path, Durability, Content)} for a producer that writes the temporary file
     * by path; what the producer does to be interruptible or not is up to it.
     */
    public static void produce(Path target, Durability durability, Producer producer) throws IOException {
        Path tmp = createTemporary(target);
        try {
            producer.writeTo(tmp);
            publish(tmp, target, durability);
            tmp = null;
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Replaces {@code target} with a finished file that the caller placed on the same file system
     * (a build folder it cleans itself, say); the finished file is gone afterwards, whether the
     * rename succeeded or not.
     */
    public static void publish(Path finished, Path target, Durability durability) throws IOException {
        try {
            if (durability == Durability.SYNCED) {
                try (FileOutputStream out = new FileOutputStream(finished.toFile(), true)) {
                    out.getFD().sync();
                }
            }
            rename(finished, target);
            finished = null;
        } finally {
            deleteQuietly(finished);
        }
    }

    /** Lets a writer close its wrappers without closing the file before it is synced. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * {@code createTempFile} makes a private file (rw-------), right for a temporary but wrong for
     * what it becomes: a report, claims file or run result that others sharing the folder read. So
     * the temporary takes the permissions of the file it replaces, or those of an ordinary new file
     * (rw-r--r--), where the file system has POSIX permissions.
     */
    private static Path createTemporary(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target) : ORDINARY);
        } catch (UnsupportedOperationException notPosix) {
            // nothing to carry over
        }
        return tmp;
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> ORDINARY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // file systems without an atomic rename (some network mounts): still never a torn target,
            // since the temporary is complete, only a short moment without any target
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a hidden leftover is harmless; the error that got us here matters more
            }
        }
    }
}
