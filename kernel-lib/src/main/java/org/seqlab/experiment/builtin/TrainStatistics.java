package org.seqlab.experiment.builtin;

import java.util.List;
import org.seqlab.data.batch.Sequence;
import org.seqlab.features.GlobalStats;

/**
 * Feature normalisation with statistics of the training utterances a run actually trains on.
 * Log-mel energies sit around -10 with per-bin spreads that differ several-fold; unnormalised,
 * the first updates of a recurrent net go into undoing that offset. Validation and test are
 * scaled with the same statistics, never their own, so no information leaks from them.
 */
final class TrainStatistics {
    private TrainStatistics() {}

    /** Mean and (population) variance of every coefficient over all frames of {@code train}. */
    static <T> GlobalStats fit(List<Sequence<T>> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("cannot normalise with the statistics of an empty training split");
        }
        GlobalStats stats = new GlobalStats(train.get(0).dimension());
        for (Sequence<T> s : train) {
            stats.add(s.frames());
        }
        return stats;
    }

    /** Every sequence shifted by the mean and scaled to unit variance per coefficient (constant ones only centred). */
    static <T> List<Sequence<T>> apply(GlobalStats stats, List<Sequence<T>> split) {
        return split.stream().map(s -> new Sequence<>(s.id(), stats.apply(s.frames(), true), s.target())).toList();
    }
}
