package org.seqlab.data.generate;

import java.util.Random;
import org.seqlab.data.batch.Sequence;

/**
 * Next-sample prediction where more past helps: each sequence is a sinusoid with its own
 * period (uniform in [minPeriod, maxPeriod] samples), amplitude (uniform in [0.5, 1.5]) and
 * phase, seen through Gaussian noise; the target is the noiseless next value. A predictor must
 * estimate frequency, amplitude and phase from noisy samples, and the more samples it averages
 * over, the less the noise costs it: a window of L samples leaves an error that shrinks with L,
 * while a recurrent net can keep integrating over the whole context. Input [context][1], target
 * [1][1].
 */
public final class MemorySignal extends ToyTask {
    private final int context;
    private final double noise;
    private final double minPeriod;
    private final double maxPeriod;

    public MemorySignal(int context, double noise, double minPeriod, double maxPeriod, long seed) {
        super(seed);
        if (context < 2 || noise < 0 || minPeriod < 2 || maxPeriod < minPeriod) {
            throw new IllegalArgumentException("memory-signal: need context >= 2, noise >= 0 and 2 <= min_period <= max_period,"
                    + " got context " + context + ", noise " + noise + ", periods " + minPeriod + ".." + maxPeriod);
        }
        this.context = context;
        this.noise = noise;
        this.minPeriod = minPeriod;
        this.maxPeriod = maxPeriod;
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
        return false;
    }

    @Override
    protected Sequence<float[][]> example(String id, Random r) {
        double omega = 2 * Math.PI / (minPeriod + r.nextDouble() * (maxPeriod - minPeriod));
        double amplitude = 0.5 + r.nextDouble();
        double phase = 2 * Math.PI * r.nextDouble();
        float[][] x = new float[context][1];
        for (int t = 0; t < context; t++) {
            x[t][0] = (float) (amplitude * Math.sin(omega * t + phase) + noise * r.nextGaussian());
        }
        return new Sequence<>(id, x, new float[][] {{(float) (amplitude * Math.sin(omega * context + phase))}});
    }
}
