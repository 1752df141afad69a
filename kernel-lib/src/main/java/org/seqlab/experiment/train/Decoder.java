package org.seqlab.experiment.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns model scores into predicted class indices aligned with {@link Batch#labels()}. */
public interface Decoder {
    int[] decode(INDArray output, Batch batch);
}
