package org.seqlab.experiment.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mini-batch as the trainer sees it.
 *
 * @param inputs [batch, time, features]
 * @param mask [batch, time], 1 for real steps and 0 for padding; null when all sequences are full length
 * @param labels class indices: one per example ({@link Target#SEQUENCE_CLASS}) or one per step in
 *     row-major [batch, time] order ({@link Target#STEP_CLASS}, -1 on padding); null for regression
 * @param values real targets, one per example, for {@link Target#SEQUENCE_VALUE}; null otherwise
 */
public record Batch(INDArray inputs, INDArray mask, int[] labels, double[] values) {
    public int size() {
        return (int) inputs.size(0);
    }

    public int steps() {
        return (int) inputs.size(1);
    }
}
