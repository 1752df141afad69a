package org.seqlab.experiment.train;

import org.seqlab.optim.StatefulOptimizer;

/**
 * Updates a model's parameters from their gradients. Its state arrays (moments, step count) go
 * into every checkpoint ({@link org.seqlab.nn.Checkpoint}), so a resumed run continues exactly
 * where it stopped.
 */
public interface Optimizer extends StatefulOptimizer {
    void step();

    void zeroGrad();

    void setLearningRate(double rate);
}
