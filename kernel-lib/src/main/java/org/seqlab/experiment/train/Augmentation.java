package org.seqlab.experiment.train;

import java.util.Random;

/** Changes a training batch at random; {@code rng} is derived from the seed, epoch and step. */
public interface Augmentation {
    Batch apply(Batch batch, Random rng);
}
