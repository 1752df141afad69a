package org.seqlab.nn;

import org.seqlab.autograd.Tensor;

/**
 * A module with one input and one output tensor, the unit that {@link Sequential} chains and
 * {@link Summary} tabulates. Layers with several inputs or states stay plain {@link Module}s.
 */
public abstract class Layer extends Module {

    public abstract Tensor forward(Tensor x);

    /** The model table (see {@link Summary}) from one pass over {@code example}. */
    public tech.tablesaw.api.Table summary(Tensor example) {
        return Summary.of(this, example);
    }

    /** What the layer is, with its sizes ("Linear(40 -> 30)"); the summary's type column. */
    protected String kind() {
        return getClass().getSimpleName();
    }

    /** The layer as named in error messages: its kind and its path in the model. */
    protected final String describe() {
        String path = path();
        return path.isEmpty() ? kind() : kind() + " '" + path + "'";
    }
}
