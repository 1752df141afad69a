package org.seqlab.data.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seqlab.data.Checksums;
import org.seqlab.data.Params;
import org.seqlab.data.batch.Sequence;

/**
 * A synthetic sequence task made in memory, for experiments on long-range memory and BPTT.
 * Example {@code i} of a stream ("train", "validation", ...) depends only on the seed, the
 * stream and {@code i}, so any slice can be regenerated without the ones before it.
 * Targets are [time][output] (per step) or [1][output] (one answer per sequence).
 */
public abstract class ToyTask {
    private final long seed;

    protected ToyTask(long seed) {
        this.seed = seed;
    }

    public static ToyTask create(String generator, Params p, long seed) {
        ToyTask t = switch (generator) {
            case "adding" -> new AddingProblem(p.getInt("length", 100), seed);
            case "copy" -> new CopyTask(p.getInt("symbols", 8), p.getInt("length", 10), p.getInt("lag", 50), seed);
            case "parity" -> new ParityTask(p.getInt("min_length", 10), p.getInt("max_length", 50),
                    p.getBoolean("per_step", true), seed);
            case "memory-signal" -> new MemorySignal(p.getInt("context", 48), p.getDouble("noise", 0.5),
                    p.getDouble("min_period", 6), p.getDouble("max_period", 16), seed);
            default -> throw new IllegalArgumentException("unknown toy task '" + generator + "'");
        };
        p.checkAllUsed();
        return t;
    }

    public abstract int inputSize();

    public abstract int outputSize();

    /** True when the target has a value per time step, false for one answer per sequence. */
    public abstract boolean perStep();

    protected abstract Sequence<float[][]> example(String id, Random r);

    public Sequence<float[][]> example(String stream, long index) {
        return example(stream + "/" + index, new Random(Checksums.seedFor(seed, stream, index)));
    }

    /** Examples {@code 0..n-1} of a stream. */
    public List<Sequence<float[][]>> generate(String stream, int n) {
        List<Sequence<float[][]>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(example(stream, i));
        }
        return out;
    }
}
