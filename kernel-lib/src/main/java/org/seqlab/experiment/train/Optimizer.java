package org.seqlab.experiment.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Updates a model's parameters from their gradients. Its state (moments, step count) is part of
 * every checkpoint, so a resumed run continues exactly where it stopped.
 */
public interface Optimizer {
    void step();

    void zeroGrad();

    void setLearningRate(double rate);

    /** Copies of every state array by a stable name. */
    Map<String, INDArray> state();

    void loadState(Map<String, INDArray> state);
}
