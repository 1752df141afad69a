package org.seqlab.experiment.spec;

/**
 * How to train: optimizer (with its learning rate), schedule, length, batch size, gradient
 * clipping, early stopping and the seed every random choice derives from.
 *
 * @param clip maximum global gradient norm; 0 turns clipping off
 * @param patience epochs without improvement of the monitored value before stopping; 0 never stops early
 * @param truncate truncated BPTT: steps per chunk, the state carried between chunks without its
 *     gradient; 0 backpropagates through the whole sequence
 * @param bucket length bucketing of the training batches ({@code data.batch.Batcher}): each pool
 *     of this many batches of the shuffled order is sorted by length before it is cut, so a batch
 *     pads little; 0 keeps the shuffled order as it is
 * @param updates optimizer steps to train for, whatever the size of the training split: the
 *     run makes {@code ceil(updates / steps per epoch)} epochs (at least one) instead of
 *     {@code epochs}, so runs on a half or a twentieth of the data get about the same number of
 *     updates (a learning curve over data size compares data, not training length); 0 uses
 *     {@code epochs}
 */
public record TrainSpec(Choice optimizer, Choice schedule, int epochs, int batch, double clip, int patience, long seed,
                        int truncate, int bucket, int updates) {

    /** Every field at its schema default, with the given optimizer. */
    public static TrainSpec with(Choice optimizer) {
        return new TrainSpec(optimizer, Choice.of((String) Schema.SCHEDULE_DEFAULT),
                (Integer) Schema.EPOCHS.defaultValue(), (Integer) Schema.BATCH.defaultValue(),
                (Double) Schema.CLIP.defaultValue(), (Integer) Schema.PATIENCE.defaultValue(),
                (Long) Schema.SEED.defaultValue(), (Integer) Schema.TRUNCATE.defaultValue(),
                (Integer) Schema.BUCKET.defaultValue(), (Integer) Schema.UPDATES.defaultValue());
    }

    public static TrainSpec adam(double lr) {
        return with(Choice.of("adam").with("lr", lr));
    }

    public static TrainSpec sgd(double lr) {
        return with(Choice.of("sgd").with("lr", lr));
    }

    public TrainSpec optimizer(Choice o) {
        return new TrainSpec(o, schedule, epochs, batch, clip, patience, seed, truncate, bucket, updates);
    }

    /** {@code optimizer(Optimizers.sgd().lr(0.1).momentum(0.9))}. */
    public TrainSpec optimizer(ChoiceBuilder<?> o) {
        return optimizer(o.choice());
    }

    /** {@code schedule(Optimizers.cosine().warmup(100))}. */
    public TrainSpec schedule(ChoiceBuilder<?> s) {
        return schedule(s.choice());
    }

    public TrainSpec schedule(Choice s) {
        return new TrainSpec(optimizer, s, epochs, batch, clip, patience, seed, truncate, bucket, updates);
    }

    public TrainSpec epochs(int e) {
        return new TrainSpec(optimizer, schedule, e, batch, clip, patience, seed, truncate, bucket, updates);
    }

    public TrainSpec batch(int b) {
        return new TrainSpec(optimizer, schedule, epochs, b, clip, patience, seed, truncate, bucket, updates);
    }

    public TrainSpec clip(double c) {
        return new TrainSpec(optimizer, schedule, epochs, batch, c, patience, seed, truncate, bucket, updates);
    }

    public TrainSpec patience(int p) {
        return new TrainSpec(optimizer, schedule, epochs, batch, clip, p, seed, truncate, bucket, updates);
    }

    public TrainSpec seed(long s) {
        return new TrainSpec(optimizer, schedule, epochs, batch, clip, patience, s, truncate, bucket, updates);
    }

    /** Bucketing by length over pools of {@code poolBatches} batches; 0 turns it off. */
    public TrainSpec bucket(int poolBatches) {
        return new TrainSpec(optimizer, schedule, epochs, batch, clip, patience, seed, truncate, poolBatches, updates);
    }

    public TrainSpec truncate(int k) {
        return new TrainSpec(optimizer, schedule, epochs, batch, clip, patience, seed, k, bucket, updates);
    }

    public TrainSpec updates(int n) {
        return new TrainSpec(optimizer, schedule, epochs, batch, clip, patience, seed, truncate, bucket, n);
    }

    /** Optimizer steps in one epoch over {@code trainSize} examples. */
    public int stepsPerEpoch(int trainSize) {
        return (trainSize + batch - 1) / batch;
    }

    /** The epochs a run over {@code trainSize} training examples makes: {@code epochs}, or enough for {@code updates}. */
    public int epochsFor(int trainSize) {
        if (updates <= 0) {
            return epochs;
        }
        int per = Math.max(1, stepsPerEpoch(trainSize));
        return Math.max(1, (updates + per - 1) / per);
    }
}
