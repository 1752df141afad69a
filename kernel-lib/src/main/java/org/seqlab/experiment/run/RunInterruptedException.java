package org.seqlab.experiment.run;

/** The run was interrupted (kernel interrupt, Ctrl-C) and saved a checkpoint it can resume from. */
public class RunInterruptedException extends RuntimeException {
    private final RunDirectory run;

    public RunInterruptedException(RunDirectory run, String where) {
        super("run interrupted " + where + "; checkpoint saved, continue with: ./seqlab run --resume " + run.path());
        this.run = run;
    }

    public RunDirectory run() {
        return run;
    }
}
