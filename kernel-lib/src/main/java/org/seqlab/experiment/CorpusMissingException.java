package org.seqlab.experiment;

/** A dataset that must be prepared (generated or downloaded) before it can be used; says how. */
public class CorpusMissingException extends RuntimeException {
    public CorpusMissingException(String corpus, String howToPrepare) {
        super("corpus '" + corpus + "' is not prepared: " + howToPrepare);
    }

    /**
     * The same error as a worker process reported it (its one line, already naming the corpus and
     * how to prepare it): {@code jobs(n)} rethrows it as the type a run in this JVM throws, so a
     * notebook that catches one catches both.
     */
    public static CorpusMissingException reported(String message) {
        return new CorpusMissingException(message);
    }

    private CorpusMissingException(String message) {
        super(message);
    }
}
