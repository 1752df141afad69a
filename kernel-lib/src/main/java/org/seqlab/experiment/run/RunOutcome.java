package org.seqlab.experiment.run;

import java.util.List;
import java.util.function.Supplier;

/**
 * One run of a comparison in which diverging is itself a result (training with and without
 * gradient clipping): either the finished run or the divergence, with the epochs before it, so
 * one diverged seed does not end the comparison.
 */
public record RunOutcome(RunResult result, TrainingDivergedException divergence) {

    /** Runs {@code run}; a divergence becomes the outcome instead of propagating. */
    public static RunOutcome of(Supplier<RunResult> run) {
        try {
            return new RunOutcome(run.get(), null);
        } catch (TrainingDivergedException e) {
            return new RunOutcome(null, e);
        }
    }

    public boolean diverged() {
        return divergence != null;
    }

    /** The finished epochs: all of them, or those before the divergence. */
    public List<EpochRecord> history() {
        return diverged() ? divergence.history() : result.history();
    }

    /** A test metric of the finished run; NaN when it diverged. */
    public double metric(String name) {
        return diverged() ? Double.NaN : result.metrics().get(name);
    }

    /** "no", or "at step N" (the global optimizer step whose loss or gradient was not finite). */
    public String divergedWhere() {
        return diverged() ? "at step " + divergence.step() : "no";
    }
}
