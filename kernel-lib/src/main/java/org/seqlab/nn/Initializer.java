package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;

/**
 * How a parameter gets its starting values; kept with the parameter so that
 * {@link Module#reinitialize(String, Rng)} can draw fresh ones. {@code Init::glorotUniform},
 * {@code Init::heNormal} etc. fit this interface.
 */
@FunctionalInterface
public interface Initializer {
    INDArray create(Rng rng, DataType type, long... shape);

    static Initializer zeros() {
        return (rng, type, shape) -> Init.constant(type, 0, shape);
    }

    static Initializer constant(double value) {
        return (rng, type, shape) -> Init.constant(type, value, shape);
    }
}
