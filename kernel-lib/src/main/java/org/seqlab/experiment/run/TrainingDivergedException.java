package org.seqlab.experiment.run;

import java.nio.file.Path;
import java.util.List;

/**
 * The loss or a gradient became NaN or infinite; the run stopped and the last good checkpoint
 * was kept. It carries the step and the epochs finished before it, so a comparison (a notebook
 * cell over with/without clipping) can record the divergence as a result instead of losing it.
 */
public class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final List<EpochRecord> history;
    private final Path run;

    public TrainingDivergedException(String message) {
        this(message, 0, List.of(), null);
    }

    public TrainingDivergedException(String message, long step, List<EpochRecord> history, Path run) {
        super(message);
        this.step = step;
        this.history = List.copyOf(history);
        this.run = run;
    }

    /** The global optimizer step (from 1) whose loss or gradient was not finite; 0 when unknown. */
    public long step() {
        return step;
    }

    /** The epochs completed before the divergence. */
    public List<EpochRecord> history() {
        return history;
    }

    /** The run folder, or null when unknown. */
    public Path run() {
        return run;
    }
}
