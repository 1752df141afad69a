package org.seqlab.data.generate;

import java.util.List;
import java.util.Random;
import org.seqlab.data.batch.Sequence;
import org.seqlab.experiment.spec.Param;

/**
 * Parity of a bit sequence of random length in [minLength, maxLength]: per step (running
 * parity, target [T][1]) or once at the end ([1][1]). Varying lengths exercise bucketing and
 * masks; the final-answer form is hard for gradient descent on long sequences.
 */
public final class ParityTask extends ToyTask {
    /** datasets.yaml {@code params} of generator {@code parity}. */
    public static final List<Param> PARAMS = List.of(
            Param.integer("min_length", 10, 1, 100_000, "shortest string"),
            Param.integer("max_length", 50, 1, 100_000, "longest string"),
            Param.bool("per_step", true, "label every step with the running parity (false: one answer at the end)"));

    private final int minLength;
    private final int maxLength;
    private final boolean perStep;

    public ParityTask(int minLength, int maxLength, boolean perStep, long seed) {
        super(seed);
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("parity lengths need 1 <= min_length <= max_length; got " + minLength + ", " + maxLength);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.perStep = perStep;
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public boolean perStep() {
        return perStep;
    }

    @Override
    protected Sequence<float[][]> example(String id, Random r) {
        int n = minLength + r.nextInt(maxLength - minLength + 1);
        float[][] x = new float[n][1];
        float[][] y = new float[perStep ? n : 1][1];
        int parity = 0;
        for (int t = 0; t < n; t++) {
            int bit = r.nextInt(2);
            x[t][0] = bit;
            parity ^= bit;
            if (perStep) {
                y[t][0] = parity;
            }
        }
        if (!perStep) {
            y[0][0] = parity;
        }
        return new Sequence<>(id, x, y);
    }
}
