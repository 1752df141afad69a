package org.seqlab.experiment.train;

/** One part of a dataset (train, valid or test) that hands out batches by example index. */
public interface Split {
    int size();

    /** The examples at {@code indices}, padded to a common length with a mask where lengths differ. */
    Batch batch(int[] indices);

    /** The corpus's id of example {@code index} (an utterance path), or null for made-up data. */
    default String id(int index) {
        return null;
    }
}
