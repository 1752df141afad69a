package org.seqlab.experiment.train;

/** One part of a dataset (train, validation or test) that hands out batches by example index. */
public interface Split {
    int size();

    /**
     * The examples at {@code indices}, padded to a common length with a mask where lengths
     * differ ({@link Batch#of} pads through {@code data.batch.SequenceBatch}). The trainer asks
     * for them on a background thread ({@code data.batch.Prefetcher}), one call at a time.
     */
    Batch batch(int[] indices);

    /** The corpus's id of example {@code index} (an utterance path), or null for made-up data. */
    default String id(int index) {
        return null;
    }

    /**
     * Steps in example {@code i}, for bucketing by length ({@code train.bucket}); splits whose
     * examples all have one length need not say.
     */
    default int length(int i) {
        return 1;
    }
}
