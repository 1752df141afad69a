package org.seqlab.experiment.train;

/** One part of a dataset (train, validation or test) that hands out batches by example index. */
public interface Split {
    int size();

    /** The examples at {@code indices}, padded to a common length with a mask where lengths differ. */
    Batch batch(int[] indices);
}
