package org.seqlab.autograd;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.ops.Buf;

/**
 * The engine's only source of randomness (initialisers, dropout). Numbers are drawn in Java,
 * element by element in c-order, never by ND4J's native generators, so the same seed gives the
 * same weights and masks whatever the thread count or ND4J backend.
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent generator, e.g. one per layer, so adding a layer does not shift the others' draws. */
    public Rng split() {
        return new Rng(random.split());
    }

    public double uniform() {
        return random.nextDouble();
    }

    public long nextLong() {
        return random.nextLong();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Standard normal by the Box-Muller transform (deterministic, unlike a cached-pair variant across splits). */
    public double normal() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A new array of uniform values in [lo, hi). */
    public INDArray uniform(DataType type, double lo, double hi, long... shape) {
        INDArray a = Nd4j.createUninitialized(type, shape);
        Buf b = Buf.of(a);
        long n = a.length();
        for (int i = 0; i < n; i++) {
            b.set(i, lo + (hi - lo) * random.nextDouble());
        }
        return a;
    }

    /** A new array of normal values with the given mean and standard deviation. */
    public INDArray normal(DataType type, double mean, double std, long... shape) {
        INDArray a = Nd4j.createUninitialized(type, shape);
        Buf b = Buf.of(a);
        long n = a.length();
        for (int i = 0; i < n; i++) {
            b.set(i, mean + std * normal());
        }
        return a;
    }
}
