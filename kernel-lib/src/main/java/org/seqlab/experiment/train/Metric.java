package org.seqlab.experiment.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Accumulates one evaluation number over the batches of a split. A fresh instance per evaluation. */
public interface Metric {
    /** {@code predictions} come from the run's decoder (null for regression tasks). */
    void add(INDArray output, int[] predictions, Batch batch);

    double value();
}
