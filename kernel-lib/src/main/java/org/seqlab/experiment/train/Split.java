package org.seqlab.experiment.train;

/** One part of a dataset (train, valid or test) that hands out batches by example index. */
public interface Split {
    int size();

    /** The examples at {@code indices}, padded to a common length with a mask where lengths differ. */
    Batch batch(int[] indices);

    /**
     * The utterance or example id of example {@code index}, e.g. the Kaldi id a transcription
     * run writes its hypotheses under; splits made in memory number their examples.
     */
    default String id(int index) {
        return String.format(java.util.Locale.ROOT, "%06d", index);
    }
}
