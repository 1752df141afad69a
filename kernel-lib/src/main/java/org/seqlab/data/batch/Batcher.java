package org.seqlab.data.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.seqlab.experiment.run.Seeds;

/**
 * Cuts a set of sequences into padded batches for one epoch at a time: the one batching path,
 * used by the experiment trainer ({@code experiment.run.Trainer}) and by audio corpora
 * ({@code FeatureSplit.batcher}). The shuffled order of an epoch is
 * {@code Seeds.permutation(n, Seeds.derive(seed, 1, epoch))}, so it depends only on the seed
 * and the epoch number (a resumed run repeats it), never on threads. With bucketing, that
 * order is cut into pools of {@code poolBatches} batches, each pool is sorted by length and cut
 * into batches, and the batch order is shuffled again: batches hold sequences of similar
 * length (little padding) while every epoch still sees a different mix.
 *
 * <pre>{@code
 * var batcher = Batcher.of(sequences, 32).bucketed(50).seed(7);
 * try (var batches = batcher.prefetch(epoch, 4)) {
 *     while (batches.hasNext()) { SequenceBatch<Example> b = batches.next(); ... }
 * }
 * }</pre>
 */
public final class Batcher<T> {
    /** The stream of {@link Seeds#derive} that orders the data, as the trainer has always used. */
    public static final long DATA_ORDER = 1;

    private final int[] lengths;
    private final IntFunction<Sequence<T>> loader;
    private final int batchSize;
    private int poolBatches;
    private long seed;
    private boolean shuffle = true;
    private boolean dropLast;

    private Batcher(int[] lengths, IntFunction<Sequence<T>> loader, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.lengths = lengths;
        this.loader = loader;
        this.batchSize = batchSize;
    }

    /** Batches of sequences already in memory. */
    public static <T> Batcher<T> of(List<Sequence<T>> sequences, int batchSize) {
        List<Sequence<T>> copy = List.copyOf(sequences);
        return new Batcher<>(copy.stream().mapToInt(Sequence::length).toArray(), copy::get, batchSize);
    }

    /**
     * Batches of sequences loaded on demand (decoded and featurised when their batch is made,
     * on the prefetch thread); {@code lengths} are needed up front for bucketing.
     */
    public static <T> Batcher<T> lazy(int[] lengths, IntFunction<Sequence<T>> loader, int batchSize) {
        return new Batcher<>(lengths.clone(), loader, batchSize);
    }

    /**
     * Plans batches over examples known only by their lengths; each batch is assembled by the
     * caller from its indices ({@link #batches(int, int, Function)}), as the trainer's splits do.
     * Examples of one fixed length may give any constant.
     */
    public static Batcher<Void> ofLengths(int[] lengths, int batchSize) {
        return new Batcher<>(lengths.clone(), null, batchSize);
    }

    /** Enables bucketing by length over pools of {@code poolBatches} batches (0 disables it). */
    public Batcher<T> bucketed(int poolBatches) {
        this.poolBatches = poolBatches;
        return this;
    }

    public Batcher<T> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Keeps the original order (for evaluation); bucketing then sorts nothing. */
    public Batcher<T> inOrder() {
        this.shuffle = false;
        return this;
    }

    public Batcher<T> dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    public int size() {
        return lengths.length;
    }

    /** The indices of each batch of {@code epoch}. */
    public List<int[]> plan(int epoch) {
        List<Integer> order = new ArrayList<>(lengths.length);
        if (shuffle) {
            for (int i : Seeds.permutation(lengths.length, Seeds.derive(seed, DATA_ORDER, epoch))) {
                order.add(i);
            }
        } else {
            for (int i = 0; i < lengths.length; i++) {
                order.add(i);
            }
        }
        if (shuffle && poolBatches > 0) {
            int pool = poolBatches * batchSize;
            for (int from = 0; from < order.size(); from += pool) {
                order.subList(from, Math.min(order.size(), from + pool)).sort(Comparator.comparingInt(i -> lengths[i]));
            }
        }
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            int to = Math.min(order.size(), from + batchSize);
            if (dropLast && to - from < batchSize) {
                break;
            }
            batches.add(order.subList(from, to).stream().mapToInt(Integer::intValue).toArray());
        }
        if (shuffle && poolBatches > 0) {
            Collections.shuffle(batches, new Random(Seeds.derive(seed, DATA_ORDER, epoch, 1)));
        }
        return batches;
    }

    /**
     * Batches of one epoch, made as they are asked for. A lazy loader may return null for an
     * example it cannot load (a corrupt file it has already reported); the batch goes on
     * without it, and a batch left empty is dropped.
     */
    public Iterator<SequenceBatch<T>> batches(int epoch) {
        if (loader == null) {
            throw new IllegalStateException("this batcher plans indices only (ofLengths); use batches(epoch, from, assemble)");
        }
        return batches(epoch, 0, idx -> {
            List<Sequence<T>> seqs = new ArrayList<>();
            for (int i : idx) {
                Sequence<T> s = loader.apply(i);
                if (s != null) {
                    seqs.add(s);
                }
            }
            return seqs.isEmpty() ? null : SequenceBatch.of(seqs);
        });
    }

    /**
     * Batches of one epoch from batch number {@code from} of its plan on (a run resumed mid-epoch
     * skips the batches it has done), each made from its indices by {@code assemble}; a null
     * from {@code assemble} is skipped.
     */
    public <B> Iterator<B> batches(int epoch, int from, Function<int[], B> assemble) {
        List<int[]> plan = plan(epoch);
        return new Iterator<>() {
            private int next = from;
            private B ready;

            @Override
            public boolean hasNext() {
                while (ready == null && next < plan.size()) {
                    ready = assemble.apply(plan.get(next++));
                }
                return ready != null;
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                B b = ready;
                ready = null;
                return b;
            }
        };
    }

    /** Batches of one epoch made on a background thread, at most {@code capacity} ahead. */
    public Prefetcher<SequenceBatch<T>> prefetch(int epoch, int capacity) {
        return new Prefetcher<>(batches(epoch), capacity, "batches epoch " + epoch);
    }

    /** {@link #batches(int, int, Function)} made on a background thread, at most {@code capacity} ahead. */
    public <B> Prefetcher<B> prefetch(int epoch, int from, int capacity, Function<int[], B> assemble) {
        return new Prefetcher<>(batches(epoch, from, assemble), capacity, "batches epoch " + epoch);
    }
}
