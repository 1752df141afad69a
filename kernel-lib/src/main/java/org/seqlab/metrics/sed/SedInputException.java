package org.seqlab.metrics.sed;

/**
 * A scoring input the user has to fix: a malformed TSV row (the message starts with
 * {@code FILE:LINE:}), a file without a duration, an impossible option. The command line prints
 * the message as one {@code error:} line and exits with status 2, never a stack trace.
 */
public class SedInputException extends IllegalArgumentException {
    public SedInputException(String message) {
        super(message);
    }

    /** A problem on one line of one file. */
    public static SedInputException at(String source, int line, String problem) {
        return new SedInputException(source + ":" + line + ": " + problem);
    }
}
