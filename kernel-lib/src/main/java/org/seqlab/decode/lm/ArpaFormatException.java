package org.seqlab.decode.lm;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ARPA language-model file that does not parse. The message is one line, {@code FILE:LINE:
 * problem}, so that a user who brought a model from another toolkit sees where it went wrong.
 */
public class ArpaFormatException extends IOException {
    private final transient Path file;
    private final int line;

    public ArpaFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number; 0 when the problem is the file as a whole (e.g. it ends early). */
    public int line() {
        return line;
    }
}
