package org.seqlab.experiment.train;

/** The learning rate as a function of progress; a pure function so that resuming needs no extra state. */
public interface Schedule {
    double rate(double baseRate, long step, long totalSteps);
}
