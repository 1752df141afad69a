package org.seqlab.experiment.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.data.batch.SequenceBatch;

/**
 * A mini-batch as the trainer sees it.
 *
 * @param inputs [batch, time, features]
 * @param mask [batch, time], 1 for real steps and 0 for padding; null when all sequences are full length
 * @param target the references, typed by the task ({@link Task#reference()}); null when only
 *     predicting (generation from a trained model)
 */
public record Batch(INDArray inputs, INDArray mask, Target target) {
    /**
     * A padded batch from the one batching path ({@code data.batch}): its features, its mask
     * (null when nothing is padded) and the references built for it.
     */
    public static Batch of(SequenceBatch<?> padded, Target target) {
        return new Batch(padded.featuresArray(), padded.maskArrayIfPadded(), target);
    }

    public int size() {
        return (int) inputs.size(0);
    }

    public int steps() {
        return (int) inputs.size(1);
    }

    /** The class ids the scores line up with ({@link Target#classIds()}), or null. */
    public int[] labels() {
        return target == null ? null : target.classIds();
    }

    /** Real targets of a regression batch, or null. */
    public double[] values() {
        return target instanceof Target.Values v ? v.values() : null;
    }

    /** The same references on other inputs (augmentation). */
    public Batch withInputs(INDArray inputs) {
        return new Batch(inputs, mask, target);
    }
}
