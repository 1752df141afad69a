package org.seqlab.experiment.builtin;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.experiment.train.Augmentation;
import org.seqlab.experiment.train.Batch;
import org.seqlab.features.SpecAugment;

/** The features branch's SpecAugment applied to each utterance of a training batch, over its valid frames only. */
record SpecAugmentation(SpecAugment augment) implements Augmentation {
    @Override
    public Batch apply(Batch batch, Random rng) {
        INDArray x = batch.inputs().castTo(DataType.FLOAT).dup('c');
        int[] lengths = LastStep.lengths(batch.mask(), batch.size(), batch.steps());
        int dim = (int) x.size(2);
        for (int b = 0; b < batch.size(); b++) {
            INDArray rows = x.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.all());
            float[][] frames = rows.toFloatMatrix();
            float[][] out = augment.apply(frames, rng.nextLong());
            rows.assign(Nd4j.create(out).reshape(lengths[b], dim));
        }
        return batch.withInputs(x);
    }
}
