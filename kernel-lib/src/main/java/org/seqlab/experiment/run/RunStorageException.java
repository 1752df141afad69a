package org.seqlab.experiment.run;

import java.nio.file.Path;

/** The run folder cannot be written (read-only, full, not a folder); names the file and the cause. */
public class RunStorageException extends RuntimeException {
    public RunStorageException(Path path, String what, Exception cause) {
        super("cannot " + what + " " + path + ": " + describe(cause)
                + "; files written before this one are intact", cause);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException || e instanceof java.nio.file.ReadOnlyFileSystemException) {
            return "permission denied (read-only folder?)";
        }
        if (m != null && m.contains("No space left")) {
            return "no space left on the device";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return m == null ? kind : kind + ": " + m;
    }
}
