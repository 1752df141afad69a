package org.seqlab.experiment.run;

/** The loss became NaN or infinite; the run stopped and the last good checkpoint was kept. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
