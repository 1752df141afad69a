package org.seqlab.nn;

import org.seqlab.autograd.Tensor;

/**
 * A module with one input and one output tensor, the unit that {@link Sequential} chains and
 * {@link Summary} tabulates. Layers with several inputs or states stay plain {@link Module}s.
 */
public abstract class Layer extends Module {

    public abstract Tensor forward(Tensor x);

    /** The layer as named in error messages: its class and, once known, its path in the model. */
    protected String describe() {
        return getClass().getSimpleName();
    }
}
