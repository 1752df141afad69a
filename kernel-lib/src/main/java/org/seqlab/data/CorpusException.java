package org.seqlab.data;

/** A corpus cannot be used as it stands; the message says what to run to fix it. */
public class CorpusException extends RuntimeException {
    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
