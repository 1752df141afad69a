package org.seqlab.experiment.run;

/**
 * The exit codes of {@code ./seqlab}, in the experiment layer because both ends use them: the
 * command line ({@code cli.CliErrors}) sets them, and {@link ParallelRuns} reads a worker's code
 * back into the exception it stood for. One list, so the two cannot drift apart.
 */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CORPUS_MISSING = 3;
    public static final int DIVERGED = 4;
    public static final int STORAGE = 5;
    public static final int INTERRUPTED = 130;
}
