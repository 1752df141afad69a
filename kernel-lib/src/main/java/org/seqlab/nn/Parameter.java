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
    /** The shape of a declared-only parameter ({@link Module#declared}); null when it holds values. */
    private final long[] declaredShape;

    /** A parameter whose re-initialisation restores a copy of {@code value}. */
    public Parameter(String name, INDArray value) {
        super(value, true, null, new Tensor[0]);
        this.name = name;
        this.initializer = null;
        this.initialSnapshot = value.dup();
        this.declaredShape = null;
    }

    /** A parameter drawn from {@code initializer}; re-initialisation draws again. */
    public Parameter(String name, Initializer initializer, Rng rng, DataType type, long... shape) {
        super(initializer.create(rng, type, shape), true, null, new Tensor[0]);
        this.name = name;
        this.initializer = initializer;
        this.initialSnapshot = null;
        this.declaredShape = null;
    }

    /**
     * A parameter with a shape and no values, for counting a layer too large to allocate (the
     * lecture's dense layer on a 200 x 200 image has 1.6e9 weights, 6.4 GB in float32).
     */
    Parameter(String name, Initializer initializer, DataType type, long... shape) {
        super(org.nd4j.linalg.factory.Nd4j.empty(type), true, null, new Tensor[0]);
        this.name = name;
        this.initializer = initializer;
        this.initialSnapshot = null;
        this.declaredShape = shape.clone();
    }

    /** False for a parameter of a module built by {@link Module#declared}: it has a shape but no values. */
    public boolean allocated() {
        return declaredShape == null;
    }

    /** Number of elements, from the shape, so it works for declared-only parameters too. */
    public long length() {
        long n = 1;
        for (long d : shape()) {
            n *= d;
        }
        return n;
    }

    @Override
    public INDArray value() {
        if (declaredShape != null) {
            throw new IllegalStateException("parameter '" + name + "' " + java.util.Arrays.toString(declaredShape)
                    + " was only declared (Module.declared): it has no values; build the module normally to use it");
        }
        return super.value();
    }

    @Override
    public long[] shape() {
        return declaredShape != null ? declaredShape.clone() : super.shape();
    }

    @Override
    public long size(int dim) {
        return declaredShape != null ? declaredShape[dim < 0 ? declaredShape.length + dim : dim] : super.size(dim);
    }

    @Override
    public int rank() {
        return declaredShape != null ? declaredShape.length : super.rank();
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
