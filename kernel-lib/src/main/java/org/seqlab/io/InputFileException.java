package org.seqlab.io;

/**
 * A user's input file (a transcript, a score table) that cannot be used as it stands. The
 * message is one line, {@code SOURCE:LINE: problem} (or {@code SOURCE: problem} for the file as
 * a whole), so that a command prints it after {@code error: } and the user can go straight to
 * the line; it is the user's to fix, so no stack trace. The source is the file's path, or a name
 * for data made in memory.
 */
public class InputFileException extends IllegalArgumentException {
    private final String source;
    private final int line;

    /** {@code line} is 1-based, or 0 when the problem is the file as a whole. */
    public InputFileException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    /** 1-based; 0 when the problem is the file as a whole or the data were made in memory. */
    public int line() {
        return line;
    }
}
