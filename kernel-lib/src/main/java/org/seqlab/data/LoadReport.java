package org.seqlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a loader could not use. In lenient mode they are skipped and counted, so one bad file
 * in a corpus of thousands does not stop an experiment; in strict mode the first one fails.
 * Safe to fill from a prefetch thread while the trainer reads it.
 */
public final class LoadReport {
    private final String where;
    private final boolean strict;
    private final List<String> problems = new ArrayList<>();

    public LoadReport(String where, boolean strict) {
        this.where = where;
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** Records a bad file, or throws at once in strict mode. */
    public synchronized void skip(Path file, String problem) {
        String msg = file + ": " + problem;
        if (strict) {
            throw new CorpusException(where + ": " + msg + " (strict mode; load leniently to skip bad files)");
        }
        problems.add(msg);
    }

    public synchronized void skip(Exception e) {
        if (strict) {
            throw new CorpusException(where + ": " + e.getMessage() + " (strict mode; load leniently to skip bad files)", e);
        }
        problems.add(e.getMessage());
    }

    public synchronized int skipped() {
        return problems.size();
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** One line for logs: how many files were skipped and the first reason. */
    public synchronized String summary() {
        return problems.isEmpty() ? where + ": no files skipped"
                : where + ": skipped " + problems.size() + " bad file(s); first: " + problems.get(0);
    }

    /** Prints the summary to stderr when anything was skipped, so skipping is never silent. */
    public void warnIfSkipped() {
        if (!problems.isEmpty()) {
            System.err.println("warning: " + summary());
        }
    }
}
