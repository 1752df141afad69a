package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Tensor;

/**
 * A trainable array, named locally within its module ({@code w_ih}); {@link Module#parameters()}
 * gives its dotted path in the model ({@code encoder.lstm0.w_ih}).
 * Optimizers update its value in place, so references held by the graph stay valid; freezing
 * turns gradient collection off without removing it from the model.
 */
public final class Parameter extends Tensor {
    private final String name;

    public Parameter(String name, INDArray value) {
        super(value, true, null, new Tensor[0]);
        this.name = name;
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

    @Override
    public String toString() {
        return name + super.toString().substring("Tensor".length());
    }
}
