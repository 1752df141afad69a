package org.seqlab.data.generate;

import java.util.List;
import java.util.Random;
import org.seqlab.data.batch.Sequence;
import org.seqlab.experiment.spec.Param;

/**
 * The copy (memory) task with a chosen lag: {@code length} random symbols, then {@code lag}
 * steps of which the last is a delimiter, then {@code length} blank steps during which the
 * symbols must be reproduced. Inputs are one-hot over symbols + blank + delimiter; targets
 * one-hot over symbols + blank, blank everywhere except the recall steps. Guessing blanks and
 * then random symbols gives a cross-entropy of length*ln(symbols)/(2*length+lag) per step.
 */
public final class CopyTask extends ToyTask {
    /** datasets.yaml {@code params} of generator {@code copy}. */
    public static final List<Param> PARAMS = List.of(
            Param.integer("symbols", 8, 2, 1000, "alphabet size"),
            Param.integer("length", 10, 1, 10_000, "symbols to copy"),
            Param.integer("lag", 50, 1, 100_000, "steps between the string and its recall"));

    private final int symbols;
    private final int length;
    private final int lag;

    public CopyTask(int symbols, int length, int lag, long seed) {
        super(seed);
        if (symbols < 2 || length < 1 || lag < 1) {
            throw new IllegalArgumentException("copy task needs symbols >= 2, length >= 1, lag >= 1; got "
                    + symbols + ", " + length + ", " + lag);
        }
        this.symbols = symbols;
        this.length = length;
        this.lag = lag;
    }

    public int blank() {
        return symbols;
    }

    public int delimiter() {
        return symbols + 1;
    }

    @Override
    public int inputSize() {
        return symbols + 2;
    }

    @Override
    public int outputSize() {
        return symbols + 1;
    }

    @Override
    public boolean perStep() {
        return true;
    }

    @Override
    protected Sequence<float[][]> example(String id, Random r) {
        int total = 2 * length + lag;
        float[][] x = new float[total][inputSize()];
        float[][] y = new float[total][outputSize()];
        for (int t = 0; t < total; t++) {
            y[t][blank()] = 1f;
        }
        for (int t = 0; t < length; t++) {
            int s = r.nextInt(symbols);
            x[t][s] = 1f;
            y[length + lag + t][blank()] = 0f;
            y[length + lag + t][s] = 1f;
        }
        for (int t = length; t < total; t++) {
            x[t][t == length + lag - 1 ? delimiter() : blank()] = 1f;
        }
        return new Sequence<>(id, x, y);
    }
}
