package org.seqlab.data.generate;

import java.util.List;
import java.util.Random;
import org.seqlab.data.batch.Sequence;
import org.seqlab.experiment.spec.Param;

/**
 * The adding problem (Hochreiter and Schmidhuber, 1997): input [T][2] of random values in
 * [0, 1) and a marker channel with exactly two ones, one in each half; the target is the sum
 * of the two marked values. Always predicting 1 gives a mean squared error of about 0.167.
 */
public final class AddingProblem extends ToyTask {
    /** datasets.yaml {@code params} of generator {@code adding}. */
    public static final List<Param> PARAMS = List.of(
            Param.integer("length", 100, 2, 100_000, "steps per sequence"));

    private final int length;

    public AddingProblem(int length, long seed) {
        super(seed);
        if (length < 2) {
            throw new IllegalArgumentException("adding problem length must be at least 2, got " + length);
        }
        this.length = length;
    }

    @Override
    public int inputSize() {
        return 2;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public boolean perStep() {
        return false;
    }

    @Override
    protected Sequence<float[][]> example(String id, Random r) {
        float[][] x = new float[length][2];
        for (int t = 0; t < length; t++) {
            x[t][0] = r.nextFloat();
        }
        int half = length / 2;
        int a = r.nextInt(half);
        int b = half + r.nextInt(length - half);
        x[a][1] = 1f;
        x[b][1] = 1f;
        return new Sequence<>(id, x, new float[][] {{x[a][0] + x[b][0]}});
    }
}
