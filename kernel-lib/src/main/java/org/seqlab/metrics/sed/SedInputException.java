package org.seqlab.metrics.sed;

/**
 * A scoring setting the user has to fix that is not a line of a file (those are
 * {@link org.seqlab.io.InputFileException}): an option out of its range, a reference without any
 * class. The command line prints the message as one {@code error:} line and exits with status 2,
 * never a stack trace.
 */
public class SedInputException extends IllegalArgumentException {
    public SedInputException(String message) {
        super(message);
    }

}
