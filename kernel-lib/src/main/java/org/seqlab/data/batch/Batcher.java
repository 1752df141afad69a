package org.seqlab.data.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Cuts a set of sequences into padded batches for one epoch at a time. With bucketing, the
 * shuffled order is cut into pools of {@code poolBatches} batches, each pool is sorted by
 * length and cut into batches, and the batch order is shuffled again: batches hold sequences
 * of similar length (little padding) while every epoch still sees a different mix. The order
 * depends only on the seed and the epoch number.
 *
 * <pre>{@code
 * var batcher = Batcher.of(sequences, 32).bucketed(50).seed(7);
 * try (var batches = batcher.prefetch(epoch, 4)) {
 *     while (batches.hasNext()) { SequenceBatch<Example> b = batches.next(); ... }
 * }
 * }</pre>
 */
public final class Batcher<T> {
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
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Random r = new Random(seed * 1_000_003L + epoch);
        if (shuffle) {
            Collections.shuffle(order, r);
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
            Collections.shuffle(batches, r);
        }
        return batches;
    }

    /**
     * Batches of one epoch, made as they are asked for. A lazy loader may return null for an
     * example it cannot load (a corrupt file it has already reported); the batch goes on
     * without it, and a batch left empty is dropped.
     */
    public Iterator<SequenceBatch<T>> batches(int epoch) {
        List<int[]> plan = plan(epoch);
        return new Iterator<>() {
            private int next;
            private SequenceBatch<T> ready;

            @Override
            public boolean hasNext() {
                while (ready == null && next < plan.size()) {
                    List<Sequence<T>> seqs = new ArrayList<>();
                    for (int i : plan.get(next++)) {
                        Sequence<T> s = loader.apply(i);
                        if (s != null) {
                            seqs.add(s);
                        }
                    }
                    if (!seqs.isEmpty()) {
                        ready = SequenceBatch.of(seqs);
                    }
                }
                return ready != null;
            }

            @Override
            public SequenceBatch<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SequenceBatch<T> b = ready;
                ready = null;
                return b;
            }
        };
    }

    /** Batches of one epoch made on a background thread, at most {@code capacity} ahead. */
    public Prefetcher<SequenceBatch<T>> prefetch(int epoch, int capacity) {
        return new Prefetcher<>(batches(epoch), capacity, "batches epoch " + epoch);
    }
}
