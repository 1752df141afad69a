package org.seqlab.experiment.train;

import org.seqlab.autograd.Tensor;

/** A training loss: a scalar, averaged over the targets that count (padding excluded). */
public interface Objective {
    Tensor loss(Tensor output, Batch batch);
}
