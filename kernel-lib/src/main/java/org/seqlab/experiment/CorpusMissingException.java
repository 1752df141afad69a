package org.seqlab.experiment;

/** A dataset that must be prepared (generated or downloaded) before it can be used; says how. */
public class CorpusMissingException extends RuntimeException {
    public CorpusMissingException(String corpus, String howToPrepare) {
        super("corpus '" + corpus + "' is not prepared: " + howToPrepare);
    }
}
