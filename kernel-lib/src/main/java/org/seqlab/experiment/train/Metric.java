package org.seqlab.experiment.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Accumulates one evaluation number over the batches of a split; a fresh instance per
 * evaluation. {@code P} is the prediction type it reads (registered with the entry, checked
 * against the decoder's), {@code Y} the references of the tasks it accepts. The scoring packages
 * {@code org.seqlab.metrics.sed}, {@code .asr} and {@code .lid} plug in as metrics of
 * {@code <Events, Tags>}, {@code <Tokens, Tokens>} and {@code <Scores, Classes>}.
 */
public interface Metric<P extends Prediction, Y extends Target> {
    /** {@code output} is the model's raw scores, for metrics such as bits per character that need them. */
    void add(INDArray output, P predictions, Y references);

    double value();
}
