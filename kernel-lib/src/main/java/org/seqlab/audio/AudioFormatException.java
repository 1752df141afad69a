package org.seqlab.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audio file that cannot be decoded. The message always names the file and the problem
 * (truncated, bad header, unsupported format) so that a corpus of thousands of files points
 * at the one to delete or re-download.
 */
public class AudioFormatException extends IOException {
    private final transient Path file;
    private final String problem;

    public AudioFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public AudioFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
