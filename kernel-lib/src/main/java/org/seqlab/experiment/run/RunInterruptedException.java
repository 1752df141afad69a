package org.seqlab.experiment.run;

/** The run was interrupted (kernel interrupt, Ctrl-C) and saved a checkpoint it can resume from. */
public class RunInterruptedException extends RuntimeException {
    private final RunDirectory run;

    public RunInterruptedException(RunDirectory run, String where) {
        super("run interrupted " + where + "; checkpoint saved, continue with: ./seqlab run --resume " + run.path());
        this.run = run;
    }

    /** Several runs stopped at once (runs trained in parallel): {@code message} names their folders. */
    public RunInterruptedException(String message) {
        super(message);
        this.run = null;
    }

    /** The run that stopped, or null when several did. */
    public RunDirectory run() {
        return run;
    }
}
