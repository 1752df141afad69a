package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;

/**
 * A trainable array, named locally within its module ({@code w_ih}); {@link Module#parameters()}
 * gives its dotted path in the model ({@code encoder.lstm0.w_ih}).
 * Optimizers update its value in place, so references held by the graph stay valid; freezing
 * turns gradient collection off without removing it from the model.
 */
public final class Parameter extends Tensor {
    private final String name;
    private final Initializer initializer;
    private final INDArray initialSnapshot;

    /** A parameter whose re-initialisation restores a copy of {@code value}. */
    public Parameter(String name, INDArray value) {
        super(value, true, null, new Tensor[0]);
        this.name = name;
        this.initializer = null;
        this.initialSnapshot = value.dup();
    }

    /** A parameter drawn from {@code initializer}; re-initialisation draws again. */
    public Parameter(String name, Initializer initializer, Rng rng, DataType type, long... shape) {
        super(initializer.create(rng, type, shape), true, null, new Tensor[0]);
        this.name = name;
        this.initializer = initializer;
        this.initialSnapshot = null;
    }

    public String name() {
        return name;
    }

    public boolean trainable() {
        return requiresGrad();
    }

    /** Frozen parameters take part in the forward pass but receive no gradient and no update. */
    public void setTrainable(boolean trainable) {
        setRequiresGrad(trainable);
        if (!trainable) {
            zeroGrad();
        }
    }

    /**
     * Gives the parameter fresh starting values in place (graph references stay valid): drawn
     * from its initializer with {@code rng}, or the values it was created with.
     */
    public void reinitialize(Rng rng) {
        INDArray fresh = initializer != null ? initializer.create(rng, dtype(), shape()) : initialSnapshot;
        value().assign(fresh);
        zeroGrad();
    }

    @Override
    public String toString() {
        return name + super.toString().substring("Tensor".length());
    }
}
